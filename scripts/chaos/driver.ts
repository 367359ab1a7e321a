// Drives certification lifecycles over HTTP the way a county's and the city's systems would:
// every POST carries an Idempotency-Key, and a request whose outcome is unknown (a connection
// error, a timeout, a 5xx, 409 "still running", 429) is sent again with the same key until it
// gets an answer or its deadline passes. A refusal (another 4xx) is checked against the
// certification's timeline: if the action is there, it was applied by an earlier attempt and
// the lifecycle goes on (counted as a false conflict); otherwise the lifecycle is lost.
import { randomUUID } from 'node:crypto';
import { FENGQIAO_OFFICE_V1 } from '../../modules/criteria/workflow-api';
import { allItems } from '../../modules/criteria/workflow-api';
import { DEMO } from '../../modules/demo/seed';
import { say } from './log';

export const KEYS = {
  yuzhong: 'dev-yuzhong-operator',
  jiangbei: 'dev-jiangbei-operator',
  reviewer: 'dev-city-reviewer',
  inspector: 'dev-inspector',
  admin: 'dev-city-admin',
} as const;
const INSPECTOR_ID = 'apikey-dev-inspector';
const CAMPAIGN_ID = DEMO.campaignId;

/** The counties the run's offices are imported into, each with its operator's key. */
export const COUNTIES = [
  { code: 'CQ-YZ', key: KEYS.yuzhong },
  { code: 'CQ-JB', key: KEYS.jiangbei },
] as const;

/** The timeline actions one full lifecycle must show, each exactly once. */
export const INTENDED_ACTIONS = [
  'DECLARED',
  'DECLARATION_APPROVED',
  'PROGRESS_REPORTED',
  'EVIDENCE_ADDED',
  'VERIFICATION_REQUESTED',
  'INSPECTION_RECORDED',
  'DOCUMENT_REVIEW_RECORDED',
  'LOCAL_OPINION_RECORDED',
  'CERTIFIED',
] as const;

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface DriverStats {
  /** Milliseconds from the first attempt to the final answer, per logical request. */
  latencies: number[];
  attempts: number;
  retries: number;
  falseConflicts: number;
}

export interface DriverOptions {
  apiUrl: string;
  attemptTimeoutMs: number;
  requestDeadlineMs: number;
  onAnswered: () => void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Issue 15's target for a request in flight when a dependency fails. */
const SLOW_MS = 15_000;
const MAX_SLOW_REPORTS = 30;

/** Whether an answer leaves the outcome unknown, so the same request must be sent again. */
export function worthRetrying(status: number, body: unknown): boolean {
  if (status >= 500 || status === 429) return true;
  const detail = (body as { detail?: unknown } | null)?.detail;
  return status === 409 && typeof detail === 'string' && /still running/.test(detail);
}

export class Driver {
  readonly stats: DriverStats = { latencies: [], attempts: 0, retries: 0, falseConflicts: 0 };

  private slowReported = 0;

  constructor(private readonly options: DriverOptions) {}

  /** Names the first slow requests, so a high p99 can be read against the faults. */
  private noteSlow(
    method: string,
    path: string,
    status: number,
    started: number,
    attempts: number,
  ) {
    const ms = Date.now() - started;
    if (ms < SLOW_MS || this.slowReported >= MAX_SLOW_REPORTS) return;
    this.slowReported += 1;
    say(`slow: ${method} ${path} answered ${status} after ${ms} ms, ${attempts} attempt(s)`);
  }

