// Response schemas of the security routes: the login, the caller, users and API keys.
import { z } from 'zod';
import { Role } from '../shared';
import { Timestamp } from '../../platform/http/response-schemas';

export const Principal = z
  .object({
    id: z.string(),
    kind: z.enum(['user', 'api-key']),
    name: z.string(),
    role: Role,
    cityId: z.string(),
    countyId: z.string().nullable(),
  })
  .meta({ id: 'Principal' });

export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    language: z.string().meta({ description: 'zh-CN or en: the language of their mail' }),
    notificationFunctions: z
      .array(z.string())
      .meta({ description: 'The functions whose notices they receive' }),
    role: Role,
    cityId: z.string(),
    countyId: z.string().nullable(),
    createdAt: Timestamp,
    lastLoginAt: Timestamp.nullable(),
    disabledAt: Timestamp.nullable(),
  })
  .meta({ id: 'User' });

export const LoginResult = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: Timestamp,
    user: User,
  })
  .meta({ id: 'LoginResult' });

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    cityId: z.string(),
    countyId: z.string().nullable(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const IssuedApiKey = ApiKey.extend({
  key: z.string().meta({ description: 'The key itself, shown this once' }),
}).meta({ id: 'IssuedApiKey' });

/** One entry of the recipient directory: a user, a county head or an extra address. */
export const NotificationRecipient = z
  .object({
    id: z.string(),
    source: z.string().meta({ description: 'USER, COUNTY_HEAD or EXTRA' }),
    name: z.string(),
    email: z.string(),
    language: z.string(),
    functions: z.array(z.string()),
    countyId: z.string().nullable(),
    active: z.boolean(),
    createdAt: Timestamp.optional(),
    updatedAt: Timestamp.optional(),
  })
  .meta({ id: 'NotificationRecipient' });
