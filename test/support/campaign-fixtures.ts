// A campaign a city admin may create: three years from 2025 in the three phases, with the
// demo's durations and reminders, and no duties (each test adds what it needs).
import { DEMO_CAMPAIGN_CONFIG, DEMO_CAMPAIGN_PLAN } from '../../modules/demo/seed';

export function validCampaign() {
  return {
    ...DEMO_CAMPAIGN_PLAN,
    name: '2025—2027年“枫桥式”司法所创建',
    startYear: 2025,
    endYear: 2027,
    startsOn: '2025-03-01',
    endsOn: '2027-12-31',
    phases: [
      { kind: 'MOBILISATION', startsOn: '2025-03-01', endsOn: '2025-04-30', duties: [] },
      { kind: 'IMPLEMENTATION', startsOn: '2025-05-01', endsOn: '2027-09-30', duties: [] },
      { kind: 'SUMMARY', startsOn: '2027-10-01', endsOn: '2027-12-31', duties: [] },
    ],
    criteriaVersionId: 'fengqiao-office@1',
    config: DEMO_CAMPAIGN_CONFIG,
    targets: { city: { share: 0.1 } },
  };
}
