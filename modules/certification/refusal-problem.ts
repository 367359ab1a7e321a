// How the HTTP routes answer a certification refusal: the lifecycle refused the action, or
// the certification is closed or being started (409, with the workflow's reason); the
// database refused to record it and the workflow undid it (422: retrying cannot help).
import { conflict, unprocessable } from '../../platform/http/problems';
import { CertificationRefusal } from './client';

/** Rethrows a refusal as its problem, anything else as it is; for `.catch()`. */
export function refusalAsProblem(error: unknown): never {
  if (error instanceof CertificationRefusal) {
    throw error.kind === 'NOT_CARRIED_OUT' ? unprocessable(error.message) : conflict(error.message);
  }
  throw error;
}
