// docker-compose.yml and the Dockerfile describe the production topology, but no Docker engine
// runs on the development machine to catch a mistake by starting them. These tests hold both
// files to what the app actually reads (platform/config/env.ts) and what the build actually emits.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { EnvSchema, loadConfig, requireTokenSecret } from '../platform/config/env';
import { WORKER_HEAP_MB } from '../worker/cache-size';

const repoRoot = path.resolve(__dirname, '..');
const composePath = path.join(repoRoot, 'docker-compose.yml');
const dockerfilePath = path.join(repoRoot, 'Dockerfile');

const TOPOLOGY = [
  'postgres',
  'temporal',
  'temporal-ui',
  'migrate',
  'api',
  'worker',
  'mailcatcher',
] as const;
/** The services that run the app image and so read platform/config/env.ts. */
const APP_SERVICES = ['api', 'worker', 'migrate'] as const;

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapping(value: unknown, what: string): Mapping {
  if (!isMapping(value)) {
    throw new Error(`${what} is not a mapping`);
  }
  return value;
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new Error(`${what} is not a list of strings`);
  }
  return value;
}

/**
 * Compose's variable substitution, resolved to the file's own defaults so that the tests see
 * what a deployment without overrides gets, whatever the developer's shell exports. Only the
 * forms with a default (and `$$`) are accepted: anything else would depend on that shell.
 */
function interpolate(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\$|\$\{([^}]*)\}|\$([A-Za-z_]\w*)/g,
      (whole, braced: string | undefined) => {
        if (whole === '$$') {
          return '$';
        }
        const withDefault = braced === undefined ? null : /^[A-Za-z_]\w*:?-(.*)$/s.exec(braced);
        if (withDefault === null) {
          throw new Error(`${whole} in docker-compose.yml has no default value`);
        }
        return withDefault[1] ?? '';
      },
    );
  }
  if (Array.isArray(value)) {
    return value.map(interpolate);
  }
  if (isMapping(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item)]));
  }
  return value;
}

let composeCache: Mapping | undefined;

function compose(): Mapping {
  // `merge`: the file shares the app's settings between services through `<<` merge keys.
  composeCache ??= mapping(
    interpolate(parse(fs.readFileSync(composePath, 'utf8'), { merge: true })),
    'docker-compose.yml',
  );
  return composeCache;
}

function services(): Record<string, Mapping> {
  const all = mapping(compose().services, 'services');
  return Object.fromEntries(
    Object.entries(all).map(([name, service]) => [name, mapping(service, `service ${name}`)]),
  );
}

function service(name: string): Mapping {
  const found = services()[name];
  if (found === undefined) {
    throw new Error(`docker-compose.yml has no service ${name}`);
  }
  return found;
}

