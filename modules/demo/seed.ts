// Demo data for local use (`npm start` seeds it when SEED_DEMO_DATA is on, the default on
// the embedded database): one city, its counties and offices, a campaign and one API key
// per role. Idempotent: running it twice changes nothing.
import { hashApiKey } from '../access';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { CampaignConfig } from '../certification/workflow-api';
import type { Role } from '../shared';
import {
  FENGQIAO_OFFICE_V1,
  STANDARDISED_OFFICE_V1,
  criteriaVersionId,
} from '../criteria/workflow-api';
import type { OfficeProfileValues } from '../office/workflow-api';
import type { CampaignPlan } from '../campaign/workflow-api';
import type { CampaignTargets } from '../campaign/workflow-api';

export const DEMO_CAMPAIGN_CONFIG: CampaignConfig = {
  declarationReviewPeriod: '30d',
  declarationRevisionPeriod: '15d',
  verificationPeriod: '60d',
  recheckInterval: '730d',
  recheckWindow: '60d',
  rectificationPeriod: '90d',
  escalationInterval: '7d',
  escalationChain: ['COUNTY_BUREAU_HEAD', 'CITY_BUREAU_DIVISION', 'CITY_ADMIN'],
  maxVerificationAttempts: 2,
  reminderOffsets: {
    DECLARATION_REVIEW: ['7d', '1d'],
    DECLARATION_REVISION: ['3d'],
    VERIFICATION_DECISION: ['7d', '1d'],
    CHECK_DECISION: ['7d', '1d'],
    RECTIFICATION_DEADLINE: ['14d', '7d', '1d'],
    RECTIFICATION_VERIFICATION: ['7d'],
  },
};

/**
 * Seed 003's three years (2022–2024) in the phases of seeds 000 and 002: county plans and
 * baseline surveys first, then annual work plans and quarterly progress reports, then the
 * summary and statistical reports.
 */
export const DEMO_CAMPAIGN_PLAN: CampaignPlan = {
  startYear: 2022,
  endYear: 2024,
  startsOn: '2022-03-01',
  endsOn: '2024-12-31',
  phases: [
    {
      kind: 'MOBILISATION',
      startsOn: '2022-03-01',
      endsOn: '2022-04-30',
      duties: [
        { kind: 'IMPLEMENTATION_PLAN', schedule: { every: 'ONCE', dueOn: '2022-03-31' } },
        { kind: 'BASELINE_SURVEY', schedule: { every: 'ONCE', dueOn: '2022-04-30' } },
      ],
    },
    {
      kind: 'IMPLEMENTATION',
      startsOn: '2022-05-01',
      endsOn: '2024-09-30',
      duties: [
        { kind: 'ANNUAL_WORK_PLAN', schedule: { every: 'YEAR', dueMonthDay: '01-31' } },
        { kind: 'QUARTERLY_PROGRESS', schedule: { every: 'QUARTER', daysAfterQuarterEnd: 10 } },
      ],
    },
    {
      kind: 'SUMMARY',
      startsOn: '2024-10-01',
      endsOn: '2024-12-31',
      duties: [
        { kind: 'SUMMARY_REPORT', schedule: { every: 'ONCE', dueOn: '2024-11-30' } },
        { kind: 'STATISTICAL_REPORT', schedule: { every: 'ONCE', dueOn: '2024-11-30' } },
      ],
    },
  ],
  reminderOffsets: ['7d', '1d'],
};

/** Seed 003: at least 10% of the offices named by the end of 2024, with yearly milestones. */
export const DEMO_CAMPAIGN_TARGETS: CampaignTargets = {
  city: { share: 0.1 },
  milestones: [
    { date: '2022-12-31', expected: { share: 0.4 }, label: '2022年度' },
    { date: '2023-12-31', expected: { share: 0.75 }, label: '2023年度' },
  ],
};

export const DEMO = {
  cityId: 'city-cq',
  otherCityId: 'city-ls',
  counties: {
    yuzhong: 'county-yuzhong',
    jiangbei: 'county-jiangbei',
    shizhong: 'county-ls-shizhong',
  },
  campaignId: 'campaign-cq-2022',
  otherCampaignId: 'campaign-ls-2022',
} as const;

interface DemoKey {
  key: string;
  name: string;
  role: Role;
  cityId: string;
  countyId: string | null;
}

