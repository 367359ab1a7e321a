// The security model over HTTP (no Temporal needed): logins and tokens, users and API keys
// managed by a city's admin, idempotency keys, the audit API, login throttling, security
// headers and CORS.
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import type { SecurityConfig } from '../../../platform/config/env';
import { createTokenSigner } from '../../../modules/access/tokens';
import { DEMO_PASSWORD } from '../../../modules/access/demo-users';
import { DEMO } from '../../../modules/demo/seed';
import { useApiHarness } from '../../support/api-harness';

const SECRET = 'a test secret that is long enough for HS256 signing';
const h = useApiHarness({
  demoUsers: true,
  deps: { security: { tokenSecret: SECRET, loginRateLimit: 1000 } },
});

const ADMIN_KEY = 'Bearer dev-city-admin';
const LESHAN_KEY = 'Bearer dev-leshan-reviewer';

function appWith(security: Partial<SecurityConfig>): Express {
  return h.appWith({ security: { tokenSecret: SECRET, loginRateLimit: 1000, ...security } });
}

async function login(username: string, password = DEMO_PASSWORD, on: Express = h.app) {
  return request(on).post('/api/v1/auth/login').send({ username, password });
}

async function tokenOf(username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await login(username, password);
  expect(response.status).toBe(200);
  return `Bearer ${response.body.accessToken as string}`;
}

const usernames = (body: unknown) =>
  (body as { items: { username: string }[] }).items.map((user) => user.username);

function expectProblem(response: request.Response, status: number, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, requestId: expect.any(String) });
  if (field) {
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  }
}

describe('logins and tokens', () => {
  test('a user logs in and the token identifies them, their role, city and county', async () => {
    const response = await login('yuzhong.operator');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      user: { username: 'yuzhong.operator', role: 'COUNTY_OPERATOR' },
    });
    expect(response.body.user.passwordHash).toBeUndefined();
    const expiresIn = Date.parse(response.body.expiresAt as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);

    const me = await request(h.app)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: 'user-yuzhong.operator',
      kind: 'user',
      name: 'yuzhong.operator',
      role: 'COUNTY_OPERATOR',
      cityId: DEMO.cityId,
      countyId: DEMO.counties.yuzhong,
    });
  });

  test('a wrong password and an unknown user get the same 401, naming neither', async () => {
    const wrong = await login('cq.reviewer', 'not the password');
    const unknown = await login('nobody.here', 'not the password');
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.accessToken).toBeUndefined();
  });

  test('a login without a password is a 400 naming the field', async () => {
    expectProblem(
      await request(h.app).post('/api/v1/auth/login').send({ username: 'cq.reviewer' }),
      400,
      'password',
    );
  });

  test('tampered, expired and foreign tokens are refused', async () => {
    const token = await tokenOf('cq.reviewer');
    const [header, payload, signature] = token.slice('Bearer '.length).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user-cq.admin' })).toString(
      'base64url',
    );
    const me = (credential: string) =>
      request(h.app).get('/api/v1/me').set('Authorization', credential);
    expect((await me(token)).status).toBe(200);
    expectProblem(await me(`Bearer ${header}.${forged}.${signature}`), 401);

    const signer = createTokenSigner({ secret: SECRET, ttlSeconds: 60 });
    const stale = await signer.issue('user-cq.reviewer', new Date(Date.now() - 120_000));
    expectProblem(await me(`Bearer ${stale.token}`), 401);

    const foreign = createTokenSigner({ secret: 'x'.repeat(40), ttlSeconds: 60 });
    expectProblem(await me(`Bearer ${(await foreign.issue('user-cq.reviewer')).token}`), 401);
    expectProblem(await request(h.app).get('/api/v1/me'), 401);
  });

  test('a disabled user’s token stops working at once, and they cannot log in', async () => {
    const created = await request(h.app)
      .post('/api/v1/users')
      .set('Authorization', ADMIN_KEY)
      .send({
        username: 'temp.reviewer',
        displayName: '临时审核员',
        role: 'CITY_REVIEWER',
        password: 'temporary-password',
      });
    expect(created.status).toBe(201);
    const token = await tokenOf('temp.reviewer', 'temporary-password');
    expect((await request(h.app).get('/api/v1/me').set('Authorization', token)).status).toBe(200);

    const disabled = await request(h.app)
      .post(`/api/v1/users/${created.body.id as string}/deactivation`)
      .set('Authorization', ADMIN_KEY);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expectProblem(await request(h.app).get('/api/v1/me').set('Authorization', token), 401);
    expectProblem(await login('temp.reviewer', 'temporary-password'), 401);
  });

  test('a user changes their own password with the current one', async () => {
    await request(h.app).post('/api/v1/users').set('Authorization', ADMIN_KEY).send({
      username: 'pw.changer',
      displayName: '改密码',
      role: 'INSPECTOR',
      password: 'first-password',
    });
    const token = await tokenOf('pw.changer', 'first-password');
    const change = (body: object) =>
      request(h.app).post('/api/v1/me/password').set('Authorization', token).send(body);
    expectProblem(
      await change({ currentPassword: 'wrong-password', newPassword: 'second-password' }),
      422,
      'currentPassword',
    );
    expectProblem(
      await change({ currentPassword: 'first-password', newPassword: 'short' }),
      400,
      'newPassword',
    );
    expect(
      (await change({ currentPassword: 'first-password', newPassword: 'second-password' })).status,
    ).toBe(204);
    expectProblem(await login('pw.changer', 'first-password'), 401);
    expect((await login('pw.changer', 'second-password')).status).toBe(200);
    // A machine client has no password to change.
    expectProblem(
      await request(h.app)
        .post('/api/v1/me/password')
        .set('Authorization', ADMIN_KEY)
        .send({ currentPassword: 'x', newPassword: 'second-password' }),
      409,
    );
  });

  test('failed logins are throttled per client; successful ones are not counted', async () => {
    const throttled = appWith({ loginRateLimit: 3 });
    for (let i = 0; i < 5; i += 1) {
      expect((await login('cq.admin', DEMO_PASSWORD, throttled)).status).toBe(200);
    }
    for (let i = 0; i < 3; i += 1) {
      expectProblem(await login('cq.admin', 'guess', throttled), 401);
    }
    const blocked = await login('cq.admin', 'guess', throttled);
    expectProblem(blocked, 429);
    expect(blocked.headers['ratelimit-policy']).toBeDefined();
    // Even the right password waits out the window once the limit is reached.
    expectProblem(await login('cq.admin', DEMO_PASSWORD, throttled), 429);
  });
});

