// Records a campaign workflow's history for the replay test (test/workflows/replay.test.ts
// replays every fixture in test/fixtures/histories/). Skipped unless asked for:
//   RECORD_CAMPAIGN_HISTORY=test/fixtures/histories/<name>.json npx jest test/workflows/campaign-history.test.ts
// The run: a two-phase campaign created through the API, its first phase with a report due,
// a reminder and two escalations, a milestone, then the hand-over to the next run at the
// second phase. The first run's history is written.
import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { seedDemoData } from '../../../modules/demo/seed';
import { campaignWorkflowId } from '../../../modules/campaign/messages';
import { createTestDatabase } from '../../support/database';
import { CONFIG } from '../../support/fixtures';
import { createTestWorker, startTimeSkippingServer, uniqueTaskQueue } from '../../support/temporal';

const recordTo = process.env.RECORD_CAMPAIGN_HISTORY;

(recordTo ? test : test.skip)('records a campaign run up to its second phase', async () => {
  const [env, db] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue('record-campaign');
  try {
    await seedDemoData(db.prisma);
    const worker = await createTestWorker(env, db.prisma, taskQueue);
    const app = createApp({ prisma: db.prisma, temporal: { client: env.client, taskQueue } });
    await worker.runUntil(async () => {
      const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
      const created = await request(app)
        .post('/api/v1/campaigns')
        .set('Authorization', 'Bearer dev-city-admin')
        .send({
          name: `${year}年回放用活动`,
          startYear: year,
          endYear: year,
          startsOn: `${year}-01-01`,
          endsOn: `${year}-12-31`,
          phases: [
            {
              kind: 'MOBILISATION',
              startsOn: `${year}-01-01`,
              endsOn: `${year}-03-31`,
              duties: [
                {
                  kind: 'IMPLEMENTATION_PLAN',
                  schedule: { every: 'ONCE', dueOn: `${year}-01-31` },
                },
              ],
            },
            {
              kind: 'IMPLEMENTATION',
              startsOn: `${year}-04-01`,
              endsOn: `${year}-09-30`,
              duties: [],
            },
            { kind: 'SUMMARY', startsOn: `${year}-10-01`, endsOn: `${year}-12-31`, duties: [] },
          ],
          reminderOffsets: ['7d'],
          criteriaVersionId: 'fengqiao-office@1',
          config: CONFIG,
          targets: {
            city: { share: 0.1 },
            milestones: [{ date: `${year}-03-15`, expected: { share: 0.2 } }],
          },
        });
      expect(created.status).toBe(201);
      const handle = env.client.workflow.getHandle(
        campaignWorkflowId((created.body as { id: string }).id),
      );
      const firstRun = (await handle.describe()).runId;
      const target = Date.parse(`${year}-04-01T00:00:01+08:00`);
      await env.sleep(target - (await env.currentTimeMs()));
      for (;;) {
        const description = await handle.describe();
        if (description.runId !== firstRun) break;
        await env.sleep('1 hour');
      }
      const history = await env.client.workflow
        .getHandle(handle.workflowId, firstRun)
        .fetchHistory();
      writeFileSync(recordTo ?? '', JSON.stringify(history, null, 1));
    });
  } finally {
    await env.teardown();
    await db.close();
  }
});
