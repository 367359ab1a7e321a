// Bulk admin actions: one lifecycle command for every certification a filter selects, e.g.
// open the biennial recheck now for every office named in 2022. Each office reports DONE,
// ALREADY_DONE (it is already where the action would take it: a repeat), REFUSED with the
// lifecycle's reason, or FAILED (Temporal did not answer; repeating the request retries it).
//
// Safe to repeat: the selection is frozen when the action is first recorded, a request with
// the same key (body `key`, else the Idempotency-Key header) resumes that record instead of
// acting again, and the lifecycle itself refuses a second recheck or spot check while one is
// open — which the report shows as ALREADY_DONE, not as an error.
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BulkAction, BulkActionItem, PrismaClient } from '../../generated/prisma/client';
import { isTerminal } from '../certification/workflow-api';
import type { Actor } from '../shared';
import type { Principal } from '../access';
import type { TemporalDeps } from '../certification';
import { actorOf } from '../access';
import { auditRow } from '../audit';
import type { CommandOutcome } from '../certification';
import { commandOutcome } from '../certification';
import { chinaDate, IdParams } from '../shared';
import { Problem, notFound } from '../../platform/http/problems';
import type { RouteSpec } from '../access';
import { route } from '../access';
import { BulkActionDetail, BulkActionSummary } from './responses';
import { itemsOf } from '../../platform/http/response-schemas';
import { within } from '../../platform/http/within';
import { isUniqueViolation } from '../../platform/db/unique-violation';

const base = '/api/v1/bulk-actions';

/** Commands sent at the same time; the rest wait their turn. */
export const BULK_CONCURRENCY = 5;
/**
 * How long one office's command may take. A command still unanswered then is FAILED (it may
 * yet be applied: repeating the request then reports it as ALREADY_DONE).
 */
export const BULK_COMMAND_TIMEOUT_MS = 30_000;
/** The most certifications one bulk action may select (a city has about a thousand offices). */
export const MAX_BULK_SELECTION = 5000;

export const BulkActionType = z.enum(['OPEN_RECHECK', 'START_SPOT_CHECK']);
export type BulkActionType = z.infer<typeof BulkActionType>;

export const BulkFilter = z
  .object({
    /** Offices named (certified) in this calendar year, China time. */
    certifiedInYear: z.number().int().min(2000).max(2100).optional(),
    countyId: z.string().min(1).optional(),
    certificationIds: z.array(z.string().min(1)).min(1).max(MAX_BULK_SELECTION).optional(),
  })
  .strict()
  .refine((f) => Object.values(f).some((v) => v !== undefined), {
    message: 'name at least one of certifiedInYear, countyId, certificationIds',
  });
export type BulkFilter = z.infer<typeof BulkFilter>;