/** Well-known keys for local use only; production never seeds them (SEED_DEMO_DATA=false). */
export const DEMO_API_KEYS: readonly DemoKey[] = [
  {
    key: 'dev-yuzhong-operator',
    name: '渝中区司法局 operator',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.yuzhong,
  },
  {
    key: 'dev-jiangbei-operator',
    name: '江北区司法局 operator',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.jiangbei,
  },
  {
    key: 'dev-city-reviewer',
    name: '重庆市司法局 reviewer',
    role: 'CITY_REVIEWER',
    cityId: DEMO.cityId,
    countyId: null,
  },
  {
    key: 'dev-inspector',
    name: '重庆市司法局 inspector',
    role: 'INSPECTOR',
    cityId: DEMO.cityId,
    countyId: null,
  },
  {
    key: 'dev-city-admin',
    name: '重庆市司法局 admin',
    role: 'CITY_ADMIN',
    cityId: DEMO.cityId,
    countyId: null,
  },
  {
    key: 'dev-leshan-reviewer',
    name: '乐山市司法局 reviewer',
    role: 'CITY_REVIEWER',
    cityId: DEMO.otherCityId,
    countyId: null,
  },
];

const OFFICES: {
  id: string;
  countyId: string;
  code: string;
  name: string;
  type: 'STREET' | 'TOWNSHIP';
}[] = [
  {
    id: 'office-jiefangbei',
    countyId: DEMO.counties.yuzhong,
    code: 'CQ-YZ-001',
    name: '解放碑司法所',
    type: 'STREET',
  },
  {
    id: 'office-chaotianmen',
    countyId: DEMO.counties.yuzhong,
    code: 'CQ-YZ-002',
    name: '朝天门司法所',
    type: 'STREET',
  },
  {
    id: 'office-shangqingsi',
    countyId: DEMO.counties.yuzhong,
    code: 'CQ-YZ-003',
    name: '上清寺司法所',
    type: 'STREET',
  },
  {
    id: 'office-guanyinqiao',
    countyId: DEMO.counties.jiangbei,
    code: 'CQ-JB-001',
    name: '观音桥司法所',
    type: 'STREET',
  },
  {
    id: 'office-yuzui',
    countyId: DEMO.counties.jiangbei,
    code: 'CQ-JB-002',
    name: '鱼嘴镇司法所',
    type: 'TOWNSHIP',
  },
  {
    id: 'office-ls-zhanggong',
    countyId: DEMO.counties.shizhong,
    code: 'LS-SZ-001',
    name: '张公桥司法所',
    type: 'STREET',
  },
];

/**
 * Each demo office's profile from 2022-01-01. The Chongqing offices meet every measurable
 * standard; Leshan's 张公桥 falls short of two (premises and auxiliary staff), to show a failing
 * auto-check under the standardised set.
 */
const OFFICE_PROFILES: Record<string, OfficeProfileValues> = {
  'office-jiefangbei': profile('STREET', 60_000, 160, 120, [8, 3, 2], [5, true], [320, 316]),
  'office-chaotianmen': profile('STREET', 45_000, 130, 100, [6, 3, 1], [3, true], [210, 207]),
  'office-shangqingsi': profile('STREET', 52_000, 125, 105, [6, 3, 1], [4, true], [180, 177]),
  'office-guanyinqiao': profile('STREET', 110_000, 180, 140, [9, 4, 2], [6, true], [400, 395]),
  'office-yuzui': profile('TOWNSHIP', 68_000, 190, 130, [7, 3, 1], [4, true], [150, 148]),
  'office-ls-zhanggong': profile('STREET', 40_000, 118, 100, [5, 2, 1], [3, true], [90, 89]),
};

function profile(
  officeType: OfficeProfileValues['officeType'],
  population: number,
  premisesAreaM2: number,
  exclusivePremisesAreaM2: number,
  [total, fullTimeAuxiliary, legalQualified]: [number, number, number],
  [members, hasBranch]: [number, boolean],
  [cases, successful]: [number, number],
): OfficeProfileValues {
  return {
    officeType,
    population,
    premisesAreaM2,
    exclusivePremisesAreaM2,
    staff: { total, fullTimeAuxiliary, legalQualified },
    party: { members, hasBranch },
    training: { days: 12, hours: 96 },
    mediation: { cases, successful },
    communityCorrection: { supervised: 12, lostSupervision: 0 },
  };
}

export const DEMO_PROFILE_EFFECTIVE_FROM = '2022-01-01';

