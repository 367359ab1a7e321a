// Side effects of the spot-check sampling workflow: reading the candidates from the
// projection, recording the draw before anything is started, starting each chosen office's
// spot check through its certification workflow, and recording what became of it. Every
// activity is idempotent: the draw id is chosen by the workflow, and an office whose outcome
// is already recorded is not sent again.
import { Context } from '@temporalio/activity';
import type { CommandOutcome } from '../certification';
import { commandOutcome } from '../certification';
import type { SamplingCandidate } from './rules/sampling';
import { systemActor } from '../shared';
import { auditRow } from '../audit';
import type { PrismaClient } from '../../generated/prisma/client';

export interface RecordDrawArgs {
  drawId: string;
  cityId: string;
  seed: string;
  algorithm: string;
  share: number;
  candidates: SamplingCandidate[];
  chosen: SamplingCandidate[];
  trigger: 'SCHEDULE' | 'MANUAL';
  workflowId: string;
  drawnAt: number;
  requestedBy: string;
}

export interface StartDrawnSpotCheckArgs {
  drawId: string;
  cityId: string;
  certificationId: string;
  officeId: string;
  reason: string;
}

export type SpotCheckOutcome = 'STARTED' | 'ALREADY_OPEN' | 'REFUSED';

const OUTCOME_OF: Record<CommandOutcome['outcome'], SpotCheckOutcome> = {
  DONE: 'STARTED',
  ALREADY_DONE: 'ALREADY_OPEN',
  REFUSED: 'REFUSED',
};

export function createSpotCheckActivities(prisma: PrismaClient) {
  return {
    async listSamplingCities(): Promise<string[]> {
      const cities = await prisma.city.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
      return cities.map((c) => c.id);
    },

    /** The city's certified offices as the projection has them now. */
    async listSpotCheckCandidates({ cityId }: { cityId: string }): Promise<SamplingCandidate[]> {
      const rows = await prisma.certification.findMany({
        where: { cityId, status: 'CERTIFIED' },
        select: { id: true, officeId: true, countyId: true, status: true },
      });
      return rows.map((r) => ({
        certificationId: r.id,
        officeId: r.officeId,
        countyId: r.countyId,
        status: r.status,
      }));
    },

    /** Records the draw and one PENDING item per chosen office; a retry changes nothing. */
    async recordSpotCheckDraw(args: RecordDrawArgs): Promise<void> {
      const existing = await prisma.spotCheckDraw.findUnique({ where: { id: args.drawId } });
      if (existing) return;
      await prisma.$transaction([
        prisma.spotCheckDraw.create({
          data: {
            id: args.drawId,
            cityId: args.cityId,
            seed: args.seed,
            algorithm: args.algorithm,
            share: args.share,
            sampleSize: args.chosen.length,
            candidates: args.candidates,
            chosen: args.chosen.map((c) => c.certificationId),
            trigger: args.trigger,
            workflowId: args.workflowId,
            drawnAt: new Date(args.drawnAt),
          },
        }),
        prisma.spotCheckDrawItem.createMany({
          data: args.chosen.map((c, position) => ({
            drawId: args.drawId,
            certificationId: c.certificationId,
            officeId: c.officeId,
            countyId: c.countyId,
            position,
            outcome: 'PENDING',
          })),
        }),
        prisma.auditEvent.createMany({
          data: [
            auditRow({
              id: `spot-check-draw:${args.drawId}`,
              cityId: args.cityId,
              action: 'SPOT_CHECK_DRAWN',
              actor: {
                id: args.requestedBy,
                role: args.trigger === 'SCHEDULE' ? 'SYSTEM' : 'CITY_ADMIN',
              },
              reason: `${args.chosen.length} of ${args.candidates.length} certified offices drawn`,
              details: {
                drawId: args.drawId,
                seed: args.seed,
                algorithm: args.algorithm,
                share: args.share,
                chosen: args.chosen.map((c) => c.certificationId),
              },
              occurredAt: new Date(args.drawnAt),
            }),
          ],
          skipDuplicates: true,
        }),
      ]);
    },

    /**
     * Starts the spot check through the lifecycle's START_SPOT_CHECK update, as the system, and
     * records the outcome. An outcome already recorded is returned as it is (a retry).
     */
    async startDrawnSpotCheck(
      args: StartDrawnSpotCheckArgs,
    ): Promise<{ outcome: SpotCheckOutcome; reason: string | null }> {
      const key = { drawId: args.drawId, certificationId: args.certificationId };
      const item = await prisma.spotCheckDrawItem.findUnique({
        where: { drawId_certificationId: key },
      });
      if (item && item.outcome !== 'PENDING') {
        return { outcome: item.outcome as SpotCheckOutcome, reason: item.reason };
      }
      const context = Context.current();
      const result = await commandOutcome(
        { client: context.client, taskQueue: context.info.taskQueue },
        { certificationId: args.certificationId, officeId: args.officeId },
        'START_SPOT_CHECK',
        { reason: args.reason },
        systemActor(args.cityId),
        `spot-check-draw:${args.drawId}`,
        `spot-check-draw:${args.drawId}:${args.certificationId}`,
      );
      const outcome = OUTCOME_OF[result.outcome];
      await prisma.spotCheckDrawItem.update({
        where: { drawId_certificationId: key },
        data: { outcome, reason: result.reason, recordedAt: new Date() },
      });
      return { outcome, reason: result.reason };
    },

    async completeSpotCheckDraw({ drawId }: { drawId: string }): Promise<void> {
      await prisma.spotCheckDraw.updateMany({
        where: { id: drawId, completedAt: null },
        data: { completedAt: new Date() },
      });
    },
  };
}

export type SpotCheckActivities = ReturnType<typeof createSpotCheckActivities>;