  /** One logical request: retried with the same Idempotency-Key until answered or too late. */
  async request(
    method: 'GET' | 'POST',
    path: string,
    key: string,
    body?: unknown,
  ): Promise<HttpAnswer> {
    const idempotencyKey = method === 'POST' ? `chaos-${randomUUID()}` : undefined;
    const started = Date.now();
    const deadline = started + this.options.requestDeadlineMs;
    let lastProblem = '';
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) this.stats.retries += 1;
      this.stats.attempts += 1;
      let answer: HttpAnswer | undefined;
      try {
        const response = await fetch(`${this.options.apiUrl}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${key}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.attemptTimeoutMs),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = text.length > 0 ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text for the report
        }
        answer = { status: response.status, body: parsed, headers: response.headers };
      } catch (error) {
        lastProblem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      if (answer && !worthRetrying(answer.status, answer.body)) {
        this.noteSlow(method, path, answer.status, started, attempt + 1);
        this.stats.latencies.push(Date.now() - started);
        this.options.onAnswered();
        return answer;
      }
      if (answer) lastProblem = `HTTP ${answer.status}`;
      if (Date.now() > deadline) {
        this.stats.latencies.push(Date.now() - started);
        this.options.onAnswered();
        throw new Error(`${method} ${path}: no answer before the deadline (last: ${lastProblem})`);
      }
      const retryAfter = Number(answer?.headers.get('retry-after'));
      const backoff = Math.min(3000, 200 * 2 ** Math.min(attempt, 4));
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff;
      await pause(Math.min(5000, wait) * (0.5 + Math.random() / 2));
    }
  }
}

/** Scores that pass the Fengqiao-style set, with every manual mandatory item met. */
export function passingInspection() {
  const items = allItems(FENGQIAO_OFFICE_V1);
  return {
    scores: Object.fromEntries(
      items
        .filter((i) => i.kind === 'SCORED')
        .map((i) => [i.code, Math.round(i.maxPoints * 0.9 * 2) / 2]),
    ),
    triggeredVetoes: [],
    mandatory: Object.fromEntries(
      items.filter((i) => i.kind === 'MANDATORY' && !i.autoCheck).map((i) => [i.code, true]),
    ),
    findings: '良好',
  };
}

/** A profile that meets every measurable standard (as the demo's 解放碑司法所). */
export function importRow(code: string, name: string, countyCode: string) {
  return {
    code,
    name,
    type: 'STREET',
    countyCode,
    profileEffectiveFrom: '2022-01-01',
    population: 60_000,
    premisesAreaM2: 160,
    exclusivePremisesAreaM2: 120,
    staffTotal: 8,
    fullTimeAuxiliaryStaff: 3,
    legalQualifiedStaff: 2,
    partyMembers: 5,
    hasPartyBranch: true,
    trainingDays: 12,
    trainingHours: 96,
    mediationCases: 320,
    mediationSuccessful: 316,
    communityCorrectionSupervised: 12,
    communityCorrectionLost: 0,
  };
}

export interface LifecycleOutcome {
  officeId: string;
  certificationId: string | undefined;
  /** Why the driver stopped before CERTIFIED, if it did. */
  failure: string | undefined;
}

interface Step {
  path: string;
  key: string;
  body: unknown;
  /** The timeline action this step adds (none for the inspector's assignment). */
  action: string | undefined;
}

function steps(operator: string): Step[] {
  return [
    {
      path: 'declaration-review',
      key: KEYS.reviewer,
      body: { decision: 'APPROVE', reason: '同意创建' },
      action: 'DECLARATION_APPROVED',
    },
    {
      path: 'progress-reports',
      key: operator,
      body: { period: '2023Q1', summary: '完成阵地建设' },
      action: 'PROGRESS_REPORTED',
    },
    {
      path: 'evidence',
      key: operator,
      body: { kind: 'PHOTO', title: '调解室照片' },
      action: 'EVIDENCE_ADDED',
    },
    {
      path: 'verification-request',
      key: operator,
      body: { selfAssessment: { summary: '自评达标' } },
      action: 'VERIFICATION_REQUESTED',
    },
    {
      path: 'inspectors',
      key: KEYS.reviewer,
      body: { inspectorId: INSPECTOR_ID },
      action: undefined,
    },
    {
      path: 'inspection',
      key: KEYS.inspector,
      body: passingInspection(),
      action: 'INSPECTION_RECORDED',
    },
    {
      path: 'document-review',
      key: KEYS.reviewer,
      body: { passed: true, findings: '资料完整' },
      action: 'DOCUMENT_REVIEW_RECORDED',
    },
    {
      path: 'local-opinion',
      key: operator,
      body: { authority: '街道党工委', supportive: true, summary: '同意' },
      action: 'LOCAL_OPINION_RECORDED',
    },
    { path: 'decision', key: KEYS.reviewer, body: {}, action: 'CERTIFIED' },
  ];
}

/** Requests per lifecycle, for progress: the declaration plus the steps. */
export const REQUESTS_PER_LIFECYCLE = 1 + steps('').length;

function describe(answer: HttpAnswer): string {
  const detail = (answer.body as { detail?: unknown } | null)?.detail;
  return `HTTP ${answer.status}${typeof detail === 'string' ? ` (${detail})` : ''}`;
}

/** Timeline actions of a certification as the database shows them. */
export async function timelineOf(driver: Driver, certificationId: string): Promise<string[]> {
  const answer = await driver.request(
    'GET',
    `/api/v1/certifications/${certificationId}`,
    KEYS.admin,
  );
  if (answer.status !== 200) throw new Error(`reading ${certificationId}: ${describe(answer)}`);
  return (answer.body as { timeline: { action: string }[] }).timeline.map((e) => e.action);
}

/** The office's current certification, once the database shows it. */
async function currentCertification(driver: Driver, officeId: string): Promise<string | undefined> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await driver.request('GET', `/api/v1/offices/${officeId}`, KEYS.admin);
    const id = (answer.body as { certification?: { id?: string } | null } | null)?.certification
      ?.id;
    if (answer.status === 200 && id) return id;
    await pause(500);
  }
  return undefined;
}

/** One office from declaration to CERTIFIED. */
export async function driveLifecycle(
  driver: Driver,
  office: { id: string; operatorKey: string },
): Promise<LifecycleOutcome> {
  const outcome: LifecycleOutcome = {
    officeId: office.id,
    certificationId: undefined,
    failure: undefined,
  };
  try {
    const declared = await driver.request('POST', '/api/v1/certifications', office.operatorKey, {
      officeId: office.id,
      campaignId: CAMPAIGN_ID,
      plan: { summary: '以“枫桥经验”为引领,建设一站式矛盾纠纷化解平台', feature: '老马工作法' },
      contact: { name: '张三', phone: '023-63000000' },
    });
    if (declared.status === 201) {
      outcome.certificationId = (declared.body as { id: string }).id;
    } else if (declared.status === 409) {
      // An earlier attempt whose answer was lost may have declared it: find that one.
      outcome.certificationId = await currentCertification(driver, office.id);
      if (!outcome.certificationId) throw new Error(`declaring: ${describe(declared)}`);
      driver.stats.falseConflicts += 1;
    } else {
      throw new Error(`declaring: ${describe(declared)}`);
    }
    for (const step of steps(office.operatorKey)) {
      const path = `/api/v1/certifications/${outcome.certificationId}/${step.path}`;
      const answer = await driver.request('POST', path, step.key, step.body);
      if (answer.status === 200 || answer.status === 201) continue;
      // Refused: fine only if an earlier attempt of this very request was applied after all.
      const timeline = step.action ? await timelineOf(driver, outcome.certificationId) : [];
      if (step.action && timeline.includes(step.action)) {
        driver.stats.falseConflicts += 1;
        continue;
      }
      throw new Error(`${step.path}: ${describe(answer)}`);
    }
  } catch (error) {
    outcome.failure = error instanceof Error ? error.message : String(error);
  }
  return outcome;
}
