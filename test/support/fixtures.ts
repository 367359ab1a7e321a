// Shared test data: the demo organisations, actors for each role and short campaign
// durations so the time-skipping server covers years in seconds.
import { randomUUID } from 'node:crypto';
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../../modules/criteria/rules/criteria';
import type { CampaignConfig, DeclareInput } from '../../modules/certification/rules/schemas';
import type { Actor } from '../../modules/shared';
import { DEMO, DEMO_CAMPAIGN_CONFIG } from '../../modules/demo/seed';
import type { DeclareArgs } from '../../modules/certification/client';

/** The demo campaign without reminders, so timelines stay short; reminder tests add them. */
export const CONFIG: CampaignConfig = { ...DEMO_CAMPAIGN_CONFIG, reminderOffsets: undefined };

export const ACTORS = {
  yuzhongOperator: {
    id: 'apikey-dev-yuzhong-operator',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.yuzhong,
  },
  jiangbeiOperator: {
    id: 'apikey-dev-jiangbei-operator',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.jiangbei,
  },
  reviewer: {
    id: 'apikey-dev-city-reviewer',
    role: 'CITY_REVIEWER',
    cityId: DEMO.cityId,
    countyId: null,
  },
  inspector: { id: 'apikey-dev-inspector', role: 'INSPECTOR', cityId: DEMO.cityId, countyId: null },
  otherCityReviewer: {
    id: 'apikey-dev-leshan-reviewer',
    role: 'CITY_REVIEWER',
    cityId: DEMO.otherCityId,
    countyId: null,
  },
} satisfies Record<string, Actor>;

export const JIEFANGBEI = {
  id: 'office-jiefangbei',
  countyId: DEMO.counties.yuzhong,
  cityId: DEMO.cityId,
};
export const CHAOTIANMEN = {
  id: 'office-chaotianmen',
  countyId: DEMO.counties.yuzhong,
  cityId: DEMO.cityId,
};

export function declaration(officeId: string): DeclareInput {
  return {
    officeId,
    campaignId: DEMO.campaignId,
    plan: { summary: '以“枫桥经验”为引领,建设一站式矛盾纠纷化解平台', feature: '老马工作法' },
    contact: { name: '张三', phone: '023-63000000' },
  };
}

export function declareArgs(
  office: { id: string; countyId: string; cityId: string },
  config: CampaignConfig = CONFIG,
): DeclareArgs {
  return {
    certificationId: randomUUID(),
    office,
    declaration: declaration(office.id),
    config,
    criteria: PROVISIONAL_FENGQIAO_CRITERIA,
    actor: ACTORS.yuzhongOperator,
    requestId: randomUUID(),
  };
}

export const PASSING_SCORES = { PARTY: 18, RULE_OF_LAW: 18, PEOPLE: 17, SAFETY: 18, SERVE: 17 };
export const FAILING_SCORES = { PARTY: 10, RULE_OF_LAW: 12, PEOPLE: 10, SAFETY: 15, SERVE: 10 };
