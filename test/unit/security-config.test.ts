// The security settings read from the environment (platform/config/env.ts).
import { ConfigError, loadConfig, requireTokenSecret } from '../../platform/config/env';

const security = (env: Record<string, string>) => loadConfig(env).security;

test('defaults: a random per-process secret, 15-minute tokens, 10 failed logins, no CORS, no proxy', () => {
  expect(security({})).toEqual({
    tokenSecret: undefined,
    tokenTtlSeconds: 900,
    loginRateLimit: 10,
    corsOrigins: [],
    trustProxy: false,
  });
});

test('each setting is parsed into what the app uses', () => {
  expect(
    security({
      AUTH_TOKEN_SECRET: 's'.repeat(32),
      AUTH_TOKEN_TTL: '1h',
      LOGIN_RATE_LIMIT: '5',
      CORS_ORIGINS: ' https://a.example.gov.cn , https://b.example.gov.cn,',
      TRUST_PROXY: '2',
    }),
  ).toEqual({
    tokenSecret: 's'.repeat(32),
    tokenTtlSeconds: 3600,
    loginRateLimit: 5,
    corsOrigins: ['https://a.example.gov.cn', 'https://b.example.gov.cn'],
    trustProxy: 2,
  });
  expect(security({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  expect(security({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
});

test('a bad value stops the process naming the variable', () => {
  expect(() => loadConfig({ AUTH_TOKEN_TTL: '15 minutes' })).toThrow(/AUTH_TOKEN_TTL/);
  expect(() => loadConfig({ AUTH_TOKEN_SECRET: 'short' })).toThrow(/AUTH_TOKEN_SECRET/);
  expect(() => loadConfig({ LOGIN_RATE_LIMIT: '0' })).toThrow(ConfigError);
});

test('the API needs the token secret in production, and only there', () => {
  expect(() => requireTokenSecret(loadConfig({}))).not.toThrow();
  expect(() => requireTokenSecret(loadConfig({ NODE_ENV: 'production' }))).toThrow(
    /AUTH_TOKEN_SECRET: required in production/,
  );
});