/** A service's environment in either of compose's forms; undefined means "from the host". */
function environmentOf(name: string): Record<string, string | undefined> {
  const environment = service(name).environment;
  if (environment === undefined) {
    return {};
  }
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      stringList(environment, `${name}.environment`).map((entry) => {
        const equals = entry.indexOf('=');
        return equals < 0 ? [entry, undefined] : [entry.slice(0, equals), entry.slice(equals + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(mapping(environment, `${name}.environment`)).map(([key, value]) => {
      if (value === null || value === undefined) {
        return [key, undefined];
      }
      // Compose turns numbers and booleans into their text; nothing else is a valid value.
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new Error(`${name}.environment.${key} is not a scalar`);
      }
      return [key, String(value)];
    }),
  );
}

function variable(serviceName: string, name: string): string {
  const value = environmentOf(serviceName)[name];
  if (value === undefined) {
    throw new Error(`${serviceName} has no value for ${name}`);
  }
  return value;
}

interface PortMapping {
  published: number | undefined;
  target: number;
  /** Host ports a range (`3000-3001:3000`) offers, one per replica; 1 for a single port. */
  publishedCount: number;
}

/** A published port or range (`3000` or `3000-3001`): its first port and how many. */
function publishedPorts(text: string | undefined): { published?: number; count: number } {
  if (text === undefined) return { count: 1 };
  const [first, last] = text.split('-').map(Number);
  return { published: first, count: last === undefined ? 1 : (last ?? 0) - (first ?? 0) + 1 };
}

/**
 * Short (`[ip:]published[-last]:target[/protocol]`) and long (`{ target, published }`) syntax.
 */
function portsOf(name: string): PortMapping[] {
  const ports = service(name).ports;
  if (ports === undefined) {
    return [];
  }
  if (!Array.isArray(ports)) {
    throw new Error(`${name}.ports is not a list`);
  }
  return ports.map((entry: unknown): PortMapping => {
    if (isMapping(entry)) {
      const given = entry.published;
      if (given !== undefined && typeof given !== 'string' && typeof given !== 'number') {
        throw new Error(`${name}.ports: published is neither a port nor a range`);
      }
      const { published, count } = publishedPorts(given === undefined ? undefined : String(given));
      return { published, target: Number(entry.target), publishedCount: count };
    }
    const parts = String(entry)
      .replace(/\/\w+$/, '')
      .split(':');
    const target = parts[parts.length - 1];
    const { published, count } = publishedPorts(
      parts.length > 1 ? parts[parts.length - 2] : undefined,
    );
    return { published, target: Number(target), publishedCount: count };
  });
}

/** Dependency name → condition; the list form means `service_started`. */
function dependenciesOf(name: string): Record<string, string> {
  const dependsOn = service(name).depends_on;
  if (dependsOn === undefined) {
    return {};
  }
  if (Array.isArray(dependsOn)) {
    return Object.fromEntries(
      stringList(dependsOn, `${name}.depends_on`).map((dependency) => [
        dependency,
        'service_started',
      ]),
    );
  }
  return Object.fromEntries(
    Object.entries(mapping(dependsOn, `${name}.depends_on`)).map(([dependency, options]) => {
      const condition = isMapping(options) ? options.condition : undefined;
      return [dependency, typeof condition === 'string' ? condition : 'service_started'];
    }),
  );
}

/** `host:port` with a numeric port. */
function hostAndPort(address: string): { host: string; port: number } {
  const match = /^([^:]+):(\d+)$/.exec(address);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new Error(`${address} is not host:port`);
  }
  return { host: match[1], port: Number(match[2]) };
}

function commandOf(name: string): string[] {
  const command = service(name).command;
  return typeof command === 'string'
    ? command.trim().split(/\s+/)
    : stringList(command, `${name}.command`);
}

// --- Dockerfile -------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string | undefined;
  instructions: Instruction[];
}

/** Instructions by stage; comments dropped and continuation lines joined, as Docker does. */
function dockerfileStages(): Stage[] {
  const lines = fs
    .readFileSync(dockerfilePath, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line));
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of lines) {
    pending += line.trimEnd();
    if (pending.endsWith('\\')) {
      pending = `${pending.slice(0, -1)} `;
      continue;
    }
    const match = /^\s*(\w+)\s+(.*)$/.exec(pending);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
    }
    pending = '';
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      stages.push({ name: /\sAS\s+(\S+)$/i.exec(instruction.args)?.[1], instructions: [] });
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return stages;
}

function runtimeStage(): Stage {
  const stage = dockerfileStages().at(-1);
  if (stage === undefined) {
    throw new Error('the Dockerfile has no FROM');
  }
  return stage;
}

function workdirOf(stage: Stage): string {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'WORKDIR')
    .reduce((dir, instruction) => path.posix.resolve(dir, instruction.args), '/');
}

function exactlyOne<T>(items: T[], what: string): T {
  const [only, ...rest] = items;
  if (only === undefined || rest.length > 0) {
    throw new Error(`expected exactly one ${what}, found ${items.length}`);
  }
  return only;
}