export const BulkActionInput = z
  .object({
    action: BulkActionType,
    filter: BulkFilter,
    /** Recorded in each certification's timeline. */
    reason: z.string().trim().min(1).max(2000),
    /** The caller's key for this request; default: the Idempotency-Key header. */
    key: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type BulkActionInput = z.infer<typeof BulkActionInput>;

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

type Outcome = CommandOutcome['outcome'] | 'FAILED';
/** What an item's outcome may be, in the order a summary counts them. */
const ITEM_OUTCOMES = ['DONE', 'ALREADY_DONE', 'REFUSED', 'FAILED', 'PENDING'] as const;
type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

function requestHash(input: BulkActionInput): string {
  const canonical = JSON.stringify({
    action: input.action,
    reason: input.reason,
    filter: {
      certifiedInYear: input.filter.certifiedInYear ?? null,
      countyId: input.filter.countyId ?? null,
      certificationIds: input.filter.certificationIds
        ? [...input.filter.certificationIds].sort()
        : null,
    },
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** The action with its outcome counts (PENDING included), from (outcome, count) pairs. */
function summarise(action: BulkAction, counts: readonly { outcome: string; count: number }[]) {
  const summary = Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0])) as Record<
    ItemOutcome,
    number
  >;
  for (const { outcome, count } of counts) summary[outcome as ItemOutcome] += count;
  return {
    id: action.id,
    key: action.key,
    action: action.action,
    filter: action.filter,
    input: action.input,
    requestedBy: action.requestedBy,
    requestedAt: action.requestedAt.toISOString(),
    completedAt: action.completedAt?.toISOString() ?? null,
    selected: counts.reduce((n, c) => n + c.count, 0),
    summary,
  };
}

function present(action: BulkAction & { items: BulkActionItem[] }) {
  return {
    ...summarise(
      action,
      action.items.map((item) => ({ outcome: item.outcome, count: 1 })),
    ),
    items: [...action.items]
      .sort((a, b) => a.officeId.localeCompare(b.officeId))
      .map((item) => ({
        certificationId: item.certificationId,
        officeId: item.officeId,
        countyId: item.countyId,
        outcome: item.outcome,
        reason: item.reason,
        recordedAt: item.recordedAt?.toISOString() ?? null,
      })),
  };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function bulkActionRoutes(deps: {
  prisma: PrismaClient;
  temporal: TemporalDeps;
}): RouteSpec[] {
  const { prisma, temporal } = deps;

  async function load(id: string, cityId: string) {
    const action = await prisma.bulkAction.findFirst({
      where: { id, cityId },
      include: { items: true },
    });
    if (!action) throw notFound(`bulk action ${id}`, 'id');
    return action;
  }

  /** The live certifications of the caller's city that the filter names. */
  async function select(principal: Principal, filter: BulkFilter) {
    const rows = await prisma.certification.findMany({
      where: {
        cityId: principal.cityId,
        ...(filter.countyId ? { countyId: filter.countyId } : {}),
        ...(filter.certificationIds ? { id: { in: filter.certificationIds } } : {}),
      },
      select: { id: true, officeId: true, countyId: true, status: true, certifiedAt: true },
    });
    const selected = rows.filter((row) => {
      if (isTerminal(row.status)) return false;
      if (filter.certifiedInYear === undefined) return true;
      const at = row.certifiedAt?.getTime() ?? null;
      return at !== null && Number(chinaDate(at).slice(0, 4)) === filter.certifiedInYear;
    });
    if (selected.length > MAX_BULK_SELECTION) {
      throw new Problem(
        422,
        'Unprocessable Content',
        'the filter selects too many certifications',
        [{ field: 'filter', message: `selects ${selected.length}; at most ${MAX_BULK_SELECTION}` }],
      );
    }
    return selected;
  }

  /** Creates the record with its frozen selection, or finds the one this key already made. */
  async function recordOrResume(
    principal: Principal,
    input: BulkActionInput,
    key: string | null,
  ): Promise<{ id: string; created: boolean }> {
    const hash = requestHash(input);
    if (key) {
      const existing = await prisma.bulkAction.findUnique({
        where: { cityId_key: { cityId: principal.cityId, key } },
      });
      if (existing) {
        if (existing.requestHash !== hash) {
          throw new Problem(
            422,
            'Unprocessable Content',
            'this key was used for a different bulk action',
            [{ field: 'key', message: `already used by bulk action ${existing.id}` }],
          );
        }
        return { id: existing.id, created: false };
      }
    }
    const selected = await select(principal, input.filter);
    const id = randomUUID();
    const now = new Date();
    try {
      await prisma.$transaction([
        prisma.bulkAction.create({
          data: {
            id,
            cityId: principal.cityId,
            key,
            action: input.action,
            filter: input.filter,
            input: { reason: input.reason },
            requestHash: hash,
            requestedBy: principal.id,
            requestedAt: now,
          },
        }),
        prisma.bulkActionItem.createMany({
          data: selected.map((row) => ({
            bulkActionId: id,
            certificationId: row.id,
            officeId: row.officeId,
            countyId: row.countyId,
            outcome: 'PENDING',
          })),
        }),
        prisma.auditEvent.create({
          data: auditRow({
            id: `bulk-action:${id}`,
            cityId: principal.cityId,
            action: 'BULK_ACTION_REQUESTED',
            actor: principal,
            reason: input.reason,
            details: {
              bulkActionId: id,
              action: input.action,
              filter: input.filter,
              selected: selected.length,
            },
            occurredAt: now,
          }),
        }),
      ]);
    } catch (error) {
      // Two requests with the same key at once: the one that lost the race resumes the other.
      if (key && isUniqueViolation(error)) {
        return recordOrResume(principal, input, key);
      }
      throw error;
    }
    return { id, created: true };
  }

  async function run(id: string, actor: Actor, input: BulkActionInput): Promise<void> {
    const todo = await prisma.bulkActionItem.findMany({
      where: { bulkActionId: id, outcome: { in: ['PENDING', 'FAILED'] } },
    });
    await eachLimited(todo, BULK_CONCURRENCY, async (item) => {
      let result: { outcome: Outcome; reason: string | null };
      try {
        const answer = await within(
          commandOutcome(
            temporal,
            { certificationId: item.certificationId, officeId: item.officeId },
            input.action,
            { reason: input.reason },
            actor,
            `bulk-action:${id}`,
            `bulk-action:${id}:${item.certificationId}`,
          ),
          BULK_COMMAND_TIMEOUT_MS,
        );
        result = answer.done
          ? answer.value
          : { outcome: 'FAILED', reason: `no answer within ${BULK_COMMAND_TIMEOUT_MS / 1000} s` };
      } catch (error) {
        result = {
          outcome: 'FAILED',
          reason: error instanceof Error ? error.message : String(error),
        };
      }
      await prisma.bulkActionItem.update({
        where: {
          bulkActionId_certificationId: { bulkActionId: id, certificationId: item.certificationId },
        },
        data: { outcome: result.outcome, reason: result.reason, recordedAt: new Date() },
      });
    });
    const remaining = await prisma.bulkActionItem.count({
      where: { bulkActionId: id, outcome: { in: ['PENDING', 'FAILED'] } },
    });
    await prisma.bulkAction.update({
      where: { id },
      data: { completedAt: remaining === 0 ? new Date() : null },
    });
  }

  return [
    route({
      method: 'post',
      path: base,
      tag: 'Bulk actions',
      summary:
        'Apply OPEN_RECHECK or START_SPOT_CHECK to every live certification the filter selects; ' +
        'reports each office’s outcome. Repeating it (same key) resumes instead of acting again',
      roles: ['CITY_ADMIN'],
      body: BulkActionInput,
      responses: {
        201: {
          description: 'The bulk action with one outcome per office',
          schema: BulkActionDetail,
          headers: { Location: 'The bulk action' },
        },
        200: {
          description:
            'The bulk action this key already recorded (resumed where it had not finished)',
          schema: BulkActionDetail,
          headers: { Location: 'The bulk action' },
        },
      },
      handler: async ({ req, principal, body }) => {
        const key = body.key ?? req.get('Idempotency-Key')?.trim() ?? null;
        const { id, created } = await recordOrResume(principal, body, key || null);
        await run(id, actorOf(principal), body);
        return {
          status: created ? 201 : 200,
          body: present(await load(id, principal.cityId)),
          headers: { Location: `${base}/${id}` },
        };
      },
    }),
    route({
      method: 'get',
      path: base,
      tag: 'Bulk actions',
      summary: 'The city’s bulk actions, newest first',
      roles: ['CITY_ADMIN', 'CITY_REVIEWER'],
      query: ListQuery,
      responses: {
        200: {
          description: 'Bulk actions with their outcome counts (items omitted)',
          schema: itemsOf(BulkActionSummary),
        },
      },
      handler: async ({ principal, query }) => {
        const actions = await prisma.bulkAction.findMany({
          where: { cityId: principal.cityId },
          orderBy: { requestedAt: 'desc' },
          take: query.limit,
        });
        // Counted in the database: an action may have thousands of items.
        const counts = await prisma.bulkActionItem.groupBy({
          by: ['bulkActionId', 'outcome'],
          where: { bulkActionId: { in: actions.map((a) => a.id) } },
          _count: { _all: true },
        });
        const countsOf = (id: string) =>
          counts
            .filter((c) => c.bulkActionId === id)
            .map((c) => ({ outcome: c.outcome, count: c._count._all }));
        return {
          status: 200,
          body: { items: actions.map((a) => summarise(a, countsOf(a.id))) },
        };
      },
    }),
    route({
      method: 'get',
      path: `${base}/:id`,
      tag: 'Bulk actions',
      summary: 'One bulk action with each office’s outcome',
      roles: ['CITY_ADMIN', 'CITY_REVIEWER'],
      params: IdParams,
      responses: { 200: { description: 'The bulk action', schema: BulkActionDetail } },
      handler: async ({ principal, params }) => ({
        status: 200,
        body: present(await load(params.id, principal.cityId)),
      }),
    }),
  ];
}