export async function seedDemoData(
  prisma: PrismaClient,
  campaignConfig: CampaignConfig = DEMO_CAMPAIGN_CONFIG,
): Promise<void> {
  const config = campaignConfig as unknown as Prisma.InputJsonValue;
  await prisma.$transaction(async (tx) => {
    await tx.city.upsert({
      where: { id: DEMO.cityId },
      update: {},
      create: { id: DEMO.cityId, code: 'CQ', name: '重庆市' },
    });
    await tx.city.upsert({
      where: { id: DEMO.otherCityId },
      update: {},
      create: { id: DEMO.otherCityId, code: 'LS', name: '乐山市' },
    });
    const counties = [
      { id: DEMO.counties.yuzhong, cityId: DEMO.cityId, code: 'CQ-YZ', name: '渝中区' },
      { id: DEMO.counties.jiangbei, cityId: DEMO.cityId, code: 'CQ-JB', name: '江北区' },
      { id: DEMO.counties.shizhong, cityId: DEMO.otherCityId, code: 'LS-SZ', name: '市中区' },
    ];
    for (const county of counties) {
      await tx.county.upsert({ where: { id: county.id }, update: {}, create: county });
    }
    for (const office of OFFICES) {
      await tx.office.upsert({ where: { id: office.id }, update: {}, create: office });
    }
    // Profiles are append-only: insert once, never update.
    await tx.officeProfile.createMany({
      data: Object.entries(OFFICE_PROFILES).map(([officeId, values]) => ({
        id: `profile-${officeId}-2022`,
        officeId,
        effectiveFrom: new Date(`${DEMO_PROFILE_EFFECTIVE_FROM}T00:00:00.000Z`),
        values,
        note: '演示数据',
        recordedBy: 'seed',
      })),
      skipDuplicates: true,
    });
    // The demo campaign's plan is data only: its dates are past, so no workflow is started
    // for it (a campaign created through the API starts its own).
    const planned = {
      plan: DEMO_CAMPAIGN_PLAN as unknown as Prisma.InputJsonValue,
      targets: DEMO_CAMPAIGN_TARGETS as unknown as Prisma.InputJsonValue,
      startsOn: new Date(`${DEMO_CAMPAIGN_PLAN.startsOn}T00:00:00.000Z`),
      endsOn: new Date(`${DEMO_CAMPAIGN_PLAN.endsOn}T00:00:00.000Z`),
    };
    await tx.campaign.upsert({
      where: { id: DEMO.campaignId },
      update: planned,
      create: {
        id: DEMO.campaignId,
        cityId: DEMO.cityId,
        name: '2022—2024年“枫桥式”司法所创建',
        config,
        criteriaVersionId: criteriaVersionId(FENGQIAO_OFFICE_V1.code, FENGQIAO_OFFICE_V1.version),
        ...planned,
      },
    });
    await tx.campaign.upsert({
      where: { id: DEMO.otherCampaignId },
      update: {},
      create: {
        id: DEMO.otherCampaignId,
        cityId: DEMO.otherCityId,
        name: '乐山市司法所规范化建设',
        config,
        criteriaVersionId: criteriaVersionId(
          STANDARDISED_OFFICE_V1.code,
          STANDARDISED_OFFICE_V1.version,
        ),
      },
    });
    for (const demoKey of DEMO_API_KEYS) {
      const keyHash = hashApiKey(demoKey.key);
      await tx.apiKey.upsert({
        where: { keyHash },
        update: {},
        create: {
          id: `apikey-${demoKey.key}`,
          name: demoKey.name,
          role: demoKey.role,
          cityId: demoKey.cityId,
          countyId: demoKey.countyId,
          keyHash,
        },
      });
    }
  });
}

/** Demo mail recipients, one per function and county, for the local mail capture. */
export const DEMO_RECIPIENTS = [
  {
    id: 'rcpt-yz-operator',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.yuzhong,
    function: 'COUNTY_OPERATOR',
    name: '渝中区司法局经办人',
    email: 'operator@yuzhong.example.gov.cn',
    locale: 'zh-CN',
  },
  {
    id: 'rcpt-yz-head',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.yuzhong,
    function: 'COUNTY_BUREAU_HEAD',
    name: '渝中区司法局局长',
    email: 'head@yuzhong.example.gov.cn',
    locale: 'zh-CN',
  },
  {
    id: 'rcpt-jb-operator',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.jiangbei,
    function: 'COUNTY_OPERATOR',
    name: '江北区司法局经办人',
    email: 'operator@jiangbei.example.gov.cn',
    locale: 'zh-CN',
  },
  {
    id: 'rcpt-jb-head',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.jiangbei,
    function: 'COUNTY_BUREAU_HEAD',
    name: '江北区司法局局长',
    email: 'head@jiangbei.example.gov.cn',
    locale: 'zh-CN',
  },
  {
    id: 'rcpt-cq-reviewer',
    cityId: DEMO.cityId,
    countyId: null,
    function: 'CITY_REVIEWER',
    name: '市司法局基层处审核员',
    email: 'reviewer@cq.example.gov.cn',
    locale: 'zh-CN',
  },
  {
    id: 'rcpt-cq-division',
    cityId: DEMO.cityId,
    countyId: null,
    function: 'CITY_BUREAU_DIVISION',
    name: '市司法局基层处处长',
    email: 'division@cq.example.gov.cn',
    locale: 'zh-CN',
  },
  {
    id: 'rcpt-cq-admin',
    cityId: DEMO.cityId,
    countyId: null,
    function: 'CITY_ADMIN',
    name: 'City bureau admin',
    email: 'admin@cq.example.gov.cn',
    locale: 'en',
  },
] as const;

export async function seedDemoRecipients(prisma: PrismaClient): Promise<void> {
  for (const recipient of DEMO_RECIPIENTS) {
    await prisma.recipient.upsert({ where: { id: recipient.id }, update: {}, create: recipient });
  }
}
