// The certification module's public face for other modules: starting a certification and
// sending it lifecycle commands through Temporal, with refusals as typed values. Nothing
// here speaks HTTP, so activities may use it.
export type { CommandOutcome, CommandTarget } from './command-outcome';
export { ALREADY_DONE, commandOutcome } from './command-outcome';
export type { DeclareArgs, RefusalKind, TemporalDeps } from './client';
export { CertificationRefusal, declareCertification, sendCommand } from './client';
