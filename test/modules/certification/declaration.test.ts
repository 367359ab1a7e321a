import { declareCertification, sendCommand } from '../../../modules/certification/client';
import { stateQuery, certificationWorkflowId } from '../../../modules/certification/messages';
import { useWorkflowHarness } from '../../support/harness';
import { ACTORS, CONFIG, JIEFANGBEI, declareArgs } from '../../support/fixtures';

const h = useWorkflowHarness({ server: 'time-skipping', name: 'declaration' });
const { taskQueue } = h;

const temporal = () => ({ client: h.env.client, taskQueue });

test('an unreviewed declaration escalates inside the city after its review period, over 730 simulated days', async () => {
  const args = declareArgs(JIEFANGBEI, {
    ...CONFIG,
    declarationReviewPeriod: '700d',
    escalationInterval: '15d',
  });
  const declared = await declareCertification(temporal(), args);
  expect(declared.status).toBe('DECLARED');

  const started = Date.now();
  await h.env.sleep('731 days');
  const handle = h.env.client.workflow.getHandle(certificationWorkflowId(JIEFANGBEI.id));
  const view = await handle.query(stateQuery);
  expect(view.due[0]).toMatchObject({ kind: 'DECLARATION_REVIEW', escalations: 2 });

  const events = await h.db.prisma.auditEvent.findMany({
    where: { certificationId: args.certificationId },
    orderBy: { revision: 'asc' },
  });
  // The review is the city's to do: the city's rungs of the chain only, not the county head.
  expect(events.map((e) => e.action)).toEqual(['DECLARED', 'ESCALATED', 'ESCALATED']);
  expect(events.slice(1).map((e) => (e.details as { target: string }).target)).toEqual([
    'CITY_BUREAU_DIVISION',
    'CITY_ADMIN',
  ]);
  expect(Date.now() - started).toBeLessThan(60_000);

  const approved = await sendCommand(
    temporal(),
    { certificationId: args.certificationId, officeId: JIEFANGBEI.id },
    'REVIEW_DECLARATION',
    { decision: 'APPROVE', reason: '材料齐全' },
    ACTORS.reviewer,
    'req-1',
  );
  expect(approved.status).toBe('BUILDING');
  const row = await h.db.prisma.certification.findUniqueOrThrow({
    where: { id: args.certificationId },
  });
  expect(row.status).toBe('BUILDING');
});