test('behind a trusted proxy, throttling counts each forwarded client address', async () => {
  const proxied = appWith({ loginRateLimit: 2, trustProxy: 1 });
  const attempt = (address: string) =>
    request(proxied)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', address)
      .send({ username: 'cq.admin', password: 'guess' });
  for (let i = 0; i < 2; i += 1) expectProblem(await attempt('203.0.113.7'), 401);
  expectProblem(await attempt('203.0.113.7'), 429);
  // Another client behind the same proxy still has its own budget.
  expectProblem(await attempt('198.51.100.9'), 401);
});

describe('users', () => {
  const create = (body: object, key = ADMIN_KEY) =>
    request(h.app).post('/api/v1/users').set('Authorization', key).send(body);
  const valid = {
    username: 'new.operator',
    displayName: '新经办人',
    role: 'COUNTY_OPERATOR',
    countyId: DEMO.counties.jiangbei,
    password: 'a-long-password',
  };

  test('an admin creates a county operator who then acts for that county only', async () => {
    const created = await create(valid);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/users/${created.body.id as string}`);
    expect(created.body).toMatchObject({
      role: 'COUNTY_OPERATOR',
      countyId: DEMO.counties.jiangbei,
    });
    expect(JSON.stringify(created.body)).not.toContain('a-long-password');
    const stored = await h.db.prisma.user.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const token = await tokenOf('new.operator', 'a-long-password');
    const me = await request(h.app).get('/api/v1/me').set('Authorization', token);
    expect(me.body).toMatchObject({ role: 'COUNTY_OPERATOR', countyId: DEMO.counties.jiangbei });
    const list = await request(h.app).get('/api/v1/users').set('Authorization', ADMIN_KEY);
    expect(usernames(list.body)).toContain('new.operator');
  });

  test('bad input is a 4xx naming the field, and nothing is created', async () => {
    const before = await h.db.prisma.user.count();
    const { username: _u, ...missingUsername } = valid;
    expectProblem(await create(missingUsername), 400, 'username');
    expectProblem(await create({ ...valid, username: 'bad.x1', role: 42 }), 400, 'role');
    expectProblem(
      await create({ ...valid, username: 'bad.x2', password: 'short' }),
      400,
      'password',
    );
    expectProblem(
      await create({ ...valid, username: 'bad.x3', countyId: undefined }),
      400,
      'countyId',
    );
    expectProblem(
      await create({ ...valid, username: 'bad.x4', role: 'CITY_REVIEWER' }),
      400,
      'countyId',
    );
    expectProblem(
      await create({ ...valid, username: 'bad.x5', countyId: 'no-such' }),
      422,
      'countyId',
    );
    // A county of another city is as unknown as a county that does not exist.
    expectProblem(
      await create({ ...valid, username: 'bad.x6', countyId: DEMO.counties.shizhong }),
      422,
      'countyId',
    );
    expectProblem(await create({ ...valid, username: 'cq.admin' }), 409, 'username');
    expect(await h.db.prisma.user.count()).toBe(before);
  });

  test('another city’s admin cannot see, disable or reset this city’s users', async () => {
    const leshan = await tokenOf('ls.admin');
    const list = await request(h.app).get('/api/v1/users').set('Authorization', leshan);
    expect(list.status).toBe(200);
    expect(usernames(list.body)).toEqual(['ls.admin']);
    expectProblem(
      await request(h.app)
        .post('/api/v1/users/user-cq.reviewer/deactivation')
        .set('Authorization', leshan),
      404,
    );
    expectProblem(
      await request(h.app)
        .post('/api/v1/users/user-cq.reviewer/password')
        .set('Authorization', leshan)
        .send({ password: 'taken-over-now' }),
      404,
    );
    expect((await login('cq.reviewer')).status).toBe(200);
  });
});

describe('API keys', () => {
  test('a key is shown once, stored hashed, used, listed with its last use, and revoked', async () => {
    const created = await request(h.app)
      .post('/api/v1/api-keys')
      .set('Authorization', ADMIN_KEY)
      .send({ name: '渝中区 OA 对接', role: 'COUNTY_OPERATOR', countyId: DEMO.counties.yuzhong });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^fq_[\w-]{40,}$/);
    const stored = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.keyHash).not.toContain(key);

    const me = await request(h.app).get('/api/v1/me').set('X-API-Key', key);
    expect(me.body).toMatchObject({ kind: 'api-key', role: 'COUNTY_OPERATOR' });

    const list = await request(h.app).get('/api/v1/api-keys').set('Authorization', ADMIN_KEY);
    const listed = (list.body.items as { id: string; lastUsedAt: string | null }[]).find(
      (item) => item.id === created.body.id,
    );
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(JSON.stringify(list.body)).not.toContain(stored.keyHash);

    const revoked = await request(h.app)
      .post(`/api/v1/api-keys/${created.body.id as string}/revocation`)
      .set('Authorization', ADMIN_KEY);
    expect(revoked.status).toBe(200);
    expectProblem(await request(h.app).get('/api/v1/me').set('X-API-Key', key), 401);
  });

  test('keys of another city cannot be revoked; bad input names the field', async () => {
    expectProblem(
      await request(h.app)
        .post('/api/v1/api-keys/apikey-dev-city-admin/revocation')
        .set('Authorization', LESHAN_KEY),
      403,
    );
    const leshanAdmin = await tokenOf('ls.admin');
    expectProblem(
      await request(h.app)
        .post('/api/v1/api-keys/apikey-dev-city-admin/revocation')
        .set('Authorization', leshanAdmin),
      404,
    );
    const create = (body: object) =>
      request(h.app).post('/api/v1/api-keys').set('Authorization', ADMIN_KEY).send(body);
    expectProblem(await create({ role: 'CITY_REVIEWER' }), 400, 'name');
    expectProblem(await create({ name: 'k', role: 'SUPERUSER' }), 400, 'role');
    expectProblem(await create({ name: 'k', role: 'COUNTY_OPERATOR' }), 400, 'countyId');
    expectProblem(
      await create({ name: 'k', role: 'COUNTY_OPERATOR', countyId: 'county-nowhere' }),
      422,
      'countyId',
    );
  });
});

describe('idempotency keys', () => {
  const createUser = (key: string, body: object, credential = ADMIN_KEY) =>
    request(h.app)
      .post('/api/v1/users')
      .set('Authorization', credential)
      .set('Idempotency-Key', key)
      .send(body);
  const body = {
    username: 'idem.user',
    displayName: '幂等',
    role: 'INSPECTOR',
    password: 'idempotent-password',
  };

  test('a replay returns the original response and does the thing once', async () => {
    const first = await createUser('create-idem-user', body);
    expect(first.status).toBe(201);
    const replay = await createUser('create-idem-user', body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.body).toEqual(first.body);
    expect(await h.db.prisma.user.count({ where: { username: 'idem.user' } })).toBe(1);
  });

  test('the same key with a different body is a 422 naming the header', async () => {
    const response = await createUser('create-idem-user', { ...body, displayName: '别的' });
    expectProblem(response, 422, 'Idempotency-Key');
  });

  test('a refusal is replayed as the same refusal', async () => {
    const taken = { ...body, username: 'cq.admin' };
    const first = await createUser('taken-name', taken);
    expectProblem(first, 409, 'username');
    const replay = await createUser('taken-name', taken);
    expectProblem(replay, 409, 'username');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  test('keys belong to the caller; a malformed key is a 400', async () => {
    // Another caller's identical key is a different key: this request runs (and is refused
    // by its own rules: that username is taken).
    const other = await createUser('create-idem-user', body, `Bearer ${await adminToken()}`);
    expectProblem(other, 409, 'username');
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expectProblem(await createUser('with space', body), 400, 'Idempotency-Key');
  });

  async function adminToken(): Promise<string> {
    return (await tokenOf('cq.admin')).slice('Bearer '.length);
  }
});

describe('the audit API', () => {
  test('administrative events are listed for the admin’s city, filtered and paged', async () => {
    const admin = await tokenOf('cq.admin');
    for (const name of ['审计一', '审计二', '审计三']) {
      const created = await request(h.app)
        .post('/api/v1/api-keys')
        .set('Authorization', admin)
        .send({ name, role: 'CITY_REVIEWER' });
      expect(created.status).toBe(201);
    }
    const page = (query: string, credential = admin) =>
      request(h.app).get(`/api/v1/audit?${query}`).set('Authorization', credential);
    const first = await page('action=API_KEY_CREATED&actorId=user-cq.admin&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({
      action: 'API_KEY_CREATED',
      actor: { id: 'user-cq.admin', role: 'CITY_ADMIN' },
      details: { name: '审计三' },
    });
    const second = await page(
      `action=API_KEY_CREATED&actorId=user-cq.admin&limit=2&cursor=${first.body.nextCursor as string}`,
    );
    expect(
      (second.body as { items: { details: { name: string } }[] }).items.map((e) => e.details.name),
    ).toEqual(['审计一']);
    expect(second.body.nextCursor).toBeNull();

    const leshan = await page('action=API_KEY_CREATED', `Bearer ${await leshanAdminToken()}`);
    expect(leshan.status).toBe(200);
    expect(leshan.body.items).toEqual([]);

    expectProblem(await page('cursor=not-a-cursor'), 400, 'cursor');
    expectProblem(await page('from=yesterday'), 400, 'from');
    expectProblem(await page('limit=0'), 400, 'limit');
    expectProblem(await page('limit=1', ADMIN_KEY.replace('admin', 'reviewer')), 403);
  });

  async function leshanAdminToken(): Promise<string> {
    return (await tokenOf('ls.admin')).slice('Bearer '.length);
  }
});

describe('headers', () => {
  test('security headers are set and the request id is echoed', async () => {
    const response = await request(h.app).get('/api/v1/registry').set('X-Request-Id', 'trace-1');
    expect(response.headers['x-request-id']).toBe('trace-1');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  test('CORS answers only the configured origins', async () => {
    const withCors = appWith({ corsOrigins: ['https://console.example.gov.cn'] });
    const allowed = await request(withCors)
      .options('/api/v1/certifications')
      .set('Origin', 'https://console.example.gov.cn')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.gov.cn');
    const refused = await request(withCors)
      .get('/api/v1/registry')
      .set('Origin', 'https://evil.example.com');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const none = await request(h.app).get('/api/v1/registry').set('Origin', 'https://x.example');
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('each request is one JSON log line with its request id and caller, never a credential', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logged = h.appWith({ logger: pino({ level: 'info' }, sink) });
    await request(logged)
      .get('/api/v1/me')
      .set('Authorization', ADMIN_KEY)
      .set('X-Request-Id', 'log-1');
    await request(logged)
      .post('/api/v1/auth/login')
      .send({ username: 'cq.admin', password: DEMO_PASSWORD })
      .set('X-Request-Id', 'log-2');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          req: { id: 'log-1', method: 'GET', url: '/api/v1/me' },
          res: { statusCode: 200 },
          principalId: 'apikey-dev-city-admin',
        }),
        expect.objectContaining({ req: expect.objectContaining({ id: 'log-2' }) }),
      ]),
    );
    const all = lines.join('\n');
    expect(all).not.toContain('Bearer');
    expect(all).not.toMatch(/authorization/i);
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain('accessToken');
  });

  test('a JSON body over 1 MB is a 413 problem', async () => {
    const response = await request(h.app)
      .post('/api/v1/users')
      .set('Authorization', ADMIN_KEY)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ displayName: 'x'.repeat(1_100_000) }));
    expectProblem(response, 413);
  });
});
