// Spot-check draws: the record of each random sample (seed, candidates, chosen, outcome per
// office), a manual draw for a city admin, and the reproduction any city reviewer can run to
// check that a recorded draw follows from its seed.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SpotCheckDrawItem, SpotCheckDraw } from '../../generated/prisma/client';
import type { PrismaClient } from '../../generated/prisma/client';
import { SamplingCandidate, SamplingShare, reproduceDraw } from './rules/sampling';
import { citySpotCheckDrawWorkflow } from './workflow';
import type { TemporalDeps } from '../certification';
import { notFound } from '../../platform/http/problems';
import type { RouteSpec } from '../access';
import { route } from '../access';
import {
  DrawReproduction,
  SpotCheckDrawDetail,
  SpotCheckDrawRunning,
  SpotCheckDrawSummary,
} from './responses';
import { itemsOf } from '../../platform/http/response-schemas';
import { within } from '../../platform/http/within';
import { CITY_ROLES, IdParams } from '../shared';

/** How long a manual draw request waits for the draw to finish before answering 202. */
const MANUAL_DRAW_WAIT_MS = 10_000;
const base = '/api/v1/spot-check-draws';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const ManualDrawInput = z.object({
  /** Share of the city's certified offices to draw (at least one office if any). */
  share: SamplingShare,
});

const RecordedCandidates = z.array(SamplingCandidate);
const RecordedChosen = z.array(z.string());

function summary(
  draw: SpotCheckDraw & { items: SpotCheckDrawItem[] },
  candidates = RecordedCandidates.parse(draw.candidates),
) {
  const outcomes: Record<string, number> = {};
  for (const item of draw.items) outcomes[item.outcome] = (outcomes[item.outcome] ?? 0) + 1;
  return {
    id: draw.id,
    cityId: draw.cityId,
    trigger: draw.trigger,
    drawnAt: draw.drawnAt.toISOString(),
    completedAt: draw.completedAt?.toISOString() ?? null,
    seed: draw.seed,
    algorithm: draw.algorithm,
    share: draw.share,
    candidates: candidates.length,
    sampleSize: draw.sampleSize,
    outcomes,
  };
}

function present(draw: SpotCheckDraw & { items: SpotCheckDrawItem[] }) {
  const candidates = RecordedCandidates.parse(draw.candidates);
  return {
    ...summary(draw, candidates),
    workflowId: draw.workflowId,
    candidates,
    chosen: RecordedChosen.parse(draw.chosen),
    items: [...draw.items]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        position: item.position,
        certificationId: item.certificationId,
        officeId: item.officeId,
        countyId: item.countyId,
        outcome: item.outcome,
        reason: item.reason,
        recordedAt: item.recordedAt?.toISOString() ?? null,
      })),
  };
}

export function spotCheckDrawRoutes(deps: {
  prisma: PrismaClient;
  temporal: TemporalDeps;
}): RouteSpec[] {
  const { prisma, temporal } = deps;

  async function findDraw(id: string, cityId: string) {
    const draw = await prisma.spotCheckDraw.findFirst({
      where: { id, cityId },
      include: { items: true },
    });
    if (!draw) throw notFound(`spot-check draw ${id}`, 'id');
    return draw;
  }

  return [
    route({
      method: 'get',
      path: base,
      tag: 'Spot checks',
      summary: 'The city’s spot-check draws, newest first',
      roles: CITY_ROLES,
      query: ListQuery,
      responses: {
        200: {
          description: 'Draws with their seed and outcome counts',
          schema: itemsOf(SpotCheckDrawSummary),
        },
      },
      handler: async ({ principal, query }) => {
        const draws = await prisma.spotCheckDraw.findMany({
          where: { cityId: principal.cityId },
          include: { items: true },
          orderBy: { drawnAt: 'desc' },
          take: query.limit,
        });
        return { status: 200, body: { items: draws.map((draw) => summary(draw)) } };
      },
    }),
    route({
      method: 'get',
      path: `${base}/:id`,
      tag: 'Spot checks',
      summary: 'One draw: seed, candidates in draw order, chosen offices and each outcome',
      roles: CITY_ROLES,
      params: IdParams,
      responses: { 200: { description: 'The draw as recorded', schema: SpotCheckDrawDetail } },
      handler: async ({ principal, params }) => ({
        status: 200,
        body: present(await findDraw(params.id, principal.cityId)),
      }),
    }),
    route({
      method: 'post',
      path: base,
      tag: 'Spot checks',
      summary:
        'Draw now for the caller’s city (besides the schedule) and start the spot checks; ' +
        'answers once every chosen office has its outcome',
      roles: ['CITY_ADMIN'],
      body: ManualDrawInput,
      responses: {
        201: {
          description: 'The draw as recorded',
          schema: SpotCheckDrawDetail,
          headers: { Location: 'The draw' },
        },
        202: {
          description: 'The draw is still running; it appears at Location once recorded',
          schema: SpotCheckDrawRunning,
          headers: { Location: 'Where the draw will appear' },
        },
      },
      handler: async ({ principal, body }) => {
        const drawId = randomUUID();
        const workflowId = `spot-check-draw-${principal.cityId}-manual-${drawId}`;
        const handle = await temporal.client.workflow.start(citySpotCheckDrawWorkflow, {
          workflowId,
          taskQueue: temporal.taskQueue,
          args: [
            {
              cityId: principal.cityId,
              share: body.share,
              trigger: 'MANUAL',
              requestedBy: principal.id,
              drawId,
            },
          ],
        });
        const headers = { Location: `${base}/${drawId}` };
        // A draw takes seconds; if the workers are slow or down, answer 202 rather than hold the
        // request: the draw goes on and appears at its Location once recorded.
        const finished = await within(handle.result(), MANUAL_DRAW_WAIT_MS);
        if (!finished.done) {
          return { status: 202, body: { drawId, workflowId, status: 'RUNNING' }, headers };
        }
        return {
          status: 201,
          body: present(await findDraw(drawId, principal.cityId)),
          headers,
        };
      },
    }),
    route({
      method: 'post',
      path: `${base}/:id/reproduction`,
      tag: 'Spot checks',
      summary: 'Re-run a recorded draw from its seed and candidates and compare the chosen offices',
      roles: CITY_ROLES,
      params: IdParams,
      responses: {
        200: {
          description: '`matches`, with the recorded and the reproduced choice',
          schema: DrawReproduction,
        },
      },
      handler: async ({ principal, params }) => {
        const draw = await findDraw(params.id, principal.cityId);
        const reproduction = reproduceDraw({
          seed: draw.seed,
          share: draw.share,
          algorithm: draw.algorithm,
          candidates: RecordedCandidates.parse(draw.candidates),
          chosen: RecordedChosen.parse(draw.chosen),
        });
        return {
          status: 200,
          body: {
            drawId: draw.id,
            seed: draw.seed,
            algorithm: draw.algorithm,
            share: draw.share,
            ...reproduction,
          },
        };
      },
    }),
  ];
}
