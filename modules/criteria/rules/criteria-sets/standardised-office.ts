// 规范化司法所 (standardised office), version 1: the measurable standards of the
// standardisation programmes — seed 000 (芜湖市《全市司法所建设规范提升工程实施方案》,
// 芜司字〔2017〕17号) and seed 004 (《加强乐山市司法所规范化建设工作方案》, 乐府办函〔2018〕71号)
// — plus the staffing and Party rules of seed 003. Every measurable standard is a mandatory
// item checked from the office profile; the rest is scored by the inspector. Points and the
// pass line are ours (the seeds give none).
//
// Population bands (seed 000 三(三)): “10万人以上 ≥200; 5万至10万 ≥180; 5万人口以下 ≥160”.
// The phrases overlap at 50,000 and 100,000 (以上/以下 include the number, 民法典 第1259条);
// where two bands claim a population the stricter one applies, so the bands are
// [0, 50,000) → 160, [50,000, 100,000) → 180, [100,000, ∞) → 200.
import type { CriteriaSet } from '../criteria';

const WUHU = '芜湖《全市司法所建设规范提升工程实施方案》(seed 000)';
const LESHAN = '《加强乐山市司法所规范化建设工作方案》(seed 004)';
const CQ = '重庆《“枫桥式”司法所创建方案》(seed 003)';

