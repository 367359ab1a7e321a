// Holds the router to its published contract. Each route spec declares its answers (a zod
// schema per JSON success, media types per file, none for 204) and the problem statuses it
// may give; tsc checks each handler's body against them, and this module checks what a
// handler actually returned at run time: the declared status, the declared media type, and a
// JSON body that, once serialised, matches its schema with no undeclared member. The test
// harnesses turn it on (`contract: 'enforce'`), so every API and end-to-end test is also a
// contract test; a mismatch answers 500 with the reason instead of a body the document lies
// about.
import type { Logger } from 'pino';
import { problemStatuses } from './openapi';
import { Problem } from './problems';
import type { Answer, Answers, HandlerResult, ProblemReasons } from './routes';
import { RawBody } from './routes';

/** `enforce`: a mismatch answers 500 (tests); `log`: it is logged and the answer sent. */
export type ContractMode = 'enforce' | 'log';

interface CheckedRoute {
  method: string;
  path: string;
  responses: Answers;
  body?: unknown;
  params?: unknown;
  query?: unknown;
  problems?: ProblemReasons;
}

/** What is wrong with a handler's result for its route; empty when it keeps the contract. */
export function answerViolations(route: CheckedRoute, result: HandlerResult): string[] {
  const answer: Answer | undefined = route.responses[result.status];
  if (!answer) {
    return [
      `status ${result.status} is not declared (declared: ${Object.keys(route.responses).join(', ')})`,
    ];
  }
  if ('mediaTypes' in answer) {
    if (!(result.body instanceof RawBody)) return ['a file was declared, JSON was returned'];
    const type = result.body.contentType.split(';')[0]?.trim() ?? '';
    return answer.mediaTypes.includes(type)
      ? []
      : [`media type ${type} is not declared (declared: ${answer.mediaTypes.join(', ')})`];
  }
  if (result.body instanceof RawBody)
    return ['JSON (or no body) was declared, a file was returned'];
  if (!('schema' in answer)) {
    return result.body === null || result.body === undefined
      ? []
      : [`status ${result.status} is declared without a body, one was returned`];
  }
  if (result.body === undefined) return ['a JSON body was declared, none was returned'];
  // What the client receives: the body as res.json serialises it (dates become strings,
  // undefined members vanish).
  const wire: unknown = JSON.parse(JSON.stringify(result.body));
  const parsed = answer.schema.safeParse(wire);
  if (!parsed.success) {
    return parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`,
    );
  }
  const sent = Object.keys(result.headers ?? {}).map((name) => name.toLowerCase());
  const missing = Object.keys(answer.headers ?? {}).filter(
    (name) => !sent.includes(name.toLowerCase()),
  );
  return [
    ...undeclaredMembers(wire, parsed.data, []),
    ...missing.map((name) => `header ${name} is declared but was not sent`),
  ];
}

/**
 * Members the schema stripped (zod objects drop unknown keys): present on the wire, absent
 * after parsing. A client generated from the document would not know them.
 */
function undeclaredMembers(wire: unknown, parsed: unknown, path: string[]): string[] {
  if (Array.isArray(wire) && Array.isArray(parsed)) {
    return wire.flatMap((item, i) => undeclaredMembers(item, parsed[i], [...path, String(i)]));
  }
  if (isRecord(wire) && isRecord(parsed)) {
    return Object.keys(wire).flatMap((key) =>
      key in parsed
        ? undeclaredMembers(wire[key], parsed[key], [...path, key])
        : [`${[...path, key].join('.')}: not declared in the response schema`],
    );
  }
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with a problem status for its route; empty when the route declares it. */
export function problemViolations(
  route: CheckedRoute,
  status: number,
  authenticated: boolean,
): string[] {
  const declared: number[] = problemStatuses(route, authenticated);
  return declared.includes(status)
    ? []
    : [`problem status ${status} is not declared (declared: ${declared.join(', ')})`];
}

/**
 * Applies the mode to a route's violations: nothing, a log line, or a 500. The check runs
 * only when a mode is set: it serialises and re-parses the whole answer, which unchecked
 * (production) requests should not pay for (issue 16).
 */
export function holdToContract(
  mode: ContractMode | undefined,
  logger: Logger,
  route: CheckedRoute,
  check: () => string[],
): void {
  if (!mode) return;
  const violations = check();
  if (violations.length === 0) return;
  const name = `${route.method.toUpperCase()} ${route.path}`;
  logger.error({ route: name, violations }, 'response breaks the published contract');
  if (mode === 'enforce') {
    throw new Problem(
      500,
      'Response Contract Violation',
      `${name} answered outside its published contract: ${violations.slice(0, 5).join('; ')}`,
      violations.map((message) => ({ field: 'response', message })),
    );
  }
}
