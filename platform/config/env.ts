// The only module that reads process.env. Everything else receives an AppConfig.
import path from 'node:path';
import { z } from 'zod';
import { Duration, durationMs } from './duration';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce.number().int().min(0).max(65535);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL URL. Unset: the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Where embedded state lives: PGlite files, the Temporal dev server's SQLite file. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** host:port of a running Temporal frontend. Unset: `npm start` runs the CLI dev server. */
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('certification'),
  /** Path to the `temporal` CLI binary; otherwise PATH, then the tools cache. */
  TEMPORAL_CLI: z.string().min(1).optional(),
  /** Ports of the dev server that `npm start` runs (ignored with TEMPORAL_ADDRESS). */
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Where the Temporal Web UI is, for the start-up banner. */
  TEMPORAL_UI_URL: z.string().url().optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** Seed the demo city, counties, offices, campaign and API keys (idempotent). */
  SEED_DEMO_DATA: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** SMTP relay, e.g. smtp://mail.example:25. Unset: `npm start` runs a local mail capture. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Port of the local mail capture (0: any free port). */
  SMTP_CAPTURE_PORT: port.default(0),
  MAIL_FROM: z.string().min(3).default('枫桥式司法所认定系统 <noreply@fengqiao.local>'),
  /** When the daily digest goes out (cron, in DIGEST_TIMEZONE). */
  DIGEST_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron expression')
    .default('0 8 * * *'),
  DIGEST_TIMEZONE: z.string().min(1).default('Asia/Shanghai'),
  /** When the spot-check draw runs (cron, in SPOT_CHECK_TIMEZONE); default monthly. */
  SPOT_CHECK_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron expression')
    .default('0 9 1 * *'),
  SPOT_CHECK_TIMEZONE: z.string().min(1).default('Asia/Shanghai'),
  /** Share of each city's certified offices drawn for a spot check (at least one). */
  SPOT_CHECK_SHARE: z.coerce.number().gt(0).max(1).default(0.05),
  /**
   * Signs the access tokens issued at login (HS256). Required by the API in production;
   * otherwise a random secret per process (tokens then end with the process).
   */
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How long an access token is valid, e.g. 15m, 1h. */
  AUTH_TOKEN_TTL: Duration.default('15m'),
  /** Failed logins allowed per client address per 15 minutes (successful ones do not count). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * How long an Idempotency-Key reservation holds; after it the key counts as abandoned and
   * the next attempt with it takes over (decision 0013).
   */
  IDEMPOTENCY_LEASE: Duration.default('2m'),
  /**
   * How many workflows the worker keeps in memory between their tasks. A parked certification
   * needs none: it is rebuilt from its history when its next task comes. Unset: sized from the
   * heap (see worker/cache-size.ts).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).optional(),
  /** Browser origins allowed to call the API (comma-separated); empty: no CORS headers. */
  CORS_ORIGINS: z.string().default(''),
  /**
   * Behind a reverse proxy: which hops to trust for the client address (Express's `trust
   * proxy`: a hop count, `loopback`, addresses/subnets, `true`). Unset: the socket's address.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[\w.:/, -]+)$/, 'a hop count, true/false, or addresses/subnets')
    .optional(),
});
export type EnvSchema = z.infer<typeof EnvSchema>;

export type DatabaseConfig =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface AppConfig {
  nodeEnv: EnvSchema['NODE_ENV'];
  database: DatabaseConfig;
  dataDir: string;
  temporal: {
    /** Undefined when the caller is expected to start a dev server. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    cliPath: string | undefined;
    devServerPort: number;
    devServerUiPort: number;
    uiUrl: string | undefined;
  };
  http: { host: string; port: number };
  seedDemoData: boolean;
  logLevel: EnvSchema['LOG_LEVEL'];
  mail: { smtpUrl: string | undefined; capturePort: number; from: string };
  digest: { cron: string; timezone: string };
  spotChecks: { cron: string; timezone: string; share: number };
  security: SecurityConfig;
  idempotency: { leaseMs: number };
  /** Undefined: sized from the worker's heap. */
  worker: { maxCachedWorkflows: number | undefined };
}

export interface SecurityConfig {
  /** Undefined: a random secret per process (development only). */
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  loginRateLimit: number;
  corsOrigins: string[];
  /** Express's `trust proxy`: decides the client address that login throttling counts by. */
  trustProxy: boolean | number | string;
}

function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export class ConfigError extends Error {}

/** The API signs login tokens: in production it must be given the secret to sign them with. */
export function requireTokenSecret(config: AppConfig): void {
  if (config.nodeEnv === 'production' && config.security.tokenSecret === undefined) {
    throw new ConfigError('Invalid environment:\n  AUTH_TOKEN_SECRET: required in production');
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const database: DatabaseConfig =
    e.DATABASE_URL === undefined
      ? { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }
      : { kind: 'postgres', url: e.DATABASE_URL };
  return {
    nodeEnv: e.NODE_ENV,
    database,
    dataDir,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      cliPath: e.TEMPORAL_CLI,
      devServerPort: e.TEMPORAL_PORT,
      devServerUiPort: e.TEMPORAL_UI_PORT,
      uiUrl: e.TEMPORAL_UI_URL,
    },
    http: { host: e.HOST, port: e.PORT },
    seedDemoData: e.SEED_DEMO_DATA ?? database.kind === 'pglite',
    logLevel: e.LOG_LEVEL,
    mail: { smtpUrl: e.SMTP_URL, capturePort: e.SMTP_CAPTURE_PORT, from: e.MAIL_FROM },
    digest: { cron: e.DIGEST_CRON, timezone: e.DIGEST_TIMEZONE },
    spotChecks: {
      cron: e.SPOT_CHECK_CRON,
      timezone: e.SPOT_CHECK_TIMEZONE,
      share: e.SPOT_CHECK_SHARE,
    },
    security: {
      tokenSecret: e.AUTH_TOKEN_SECRET,
      tokenTtlSeconds: Math.ceil(durationMs(e.AUTH_TOKEN_TTL) / 1000),
      loginRateLimit: e.LOGIN_RATE_LIMIT,
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
      trustProxy: trustProxyOf(e.TRUST_PROXY),
    },
    idempotency: { leaseMs: durationMs(e.IDEMPOTENCY_LEASE) },
    worker: { maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS },
  };
}