export const STANDARDISED_OFFICE_V1: CriteriaSet = {
  code: 'standardised-office',
  version: 1,
  titleZh: '规范化司法所',
  titleEn: 'Standardised judicial office',
  source: `${WUHU}; ${LESHAN}; ${CQ}`,
  totalPoints: 100,
  passThreshold: 80,
  dimensions: [
    {
      code: 'FACILITIES',
      titleZh: '基础设施',
      titleEn: 'Premises and equipment',
      source: `${WUHU} 三(三) 提升司法所基础设施建设水平; ${LESHAN} 二(一)3、二(三)1`,
      items: [
        {
          code: 'PREMISES_AREA',
          titleZh: '办公及业务用房面积达标(街道≥120平方米;乡镇按人口≥160/180/200平方米)',
          titleEn:
            'Office and business premises (street ≥120 m²; township by population ≥160/180/200 m²)',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA', 'ON_SITE', 'DOCUMENT'],
          source:
            `${WUHU} 三(三): “新建街道司法所办公业务用房面积达到120平方米以上。乡镇人口在10万人` +
            '以上的……达到200平方米以上,5万至10万人口的,不低于180平方米,5万人口以下的,不低于160平方米”',
          autoCheck: {
            anyOf: [
              {
                metric: 'premisesAreaM2',
                operator: 'AT_LEAST',
                bands: [
                  { officeType: 'STREET', value: 120 },
                  { officeType: 'TOWNSHIP', populationBelow: 50_000, value: 160 },
                  {
                    officeType: 'TOWNSHIP',
                    populationFrom: 50_000,
                    populationBelow: 100_000,
                    value: 180,
                  },
                  { officeType: 'TOWNSHIP', populationFrom: 100_000, value: 200 },
                ],
              },
            ],
          },
        },
        {
          code: 'EXCLUSIVE_PREMISES',
          titleZh: '独立使用的业务用房不少于100平方米',
          titleEn: 'At least 100 m² of business premises for the office’s own use',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA', 'ON_SITE'],
          source: `${LESHAN} 二(一)3: “保证司法所独立使用的业务用房面积不少于100平方米”`,
          autoCheck: {
            anyOf: [{ metric: 'exclusivePremisesAreaM2', operator: 'AT_LEAST', value: 100 }],
          },
        },
        {
          code: 'FUNCTIONAL_ROOMS',
          titleZh: '功能室规范设置(调解室、社区矫正宣告室、档案室等),统一悬挂标识',
          titleEn: 'Functional rooms (mediation, correction, archives…) with standard signage',
          kind: 'SCORED',
          maxPoints: 15,
          evidence: ['ON_SITE', 'PHOTO'],
          source: `${WUHU} 三(三): 司法所办公及业务用房规范设置……等功能室`,
        },
        {
          code: 'EQUIPMENT',
          titleZh: '装备配备(工作用车、电脑、电话、打印机、传真机、照相机)',
          titleEn: 'Equipment (vehicle, computers, phones, printer, fax, camera)',
          kind: 'SCORED',
          maxPoints: 10,
          evidence: ['ON_SITE', 'RECORD'],
          source: `${WUHU} 三(三); ${LESHAN} 二(三)1 保证司法所装备配备`,
        },
        {
          code: 'VISUAL_IDENTITY',
          titleZh: '外观形象及室内标识规范',
          titleEn: 'Standard exterior and interior identity',
          kind: 'SCORED',
          maxPoints: 5,
          evidence: ['ON_SITE', 'PHOTO'],
          source: `${WUHU} 三(三) 形象识别系统; ${LESHAN} 二(四)1 提升司法所外观形象`,
        },
      ],
    },
    {
      code: 'STAFFING',
      titleZh: '队伍建设',
      titleEn: 'Staffing',
      source: `${WUHU} 三(二) 提升司法所工作队伍建设水平; ${LESHAN} 二(二); ${CQ} 一`,
      items: [
        {
          code: 'AUXILIARY_STAFF',
          titleZh: '专职辅助工作人员不少于3人',
          titleEn: 'At least 3 full-time auxiliary staff',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA', 'DOCUMENT'],
          source: `${WUHU} 三(二): “司法所所均聘用专职辅助工作人员一般不少于3人”`,
          autoCheck: {
            anyOf: [{ metric: 'fullTimeAuxiliaryStaff', operator: 'AT_LEAST', value: 3 }],
          },
        },
        {
          code: 'LEGAL_QUALIFIED_STAFF',
          titleZh: '配备一名具备法律职业资格的工作人员',
          titleEn: 'A staff member with the legal professional qualification',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA'],
          source: `${CQ} 一、队伍素质过硬: “原则上应当配备一名具备法律职业资格的工作人员”`,
          autoCheck: { anyOf: [{ metric: 'legalQualifiedStaff', operator: 'AT_LEAST', value: 1 }] },
        },
        {
          code: 'TRAINING',
          titleZh: '年度累计培训不少于12天或90个学时',
          titleEn: 'At least 12 days or 90 class hours of training a year',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA', 'RECORD'],
          source: `${LESHAN} 二(二)3: “每年至少集中培训1次,累计培训时间不少于12天或90个学时”`,
          autoCheck: {
            anyOf: [
              { metric: 'trainingDays', operator: 'AT_LEAST', value: 12 },
              { metric: 'trainingHours', operator: 'AT_LEAST', value: 90 },
            ],
          },
        },
        {
          code: 'PARTY_BRANCH',
          titleZh: '有正式党员3人以上的,成立党支部',
          titleEn: 'A Party branch where there are 3 or more full Party members',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA', 'DOCUMENT'],
          source: `${CQ} 一、基层组织健全: “有正式党员3人以上的,应当成立党支部”`,
          autoCheck: {
            appliesWhen: { metric: 'partyMembers', operator: 'AT_LEAST', value: 3 },
            anyOf: [{ metric: 'hasPartyBranch', operator: 'AT_LEAST', value: 1 }],
          },
        },
        {
          code: 'TEAM_MANAGEMENT',
          titleZh: '队伍教育管理(培训规划、岗位练兵、持证上岗)',
          titleEn: 'Team education and management (training plan, drills, certification)',
          kind: 'SCORED',
          maxPoints: 10,
          evidence: ['DOCUMENT', 'RECORD'],
          source: `${WUHU} 三(二)2、3; ${LESHAN} 二(二)3`,
        },
      ],
    },
    {
      code: 'FRONTLINE_WORK',
      titleZh: '基层工作服务保障',
      titleEn: 'Frontline work',
      source: `${WUHU} 三(四) 提升基层工作服务保障水平; ${LESHAN} 二(五) 强化司法所工作职能`,
      items: [
        {
          code: 'MEDIATION_SUCCESS',
          titleZh: '矛盾纠纷调解成功率保持在98%以上',
          titleEn: 'Mediation success rate of at least 98%',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA', 'RECORD'],
          source: `${WUHU} 三(四): “矛盾纠纷的调解成功率保持在98%以上”`,
          autoCheck: {
            appliesWhen: { metric: 'mediationCases', operator: 'AT_LEAST', value: 1 },
            anyOf: [{ metric: 'mediationSuccessRate', operator: 'AT_LEAST', value: 98 }],
          },
        },
        {
          code: 'NO_LOST_SUPERVISION',
          titleZh: '社区服刑人员无脱管漏管',
          titleEn: 'No one under community correction out of supervision',
          kind: 'MANDATORY',
          maxPoints: 0,
          evidence: ['OFFICE_DATA', 'RECORD'],
          source: `${WUHU} 三(四): “社区矫正工作制度健全……社区服刑人员无脱管漏管”`,
          autoCheck: {
            anyOf: [{ metric: 'communityCorrectionLost', operator: 'AT_MOST', value: 0 }],
          },
        },
        {
          code: 'MEDIATION_WORK',
          titleZh: '人民调解工作(排查、调处、联动联调、规范化建设)',
          titleEn: 'People’s mediation (screening, resolution, linked mediation)',
          kind: 'SCORED',
          maxPoints: 15,
          evidence: ['RECORD', 'INTERVIEW'],
          source: `${WUHU} 三(四); ${LESHAN} 二(五)1 加强对人民调解工作的指导管理`,
        },
        {
          code: 'COMMUNITY_CORRECTION',
          titleZh: '社区矫正日常管理规范',
          titleEn: 'Community correction managed by the rules',
          kind: 'SCORED',
          maxPoints: 10,
          evidence: ['RECORD', 'DOCUMENT'],
          source: `${WUHU} 三(四); ${LESHAN} 二(五)2 强化社区矫正人员日常管理工作`,
        },
        {
          code: 'RESETTLEMENT',
          titleZh: '安置帮教(重点人员衔接率100%、必接必送)',
          titleEn: 'Resettlement of released prisoners (every key person handed over)',
          kind: 'SCORED',
          maxPoints: 10,
          evidence: ['RECORD'],
          source: `${WUHU} 三(四): “重点人员衔接率达到100%”; ${LESHAN} 二(五)3`,
        },
        {
          code: 'LEGAL_SERVICES',
          titleZh: '公共法律服务与普法依法治理',
          titleEn: 'Public legal services, legal education and law-based governance',
          kind: 'SCORED',
          maxPoints: 5,
          evidence: ['RECORD', 'ON_SITE'],
          source: `${WUHU} 三(四); ${LESHAN} 二(五)4、5`,
        },
      ],
    },
    {
      code: 'MANAGEMENT',
      titleZh: '规范管理',
      titleEn: 'Management',
      source: `${WUHU} 三(五) 提升基层工作指导管理水平; ${LESHAN} 二(四) 推进司法所规范化建设`,
      items: [
        {
          code: 'WORK_RULES',
          titleZh: '工作制度健全(岗位目标责任制、请示汇报、档案管理等)',
          titleEn: 'Complete work rules (target responsibility, reporting, archives…)',
          kind: 'SCORED',
          maxPoints: 10,
          evidence: ['DOCUMENT'],
          source: `${WUHU} 三(五); ${LESHAN} 二(四)4 建立健全工作制度`,
        },
        {
          code: 'INFORMATISATION',
          titleZh: '信息化建设与应用(电子政务外网、电子档案、远程视频)',
          titleEn: 'IT in use (government network, electronic files, video links)',
          kind: 'SCORED',
          maxPoints: 5,
          evidence: ['ON_SITE', 'RECORD'],
          source: `${WUHU} 三(五)1; ${LESHAN} 二(四)2 推进司法所信息化建设`,
        },
        {
          code: 'FOUR_DISCLOSURES',
          titleZh: '所务管理“四公开”',
          titleEn: 'The “four disclosures” of office affairs',
          kind: 'SCORED',
          maxPoints: 5,
          evidence: ['ON_SITE', 'PHOTO'],
          source: `${LESHAN} 二(四)3 实行司法所所务管理“四公开”`,
        },
      ],
    },
  ],
};
