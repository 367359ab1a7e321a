// `npm run bench:api [-- --rate R --seconds S --certifications N]`: what the main GET routes
// cost, as multiples of a bare Express "hello" measured in the same process and run. Requests
// go out at a fixed rate (open loop: each is timed from when it was due, so a slow moment
// counts against every request it delayed), one route at a time, as the demo city reviewer
// (an API key, as an integration would call). The database holds N certifications projected
// as the worker projects them, so no Temporal server is needed for these reads. Prints p50 and
// p99 per route and, last, the ratios and the rate held (issue 16). `--routes a,b` measures only
// those routes (and hello), e.g. to profile one. Not a test.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express from 'express';
import { createProjectionActivities } from '../modules/certification/activities/projection';
import { createApp } from '../api/app';
import { loadConfig } from '../platform/config/env';
import { DEMO, DEMO_CAMPAIGN_CONFIG, seedDemoData } from '../modules/demo/seed';
import { PROVISIONAL_FENGQIAO_CRITERIA } from '../modules/criteria/rules/criteria';
import { initialState } from '../modules/certification/rules/lifecycle';
import {
  createDatabase,
  onCleanup,
  runBench,
  say,
  parseBenchOptions,
  positiveInteger,
  UsageError,
} from './system';

interface Options {
  rate: number;
  seconds: number;
  certifications: number;
  routes: RouteName[];
}

const ROUTE_NAMES = ['certification', 'list', 'inbox', 'offices', 'progress'] as const;
type RouteName = (typeof ROUTE_NAMES)[number];

function routeNames(text: string): RouteName[] {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(ROUTE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--routes takes some of ${ROUTE_NAMES.join(',')}, got ${JSON.stringify(text)}`,
    );
  }
  return names as RouteName[];
}

function parseOptions(argv: string[]): Options {
  const values = parseBenchOptions(
    argv,
    {
      rate: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '10' },
      certifications: { type: 'string', default: '1000' },
      routes: { type: 'string', default: ROUTE_NAMES.join(',') },
    },
    'node dist/bench/api.js [--rate R] [--seconds S] [--certifications N] [--routes a,b]',
  );
  return {
    rate: positiveInteger('rate', values.rate),
    seconds: positiveInteger('seconds', values.seconds),
    certifications: positiveInteger('certifications', values.certifications),
    routes: routeNames(values.routes),
  };
}

interface Result {
  name: string;
  p50: number;
  p99: number;
  /** Requests answered per second over the run (the rate held). */
  held: number;
  failed: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;

/** Sends GETs at a fixed rate for a while; each latency counts from when it was due. */
async function atRate(
  name: string,
  url: string,
  headers: Record<string, string>,
  options: Options,
): Promise<Result> {
  const total = options.rate * options.seconds;
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A timer may fire up to a millisecond before it is due (Node's loop reads the clock once a
    // turn): timed from when it was due, a request sent early would seem faster than it was,
    // and a hello's p50 came out at 0.03 ms. Timed from whichever came first, due or sent.
    const from = Math.min(due, performance.now());
    inFlight.push(
      fetch(url, { headers }).then(
        async (response) => {
          await response.arrayBuffer();
          if (!response.ok) failed += 1;
          latencies.push(performance.now() - from);
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    held: latencies.length / elapsed,
    failed,
  };
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  onCleanup('stop a server', () => new Promise((resolve) => server.close(() => resolve())));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fq-bench-api-'));
  onCleanup(`remove ${tmp}`, () => Promise.resolve(rmSync(tmp, { recursive: true, force: true })));
  say(`preparing a throwaway ${config.database.kind} database`);
  const { handle } = await createDatabase(config.database, tmp);
  await seedDemoData(handle.prisma);

  say(`projecting ${options.certifications} declared certifications`);
  const runId = Date.now().toString(36);
  const projection = createProjectionActivities(handle.prisma);
  const now = Date.now();
  let certificationId = '';
  for (let i = 0; i < options.certifications; i += 1) {
    const officeId = `office-api-${runId}-${i}`;
    await handle.prisma.office.create({
      data: {
        id: officeId,
        countyId: DEMO.counties.yuzhong,
        code: `API-${runId}-${i}`,
        name: `接口测试司法所${i}`,
        type: 'STREET',
      },
    });
    certificationId = randomUUID();
    const state = initialState({
      certificationId,
      officeId,
      countyId: DEMO.counties.yuzhong,
      cityId: DEMO.cityId,
      declaration: {
        officeId,
        campaignId: DEMO.campaignId,
        plan: { summary: '以“枫桥经验”为引领,建设一站式矛盾纠纷化解平台', feature: '老马工作法' },
        contact: { name: '张三', phone: '023-63000000' },
      },
      config: DEMO_CAMPAIGN_CONFIG,
      criteria: PROVISIONAL_FENGQIAO_CRITERIA,
      now,
    });
    await projection.projectTransition({
      state,
      event: {
        action: 'DECLARE',
        fromStatus: 'DECLARED',
        toStatus: 'DECLARED',
        reason: null,
        details: {},
        revision: state.revision,
        actor: {
          id: 'apikey-dev-yuzhong-operator',
          role: 'COUNTY_OPERATOR',
          cityId: DEMO.cityId,
          countyId: DEMO.counties.yuzhong,
        },
        requestId: null,
        occurredAt: now,
      },
    });
  }

  // The floor: Express answering a constant, in this process, over the same loopback.
  const hello = express();
  hello.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  const bare = await listen(hello);
  const api = await listen(
    createApp({
      prisma: handle.prisma,
      // GET routes never reach Temporal; a call that did would fail the run.
      temporal: { client: {} as Client, taskQueue: 'unused' },
    }),
  );
  const auth = { Authorization: 'Bearer dev-city-reviewer' };
  const paths: Record<RouteName, string> = {
    certification: `/api/v1/certifications/${certificationId}`,
    list: '/api/v1/certifications?limit=50',
    inbox: '/api/v1/tasks?limit=50',
    offices: '/api/v1/offices?limit=50',
    progress: `/api/v1/campaigns/${DEMO.campaignId}/progress`,
  };
  const routes = options.routes.map((name) => [name, paths[name]] as const);
  // Warm both up (JIT, connection pools, the first query plans) before measuring.
  await atRate('warm-up', `${bare.url}/hello`, {}, { ...options, seconds: 1 });
  for (const [, route] of routes) {
    await atRate('warm-up', `${api.url}${route}`, auth, { ...options, seconds: 1 });
  }

  say(`measuring at ${options.rate}/s for ${options.seconds} s each`);
  const floor = await atRate('hello', `${bare.url}/hello`, {}, options);
  const results: Result[] = [floor];
  for (const [name, route] of routes) {
    results.push(await atRate(name, `${api.url}${route}`, auth, options));
  }
  for (const r of results) {
    say(
      `${r.name.padEnd(13)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ` +
        `held ${r.held.toFixed(0)}/s${r.failed ? `  FAILED ${r.failed}` : ''}`,
    );
  }
  const ratios = results
    .slice(1)
    .map(
      (r) =>
        `${r.name}_p50=${(r.p50 / floor.p50).toFixed(1)}x ${r.name}_p99=${(r.p99 / floor.p99).toFixed(1)}x`,
    )
    .join(' ');
  const heldAll = Math.min(...results.map((r) => r.held));
  console.log(
    `bench:api ${config.database.kind} rate=${options.rate}/s hello_p50_ms=${floor.p50.toFixed(2)} ` +
      `${ratios} min_held=${heldAll.toFixed(0)}/s failed=${results.reduce((n, r) => n + r.failed, 0)}`,
  );
}

runBench(main);