function imageCommand(): string[] {
  const cmd = exactlyOne(
    runtimeStage().instructions.filter((instruction) => instruction.keyword === 'CMD'),
    'CMD in the runtime stage',
  );
  // The exec (JSON) form: no shell in between, so the process gets signals directly.
  return stringList(JSON.parse(cmd.args), 'CMD');
}

/** Container paths (absolute) that COPY instructions of a stage write. */
function copiedInto(stage: Stage): Array<{ sources: string[]; destination: string }> {
  const workdir = workdirOf(stage);
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY')
    .map((instruction) => {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const destination = path.posix.resolve(workdir, words.at(-1) ?? '');
      return { sources: words.slice(0, -1), destination };
    });
}

// --- The build ----------------------------------------------------------------------------------

let buildConfigCache: ts.ParsedCommandLine | undefined;

/** tsconfig.build.json as `npm run build` (tsc -p tsconfig.build.json) sees it. */
function buildConfig(): ts.ParsedCommandLine {
  if (buildConfigCache === undefined) {
    const configPath = path.join(repoRoot, 'tsconfig.build.json');
    const { config, error } = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
    if (error !== undefined) {
      throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
    }
    buildConfigCache = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  }
  return buildConfigCache;
}

/**
 * The TypeScript source tsc compiles into `script` (a path relative to the image's working
 * directory, which holds the repository's layout: the build stage copies it there whole).
 */
function sourceOf(script: string): string {
  const { outDir, rootDir } = buildConfig().options;
  if (outDir === undefined || rootDir === undefined) {
    throw new Error('tsconfig.build.json sets no outDir or rootDir');
  }
  const inOutDir = path.relative(outDir, path.resolve(repoRoot, script));
  if (inOutDir.startsWith('..') || path.isAbsolute(inOutDir)) {
    throw new Error(`${script} is not under ${path.relative(repoRoot, outDir)}/, where tsc emits`);
  }
  return path.join(rootDir, inOutDir).replace(/\.js$/, '.ts');
}

/** Node's own options in a `node [--option …] script` command. */
function nodeOptionsOf(command: string[]): string[] {
  return command.slice(1).filter((word) => word.startsWith('--'));
}

function expectEntryPoint(command: string[], source: string): void {
  const [executable, script, ...rest] = command.filter((word) => !word.startsWith('--'));
  expect(executable).toBe('node');
  expect(rest).toEqual([]);
  if (script === undefined) {
    throw new Error('the command names no script');
  }
  // The mapping dist/X.js ← X.ts, then that X.ts is part of the build (so it must exist).
  expect(path.relative(repoRoot, sourceOf(script))).toBe(source);
  const built = buildConfig().fileNames.some(
    (file) => path.resolve(file) === path.join(repoRoot, source),
  );
  expect({ source, existsInTheBuild: built }).toEqual({ source, existsInTheBuild: true });
}

function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir !== '' && fs.existsSync(candidate)) {
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // Not executable: keep looking further down PATH.
      }
    }
  }
  return undefined;
}

const dockerCompose = findExecutable('docker-compose');
if (dockerCompose === undefined) {
  console.warn(
    'docker-compose is not on PATH: skipping the `docker-compose config` validation of ' +
      'docker-compose.yml (Debian package docker-compose provides it).',
  );
}
const itWithDockerCompose = dockerCompose === undefined ? it.skip : it;

