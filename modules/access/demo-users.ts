// Demo people for local use, one per role, all with the same well-known password. Seeded by
// `npm start` with the rest of the demo data (never in production: SEED_DEMO_DATA=false).
import { defaultFunctionsForRole } from '../notification/workflow-api';
import type { Role } from '../shared';
import type { PrismaClient } from '../../generated/prisma/client';
import { hashPassword } from './passwords';
import { DEMO } from '../demo';

export const DEMO_PASSWORD = 'fengqiao-demo';

export const DEMO_USERS: readonly {
  username: string;
  displayName: string;
  role: Role;
  cityId: string;
  countyId: string | null;
}[] = [
  {
    username: 'yuzhong.operator',
    displayName: '渝中区司法局 经办人',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.yuzhong,
  },
  {
    username: 'jiangbei.operator',
    displayName: '江北区司法局 经办人',
    role: 'COUNTY_OPERATOR',
    cityId: DEMO.cityId,
    countyId: DEMO.counties.jiangbei,
  },
  {
    username: 'cq.reviewer',
    displayName: '重庆市司法局 审核员',
    role: 'CITY_REVIEWER',
    cityId: DEMO.cityId,
    countyId: null,
  },
  {
    username: 'cq.inspector',
    displayName: '重庆市司法局 评估员',
    role: 'INSPECTOR',
    cityId: DEMO.cityId,
    countyId: null,
  },
  {
    username: 'cq.admin',
    displayName: '重庆市司法局 管理员',
    role: 'CITY_ADMIN',
    cityId: DEMO.cityId,
    countyId: null,
  },
  {
    username: 'ls.admin',
    displayName: '乐山市司法局 管理员',
    role: 'CITY_ADMIN',
    cityId: DEMO.otherCityId,
    countyId: null,
  },
];

export async function seedDemoUsers(prisma: PrismaClient): Promise<void> {
  const existing = new Set(
    (await prisma.user.findMany({ select: { username: true } })).map((user) => user.username),
  );
  const missing = DEMO_USERS.filter((user) => !existing.has(user.username));
  if (missing.length === 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.user.createMany({
    data: missing.map((user) => ({
      id: `user-${user.username}`,
      ...user,
      // As for any new user: with an email they would hear their role's notices.
      notificationFunctions: defaultFunctionsForRole(user.role),
      passwordHash,
      createdBy: 'seed',
    })),
    skipDuplicates: true,
  });
}