describe('docker-compose.yml', () => {
  it('parses as YAML into a map of services', () => {
    expect(Object.keys(services()).length).toBeGreaterThan(0);
  });

  it('defines every service of the production topology', () => {
    expect(Object.keys(services())).toEqual(expect.arrayContaining([...TOPOLOGY]));
  });

  it('gives the app services only variables that platform/config/env.ts parses', () => {
    const known = new Set(Object.keys(EnvSchema.shape));
    for (const name of APP_SERVICES) {
      const unknown = Object.keys(environmentOf(name)).filter((key) => !known.has(key));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('gives each app service an environment that loadConfig accepts', () => {
    for (const name of APP_SERVICES) {
      const config = loadConfig(environmentOf(name));
      expect(config.nodeEnv).toBe('production');
      expect(config.database.kind).toBe('postgres');
    }
    for (const name of ['api', 'worker']) {
      const config = loadConfig(environmentOf(name));
      expect(config.temporal.address).toBeDefined();
      // Demo data is for the embedded development setup, never a production database.
      expect(config.seedDemoData).toBe(false);
    }
    // Inside a container, the loopback default would make the API unreachable.
    expect(loadConfig(environmentOf('api')).http.host).toBe('0.0.0.0');
    // The API signs login tokens; in production it refuses to start without the secret.
    expect(() => requireTokenSecret(loadConfig(environmentOf('api')))).not.toThrow();
    const { AUTH_TOKEN_SECRET: _secret, ...withoutSecret } = environmentOf('api');
    expect(() => requireTokenSecret(loadConfig(withoutSecret))).toThrow(/AUTH_TOKEN_SECRET/);
  });

  it('points DATABASE_URL at the postgres service and a database that the init script creates', () => {
    const initScripts = stringList(service('postgres').volumes, 'postgres.volumes')
      .map((volume) => volume.split(':'))
      .filter(([, target]) => target?.startsWith('/docker-entrypoint-initdb.d/') === true)
      .map(([source]) => fs.readFileSync(path.resolve(repoRoot, source ?? ''), 'utf8'));
    const created = initScripts.flatMap((sql) =>
      [...sql.matchAll(/create\s+database\s+"?(\w+)"?/gi)].map((match) => match[1]),
    );
    for (const name of APP_SERVICES) {
      const url = new URL(variable(name, 'DATABASE_URL'));
      expect(url.hostname).toBe('postgres');
      expect(['', '5432']).toContain(url.port);
      expect(created).toContain(url.pathname.replace(/^\//, ''));
    }
  });

  it('points TEMPORAL_ADDRESS at the port the temporal container listens on', () => {
    const temporalPorts = portsOf('temporal').map((port) => port.target);
    for (const name of ['api', 'worker']) {
      const { host, port } = hostAndPort(variable(name, 'TEMPORAL_ADDRESS'));
      expect(host).toBe('temporal');
      expect(temporalPorts).toContain(port);
    }
  });

  it('publishes the api on the port it listens on', () => {
    const { port } = loadConfig(environmentOf('api')).http;
    expect(portsOf('api').map((mapping) => mapping.target)).toContain(port);
  });

  it('runs api and worker as several replicas, each api replica on a host port of its own', () => {
    // Scale-out on one Temporal and one PostgreSQL (decision 0026, bench/workers.ts).
    const replicas = (name: string) =>
      Number(mapping(service(name).deploy, `${name}.deploy`).replicas);
    expect(replicas('worker')).toBeGreaterThanOrEqual(2);
    expect(replicas('api')).toBeGreaterThanOrEqual(2);
    // A fixed host port would let only one replica start; a range gives each its own.
    const { port } = loadConfig(environmentOf('api')).http;
    const published = portsOf('api').filter((mapping) => mapping.target === port);
    expect(published.length).toBe(1);
    expect(published[0]?.publishedCount).toBeGreaterThanOrEqual(replicas('api'));
    // Replicas share a name prefix; a fixed container name would clash.
    for (const name of ['api', 'worker']) expect(service(name).container_name).toBeUndefined();
    // Migrations run once, before any replica starts.
    expect(service('migrate').deploy).toBeUndefined();
  });

  it('points the Temporal UI at the temporal service and publishes it where TEMPORAL_UI_URL says', () => {
    const { host, port } = hostAndPort(variable('temporal-ui', 'TEMPORAL_ADDRESS'));
    expect(host).toBe('temporal');
    expect(portsOf('temporal').map((mapping) => mapping.target)).toContain(port);
    // temporalio/ui serves on 8080 inside its container.
    expect(portsOf('temporal-ui')).toContainEqual({
      published: 8233,
      target: 8080,
      publishedCount: 1,
    });
    const uiUrl = loadConfig(environmentOf('api')).temporal.uiUrl;
    if (uiUrl !== undefined) {
      expect(Number(new URL(uiUrl).port)).toBe(8233);
    }
  });

  it("points SMTP_URL at the mail catcher's SMTP port", () => {
    for (const name of ['api', 'worker']) {
      const url = new URL(variable(name, 'SMTP_URL'));
      expect(url.protocol).toBe('smtp:');
      expect(url.hostname).toBe('mailcatcher');
      // Mailpit accepts SMTP on 1025 inside its container.
      expect(Number(url.port)).toBe(1025);
    }
    expect(portsOf('mailcatcher').map((mapping) => mapping.target)).toContain(1025);
  });

  it('names only existing services in depends_on', () => {
    const names = Object.keys(services());
    for (const name of names) {
      for (const dependency of Object.keys(dependenciesOf(name))) {
        expect({ service: name, dependency, exists: names.includes(dependency) }).toEqual({
          service: name,
          dependency,
          exists: true,
        });
      }
    }
  });

  it('waits for a service to be healthy only where that service has a healthcheck', () => {
    for (const name of Object.keys(services())) {
      for (const [dependency, condition] of Object.entries(dependenciesOf(name))) {
        if (condition === 'service_healthy') {
          expect({ dependency, healthcheck: service(dependency).healthcheck }).toEqual({
            dependency,
            healthcheck: expect.anything(),
          });
        }
      }
    }
  });

  it('migrates once postgres is healthy and starts api and worker only after a successful migration', () => {
    expect(dependenciesOf('migrate')).toMatchObject({ postgres: 'service_healthy' });
    for (const name of ['api', 'worker']) {
      expect(dependenciesOf(name)).toMatchObject({
        migrate: 'service_completed_successfully',
        temporal: expect.any(String),
      });
    }
    expect(dependenciesOf('temporal')).toMatchObject({ postgres: 'service_healthy' });
  });

  itWithDockerCompose('passes `docker-compose config` validation', () => {
    const result = spawnSync(
      dockerCompose ?? 'docker-compose',
      ['-f', composePath, 'config', '-q'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
  });
});

describe('the app image', () => {
  it('runs the API entry point that tsc emits by default', () => {
    expectEntryPoint(imageCommand(), path.join('api', 'server.ts'));
  });

  it('runs the worker entry point that tsc emits in the worker service', () => {
    expectEntryPoint(commandOf('worker'), path.join('worker', 'main.ts'));
  });

  it("bounds the worker's heap, from which its workflow cache is sized (decision 0028)", () => {
    expect(nodeOptionsOf(commandOf('worker'))).toEqual([`--max-old-space-size=${WORKER_HEAP_MB}`]);
  });

  it('runs the migration script that tsc emits in the migrate service', () => {
    expectEntryPoint(commandOf('migrate'), path.join('scripts', 'db-migrate.ts'));
  });

  it('is what api, worker and migrate run', () => {
    const images = APP_SERVICES.map((name) => service(name).image);
    expect(new Set(images).size).toBe(1);
    for (const name of APP_SERVICES) {
      expect(service(name).build).toBeDefined();
    }
  });

  it('runs as a non-root user', () => {
    const users = runtimeStage().instructions.filter(
      (instruction) => instruction.keyword === 'USER',
    );
    const user = users.at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
  });

  it('carries the compiled app and what the migration job needs', () => {
    const runtime = runtimeStage();
    const workdir = workdirOf(runtime);
    // The commands use paths relative to the working directory.
    expect(
      copiedInto(runtime).map(({ destination }) => path.posix.relative(workdir, destination)),
    ).toEqual(expect.arrayContaining(['dist', 'node_modules', 'prisma']));
    // `prisma migrate deploy` reads its configuration (driver adapter, schema path) from here.
    expect(
      copiedInto(runtime).flatMap(({ sources }) =>
        sources.map((source) => path.posix.basename(source)),
      ),
    ).toContain('prisma.config.ts');
  });
});
