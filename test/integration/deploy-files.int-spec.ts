/**
 * The production deploy files (deploy/container, deploy/compose, deploy/kubernetes; docs/deploy.md) checked with what
 * runs on a machine without a container engine: the files are read, nothing is started. Every variable the compose
 * file and the manifests set exists in that app's config schema (the schemas are imported, not re-listed), every
 * required one is set and every value parses; the ConfigMaps and Secrets cover every variable of each app's
 * schema, and the secrets are not in a ConfigMap; the images' entry points exist in `dist/` (scripts/test.sh
 * builds before Jest; run `npm run build` first when running this file alone); the health checks ask the apps'
 * real /health routes on their real ports; the YAML is well formed; the Dockerfile's COPY sources exist; the
 * deployed Mosquitto configuration keeps every setting of the tested one, and a real Mosquitto (the machine's, on
 * free loopback ports) runs with it: a device's reading reaches ingestion's shared subscription, anonymous clients
 * and device credentials on the services' listener are refused, a SIGHUP to its pid file's pid reloads it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import type { IPublishPacket, MqttClient } from 'mqtt';
import { hashDeviceSecret } from '@park/auth';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ConfigError, loadConfig, type ConfigSpec } from '@park/config';
import { KAFKA_TOPICS, telemetryTopic } from '@park/contracts';
import { renderMosquittoAuth } from '@park/mqtt';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { HealthController } from '../../apps/api/src/health/health.controller';
import { hj212BridgeConfigSpec } from '../../apps/hj212-bridge/src/hj212-bridge.config';
import { Hj212OperationsController } from '../../apps/hj212-bridge/src/hj212-operations.controller';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { OperationsController } from '../../apps/ingestion/src/operations.controller';
import { rulesConfigSpec } from '../../apps/rules/src/rules.config';
import { RulesOperationsController } from '../../apps/rules/src/rules-operations.controller';
import { standaloneConfigSpec } from '../../apps/standalone/src/standalone.config';
import { cliConfigSpec } from '../../scripts/cli';
import { HEALTH_ENDPOINTS, healthPort, type HealthCheckedApp } from '../../scripts/healthcheck';
import {
  INGESTION_SERVICE_ACCOUNT,
  INGESTION_SERVICE_READS,
  MOSQUITTO_AUTH_FILE_NAMES,
  MOSQUITTO_PID_FILE,
} from '../../scripts/mosquitto-auth-sync';
import { connectMqtt, freePort } from '../support/mosquitto-instance';
import { waitFor } from '../support/wait-for';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
type Env = Record<string, string>;
type Doc = Record<string, unknown>;

/** Each built entry point and the schema its process reads. */
const ENTRY_POINTS: Record<string, { app: string; spec: ConfigSpec }> = {
  'dist/apps/ingestion/src/main.js': { app: 'ingestion', spec: ingestionConfigSpec },
  'dist/apps/rules/src/main.js': { app: 'rules', spec: rulesConfigSpec },
  'dist/apps/api/src/main.js': { app: 'api', spec: apiConfigSpec },
  'dist/apps/hj212-bridge/src/main.js': { app: 'hj212-bridge', spec: hj212BridgeConfigSpec },
  'dist/apps/standalone/src/main.js': { app: 'standalone', spec: standaloneConfigSpec },
  'dist/scripts/cli.js': { app: 'cli', spec: cliConfigSpec },
};

/** Secrets by name: the schema marks JWT_SECRET and ALERT_LINK_SECRET; passwords and the database URL (it holds one). */
function isSecret(name: string, spec: ConfigSpec): boolean {
  return Boolean(spec[name]?.sensitive) || /(SECRET|PASSWORD)$/.test(name) || name === 'DATABASE_URL';
}

/** loadConfig's problems for this environment, none when it loads. */
function problems(spec: ConfigSpec, env: Env): readonly string[] {
  try {
    loadConfig(spec, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

// ---- the Dockerfile -----------------------------------------------------------------------------------------

interface Stage {
  readonly name: string;
  readonly from: string;
  readonly env: Env;
  readonly instructions: { op: string; args: string }[];
}

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!op || args === undefined) throw new Error(`unparsable Dockerfile line: ${line}`);
    if (op.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      if (!from) throw new Error(`bad FROM: ${line}`);
      const parent = stages.find((s) => s.name === from);
      stages.push({ name: name ?? from, from, env: { ...parent?.env }, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`instruction before FROM: ${line}`);
    stage.instructions.push({ op: op.toUpperCase(), args });
    if (op.toUpperCase() === 'ENV') {
      for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) stage.env[key] = value!;
    }
  }
  return stages;
}

/** The stage's own instruction of that kind, or the one it inherits from the stage it is built FROM. */
function inherited(stages: Stage[], stage: Stage, op: string): string | undefined {
  const own = stage.instructions.filter((i) => i.op === op).at(-1);
  if (own) return own.args;
  const parent = stages.find((s) => s.name === stage.from);
  return parent ? inherited(stages, parent, op) : undefined;
}

const dockerfile = parseDockerfile(read('deploy/container/Dockerfile'));
const stageNamed = (name: string): Stage => {
  const stage = dockerfile.find((s) => s.name === name);
  if (!stage) throw new Error(`no stage ${name} in deploy/container/Dockerfile`);
  return stage;
};
const APP_TARGETS = ['ingestion', 'rules', 'api', 'hj212-bridge', 'standalone'] as const;

/** The script a command line runs (node <script> …), or undefined. */
function scriptOf(command: readonly string[]): string | undefined {
  return command.find((part) => part.endsWith('.js'));
}

/** What a stage's container runs: ENTRYPOINT + CMD (exec form), or a replacement of CMD. */
function stageCommand(stage: Stage, args?: readonly string[]): string[] {
  const entry = inherited(dockerfile, stage, 'ENTRYPOINT');
  const cmd = inherited(dockerfile, stage, 'CMD');
  return [
    ...(entry ? (JSON.parse(entry) as string[]) : []),
    ...(args ?? (cmd ? (JSON.parse(cmd) as string[]) : [])),
  ];
}

describe('deploy/container/Dockerfile', () => {
  it('builds with npm ci, npm run build and npm run build:web, scripts package.json has', () => {
    const build = stageNamed('build');
    const runs = build.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs).toEqual(
      expect.arrayContaining([
        expect.stringContaining('npm ci'),
        expect.stringMatching(/npm run build && npm run build:web/),
      ]),
    );
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toBeDefined();
    expect(scripts['build:web']).toBeDefined();
  });

  it('copies only what exists in the repository or in an earlier stage', () => {
    dockerfile.forEach((stage, index) => {
      for (const { op, args } of stage.instructions.filter((i) => i.op === 'COPY' || i.op === 'ADD')) {
        const parts = args.split(/\s+/);
        const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
        const sources = parts.filter((p) => !p.startsWith('--')).slice(0, -1);
        expect(sources.length).toBeGreaterThan(0);
        if (from) {
          expect(dockerfile.slice(0, index).map((s) => s.name)).toContain(from);
        } else {
          expect(op).toBe('COPY');
          for (const source of sources)
            expect([source, existsSync(join(ROOT, source))]).toEqual([source, true]);
        }
      }
    });
  });

  it('runs as a user other than root in every app target', () => {
    for (const target of [...APP_TARGETS, 'tools']) {
      const user = inherited(dockerfile, stageNamed(target), 'USER');
      expect(user).toBeDefined();
      expect(user).not.toMatch(/^(root|0)(:|$)/);
    }
  });

  it.each(APP_TARGETS)('target %s starts its app from a script the build made', (target) => {
    const script = scriptOf(stageCommand(stageNamed(target)));
    expect(script).toBe(`dist/apps/${target}/src/main.js`);
    expect(existsSync(join(ROOT, script!))).toBe(true);
  });

  it('target tools runs the operator CLI, migrate by default', () => {
    const command = stageCommand(stageNamed('tools'));
    expect(command).toEqual(['node', 'dist/scripts/cli.js', 'migrate']);
    expect(existsSync(join(ROOT, 'dist/scripts/cli.js'))).toBe(true);
  });

  it.each(Object.keys(HEALTH_ENDPOINTS) as HealthCheckedApp[])(
    'target %s checks its health on the port it listens on, and exposes it',
    (app) => {
      const stage = stageNamed(app);
      const check = inherited(dockerfile, stage, 'HEALTHCHECK');
      const [, command] = /CMD\s+(\[.*\])$/.exec(check ?? '') ?? [];
      expect(JSON.parse(command ?? 'null')).toEqual(['node', 'dist/scripts/healthcheck.js', app]);
      expect(existsSync(join(ROOT, 'dist/scripts/healthcheck.js'))).toBe(true);
      const exposed = (inherited(dockerfile, stage, 'EXPOSE') ?? '').split(/\s+/).map(Number);
      expect(exposed).toContain(healthPort(app, stage.env));
    },
  );

  it("every app's image starts with a configuration its schema accepts once the deployment adds the required variables", () => {
    for (const target of APP_TARGETS) {
      const { spec } = ENTRY_POINTS[`dist/apps/${target}/src/main.js`];
      const env = stageNamed(target).env;
      for (const key of Object.keys(env).filter((k) => k in spec))
        expect(problems({ [key]: spec[key] }, env)).toEqual([]);
    }
  });
});

describe('the health routes the checks ask for', () => {
  const route = (controller: object, method: string) => {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    const own = Reflect.getMetadata(
      PATH_METADATA,
      (controller as { prototype: Record<string, object> }).prototype[method],
    ) as string;
    return `/${[base, own].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  };

  it('are the controllers’ GET /health in the api, ingestion, the rules service and the HJ 212 bridge', () => {
    expect(route(HealthController, 'health')).toBe(HEALTH_ENDPOINTS.api.path);
    expect(route(OperationsController, 'health')).toBe(HEALTH_ENDPOINTS.ingestion.path);
    expect(route(RulesOperationsController, 'health')).toBe(HEALTH_ENDPOINTS.rules.path);
    expect(route(Hj212OperationsController, 'health')).toBe(HEALTH_ENDPOINTS['hj212-bridge'].path);
  });

  it('are on the port variables the apps listen on', () => {
    expect(readFileSync(join(ROOT, 'apps/api/src/main.ts'), 'utf8')).toContain('app.listen(config.API_PORT');
    expect(readFileSync(join(ROOT, 'apps/ingestion/src/main.ts'), 'utf8')).toContain(
      'app.listen(config.INGEST_HTTP_PORT',
    );
    expect(readFileSync(join(ROOT, 'apps/rules/src/main.ts'), 'utf8')).toContain(
      'app.listen(config.RULES_HTTP_PORT',
    );
    expect(readFileSync(join(ROOT, 'apps/hj212-bridge/src/main.ts'), 'utf8')).toContain(
      'app.listen(config.HJ212_OPS_PORT',
    );
    expect(HEALTH_ENDPOINTS.api.portVariable).toBe('API_PORT');
    expect(HEALTH_ENDPOINTS.ingestion.portVariable).toBe('INGEST_HTTP_PORT');
    expect(HEALTH_ENDPOINTS.rules.portVariable).toBe('RULES_HTTP_PORT');
    expect(HEALTH_ENDPOINTS['hj212-bridge'].portVariable).toBe('HJ212_OPS_PORT');
  });
});

// ---- compose ------------------------------------------------------------------------------------------------

/** Compose's variable substitution: ${VAR}, ${VAR:-default}, ${VAR:?error} from the .env file. */
function interpolate(value: unknown, vars: Env): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
      (_, name: string, kind?: string, rest?: string) => {
        const set = vars[name];
        if (set) return set;
        if (kind === '?') throw new Error(`${name} is not in the env file: ${rest ?? ''}`);
        return kind === '-' ? (rest ?? '') : '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]));
  }
  return value;
}

function envFile(path: string): Env {
  return Object.fromEntries(
    read(path)
      .split('\n')
      .filter((l) => /^\w+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

interface ComposeService {
  build?: { context?: string; dockerfile?: string; target?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, unknown>;
  depends_on?: Record<string, unknown>;
  volumes?: string[];
  user?: string;
  pid?: string;
}

describe.each([
  ['deploy/compose/compose.yaml', 'deploy/compose/env.example'],
  ['deploy/compose/standalone.compose.yaml', undefined],
])('%s', (file, envExample) => {
  const compose = interpolate(load(read(file)), envExample ? envFile(envExample) : {}) as {
    services: Record<string, ComposeService>;
    volumes?: Record<string, unknown>;
  };
  const ours = Object.entries(compose.services).filter(([, s]) => s.build);

  it('builds each of our services from a target of the Dockerfile, at the repository root', () => {
    expect(ours.length).toBeGreaterThan(0);
    for (const [, service] of ours) {
      expect(join('deploy/compose', service.build!.context!)).toBe('.');
      expect(service.build!.dockerfile).toBe('deploy/container/Dockerfile');
      stageNamed(service.build!.target!);
      expect(service.image).toMatch(new RegExp(`^smart-park/${service.build!.target}:`));
    }
  });

  it('sets only variables the app’s schema defines, every required one, each valid', () => {
    for (const [name, service] of ours) {
      const stage = stageNamed(service.build!.target!);
      const script = scriptOf(stageCommand(stage, service.command));
      const entry = ENTRY_POINTS[script!];
      expect([name, entry?.app]).toEqual([name, expect.any(String)]);
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]),
      );
      expect([name, Object.keys(env).filter((k) => !(k in entry.spec))]).toEqual([name, []]);
      expect([name, problems(entry.spec, { ...stage.env, ...env })]).toEqual([name, []]);
    }
  });

  it('depends only on services it defines, and mounts only files that exist', () => {
    for (const service of Object.values(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(Object.keys(compose.services)).toContain(dependency);
      }
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('.')) {
          // The HJ 212 devices file is the operator's own (its default sits beside the compose file).
          if (!source.endsWith('hj212-devices.json'))
            expect(existsSync(join(ROOT, 'deploy/compose', source))).toBe(true);
        } else {
          expect(Object.keys(compose.volumes ?? {})).toContain(source);
        }
      }
    }
  });
});

describe('deploy/compose/compose.yaml: Mosquitto and its generated files', () => {
  const compose = load(read('deploy/compose/compose.yaml')) as { services: Record<string, ComposeService> };
  const mount = (service: string, volume: string) =>
    compose.services[service].volumes!.find((v) => v.startsWith(`${volume}:`))!.split(':')[1];

  it('writes the files where the broker reads them, as the broker’s user, and signals it in its PID namespace', () => {
    expect(mount('mosquitto', 'broker-auth')).toBe('/mosquitto/auth');
    for (const tool of ['broker-files', 'broker-files-watch']) {
      const service = compose.services[tool];
      expect(service.command![1]).toBe(mount(tool, 'broker-auth'));
      expect(service.user).toBe('1883:1883');
    }
    expect(compose.services['broker-files-watch'].pid).toBe('service:mosquitto');
    // The image gives the volume's mount point to uid 1883 (a new named volume takes the image's ownership).
    expect(
      stageNamed('runtime').instructions.some((i) => i.args.includes('chown 1883:1883 /run/park/mosquitto')),
    ).toBe(true);
  });
});

// ---- the Mosquitto configuration ----------------------------------------------------------------------------

describe('deploy/kubernetes/mosquitto.conf', () => {
  const directives = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('@'));
  const tested = directives(read('deploy/local/mosquitto/park-mosquitto.conf.in'));
  const deployed = directives(read('deploy/kubernetes/mosquitto.conf'));
  const PATHS = /^(listener|password_file|acl_file|pid_file|persistence_location|log_dest)\b/;

  it('keeps every setting of the tested broker configuration', () => {
    expect(tested.filter((d) => !PATHS.test(d)).filter((d) => !deployed.includes(d))).toEqual([]);
    expect(deployed.filter((d) => d.startsWith('listener')).length).toBe(
      tested.filter((d) => d.startsWith('listener')).length,
    );
  });

  it('refuses anonymous clients on every listener, and reads the files cli.js mosquitto-auth writes', () => {
    const sections = read('deploy/kubernetes/mosquitto.conf')
      .split(/^listener /m)
      .slice(1);
    expect(sections).toHaveLength(2);
    for (const section of sections) expect(section).toMatch(/^allow_anonymous false$/m);
    const files = deployed
      .filter((d) => /^(password_file|acl_file|pid_file) /.test(d))
      .map((d) => d.split(' ')[1]);
    expect(files.sort()).toEqual(
      [...Object.values(MOSQUITTO_AUTH_FILE_NAMES), MOSQUITTO_PID_FILE]
        .map((f) => `/mosquitto/auth/${f}`)
        .sort(),
    );
  });
});

describe('deploy/kubernetes/mosquitto.conf in a real Mosquitto', () => {
  // The deployed file as it is, but for its folders (a temporary one for /mosquitto) and its ports (free ones).
  const dir = mkdtempSync(join(tmpdir(), 'park-deploy-mosquitto-'));
  const deviceId = `deploy-check-${process.pid}`;
  const deviceSecret = 'deploy-check-device-secret';
  const servicePassword = 'deploy-check-ingestion-secret';
  const clients: MqttClient[] = [];
  let broker: ChildProcess | undefined;
  let devicesPort = 0;
  let servicesPort = 0;

  beforeAll(async () => {
    mkdirSync(join(dir, 'auth'));
    mkdirSync(join(dir, 'data'));
    const files = renderMosquittoAuth(
      [{ id: deviceId, credentialHash: await hashDeviceSecret(deviceSecret), enabled: true }],
      [
        {
          username: INGESTION_SERVICE_ACCOUNT,
          credentialHash: await hashDeviceSecret(servicePassword),
          read: INGESTION_SERVICE_READS,
        },
      ],
    );
    for (const [key, name] of Object.entries(MOSQUITTO_AUTH_FILE_NAMES)) {
      writeFileSync(join(dir, 'auth', name), files[key as keyof typeof MOSQUITTO_AUTH_FILE_NAMES], {
        mode: 0o600,
      });
    }
    devicesPort = await freePort();
    servicesPort = await freePort();
    const conf = read('deploy/kubernetes/mosquitto.conf')
      .replaceAll('/mosquitto/', `${dir}/`)
      .replace('listener 1883 0.0.0.0', `listener ${devicesPort} 127.0.0.1`)
      .replace('listener 1885 0.0.0.0', `listener ${servicesPort} 127.0.0.1`);
    // As deploy/local/services.sh: run as root, Mosquitto would switch to its own user, which cannot write here.
    const user = process.getuid?.() === 0 ? '\nuser root\n' : '';
    writeFileSync(join(dir, 'mosquitto.conf'), conf + user);
    broker = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    await waitFor('the broker to write its pid file', () =>
      existsSync(join(dir, 'auth', MOSQUITTO_PID_FILE)),
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    if (broker && broker.exitCode === null) {
      const exited = new Promise((resolve) => broker!.once('exit', resolve));
      broker.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const connect = (port: number, username?: string, password?: string) =>
    connectMqtt(clients, `mqtt://127.0.0.1:${port}`, username, password);

  it('passes a device’s reading to ingestion’s shared subscription, and refuses anonymous clients', async () => {
    const ingestion = await connect(servicesPort, INGESTION_SERVICE_ACCOUNT, servicePassword);
    const received: string[] = [];
    ingestion.on('message', (_topic: string, payload: Buffer, _packet: IPublishPacket) =>
      received.push(payload.toString()),
    );
    await ingestion.subscribeAsync('$share/ingestion/park/v1/devices/+/telemetry', { qos: 1 });
    const device = await connect(devicesPort, deviceId, deviceSecret);
    await device.publishAsync(telemetryTopic(deviceId), 'reading', { qos: 1 });
    await waitFor('the reading at ingestion', () => received.includes('reading'));
    await expect(connect(devicesPort)).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
    await expect(connect(servicesPort, deviceId, deviceSecret)).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
  });

  it('takes a SIGHUP to the pid in its pid file (what mosquitto-auth-watch sends) and goes on serving', async () => {
    const pid = Number(readFileSync(join(dir, 'auth', MOSQUITTO_PID_FILE), 'utf8').trim());
    expect(pid).toBe(broker!.pid);
    process.kill(pid, 'SIGHUP');
    await waitFor('a login after the reload', () =>
      connect(devicesPort, deviceId, deviceSecret).then(() => true),
    );
    expect(broker!.exitCode).toBeNull();
  });
});

// ---- Kubernetes ---------------------------------------------------------------------------------------------

interface Container {
  name: string;
  image: string;
  args?: string[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
      fieldRef?: { fieldPath: string };
    };
  }[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  tcpSocket?: { port: string | number };
}

describe('deploy/kubernetes', () => {
  const dir = 'deploy/kubernetes';
  const kustomization = load(read(`${dir}/kustomization.yaml`)) as {
    resources: string[];
    configMapGenerator: { name: string; files: string[] }[];
    images: { name: string }[];
  };
  const docsOf = (file: string) => loadAll(read(`${dir}/${file}`)).filter(Boolean) as Doc[];
  const applied = kustomization.resources.flatMap(docsOf);
  const secrets = docsOf('secret.example.yaml');
  const all = [...applied, ...secrets, ...docsOf('keda-scaledobjects.yaml')];
  const named = (kind: string, name: string) =>
    all.find((d) => d.kind === kind && (d.metadata as { name: string }).name === name);
  const configMapData = (name: string) => (named('ConfigMap', name)?.data ?? {}) as Env;
  const secretData = (name: string) => (named('Secret', name)?.stringData ?? {}) as Env;
  const workloads = applied.filter((d) => ['Deployment', 'StatefulSet', 'Job'].includes(d.kind as string));
  const podSpec = (w: Doc) =>
    (w.spec as { template: { spec: { containers: Container[]; initContainers?: Container[] } } }).template
      .spec;
  const ourContainers = workloads.flatMap((w) =>
    [...podSpec(w).containers, ...(podSpec(w).initContainers ?? [])]
      .filter((c) => c.image.startsWith('smart-park/'))
      .map((c) => ({ workload: w, container: c })),
  );

  /** A container's environment as the pod gets it; secrets and pod fields as placeholders. */
  function containerEnv(container: Container): { env: Env; fromSecret: string[]; fromConfigMap: string[] } {
    const env: Env = {};
    const fromSecret: string[] = [];
    const fromConfigMap: string[] = [];
    for (const source of container.envFrom ?? []) {
      expect(source.secretRef).toBeUndefined(); // each secret by name, so an app gets only those it reads
      const data = configMapData(source.configMapRef!.name);
      expect([source.configMapRef!.name, Object.keys(data).length > 0]).toEqual([
        source.configMapRef!.name,
        true,
      ]);
      Object.assign(env, data);
      fromConfigMap.push(...Object.keys(data));
    }
    for (const item of container.env ?? []) {
      const from = item.valueFrom;
      if (item.value !== undefined) env[item.name] = item.value;
      else if (from?.secretKeyRef) {
        const value = secretData(from.secretKeyRef.name)[from.secretKeyRef.key];
        expect([item.name, value]).toEqual([item.name, expect.any(String)]);
        env[item.name] = value!;
        fromSecret.push(item.name);
      } else if (from?.configMapKeyRef) {
        env[item.name] = configMapData(from.configMapKeyRef.name)[from.configMapKeyRef.key]!;
      } else if (from?.fieldRef?.fieldPath === 'metadata.name') env[item.name] = 'pod-0';
      else throw new Error(`${container.name}: ${item.name} has no value`);
    }
    return { env, fromSecret, fromConfigMap };
  }

  function entryOf(container: Container) {
    const target = /^smart-park\/([\w-]+)/.exec(container.image)![1];
    const stage = stageNamed(target);
    const script = scriptOf(stageCommand(stage, container.args));
    return { stage, script, entry: ENTRY_POINTS[script!] };
  }

  it('is well-formed YAML whose every document names its kind, and every image is a target of the Dockerfile', () => {
    for (const doc of all) {
      expect(doc.apiVersion).toEqual(expect.any(String));
      expect(doc.kind).toEqual(expect.any(String));
    }
    for (const { name } of kustomization.images) stageNamed(name.replace('smart-park/', ''));
    for (const { container } of ourContainers) {
      expect(kustomization.images.map((i) => i.name)).toContain(container.image.split(':')[0]);
    }
    for (const gen of kustomization.configMapGenerator) {
      for (const file of gen.files) expect(existsSync(join(ROOT, dir, file))).toBe(true);
    }
  });

  it('starts each container from a script the build made', () => {
    expect(ourContainers.length).toBeGreaterThanOrEqual(7);
    for (const { container } of ourContainers) {
      const { script, entry } = entryOf(container);
      expect([container.name, entry?.app]).toEqual([container.name, expect.any(String)]);
      expect(existsSync(join(ROOT, script!))).toBe(true);
    }
  });

  it('gives each app every variable of its schema, only those, each valid, the secrets from the Secret', () => {
    for (const { container } of ourContainers) {
      const { stage, entry } = entryOf(container);
      const spec = entry.spec;
      const { env, fromSecret, fromConfigMap } = containerEnv(container);
      const label = `${container.name} (${entry.app})`;
      expect([label, Object.keys(env).filter((k) => !(k in spec))]).toEqual([label, []]);
      // The apps get ConfigMaps that hold their whole schema; the CLI (jobs, broker files) only what it reads.
      if (entry.app !== 'cli')
        expect([label, Object.keys(spec).filter((k) => !(k in env))]).toEqual([label, []]);
      expect([label, problems(spec, { ...stage.env, ...env })]).toEqual([label, []]);
      expect([label, fromSecret.filter((k) => !isSecret(k, spec))]).toEqual([label, []]);
      expect([label, fromConfigMap.filter((k) => isSecret(k, spec))]).toEqual([label, []]);
    }
  });

  it('probes readiness on /health and liveness on the same port, where each app listens', () => {
    for (const { container } of ourContainers) {
      const { entry } = entryOf(container);
      const app = entry.app;
      const { env } = containerEnv(container);
      const portOf = (port: string | number | undefined) =>
        typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;
      if (app in HEALTH_ENDPOINTS) {
        const want = healthPort(app as HealthCheckedApp, env);
        expect([container.name, container.readinessProbe?.httpGet?.path]).toEqual([
          container.name,
          '/health',
        ]);
        expect([container.name, portOf(container.readinessProbe!.httpGet!.port)]).toEqual([
          container.name,
          want,
        ]);
        const live = container.livenessProbe?.tcpSocket?.port ?? container.livenessProbe?.httpGet?.port;
        expect([container.name, portOf(live)]).toEqual([container.name, want]);
        if (container.startupProbe) expect(portOf(container.startupProbe.tcpSocket?.port)).toBe(want);
      } else {
        expect([container.name, container.readinessProbe, container.livenessProbe]).toEqual([
          container.name,
          undefined,
          undefined,
        ]);
      }
    }
  });

  it('gives every app a PodDisruptionBudget, and autoscales only what exists', () => {
    const apps = workloads.filter((w) => w.kind !== 'Job');
    const budgets = applied.filter((d) => d.kind === 'PodDisruptionBudget');
    // Our apps' workloads (the broker's pod only carries our file watcher beside Mosquitto: one broker, no budget).
    for (const workload of apps.filter((w) => podSpec(w).containers[0].image.startsWith('smart-park/'))) {
      const labels = (workload.spec as { template: { metadata: { labels: Env } } }).template.metadata.labels;
      const budget = budgets.find((b) =>
        Object.entries((b.spec as { selector: { matchLabels: Env } }).selector.matchLabels).every(
          ([k, v]) => labels[k] === v,
        ),
      );
      expect([(workload.metadata as { name: string }).name, budget?.kind]).toEqual([
        (workload.metadata as { name: string }).name,
        'PodDisruptionBudget',
      ]);
    }
    for (const hpa of applied.filter((d) => d.kind === 'HorizontalPodAutoscaler')) {
      const target = (hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
      expect(named(target.kind, target.name)).toBeDefined();
    }
  });

  it('refers only to ConfigMaps and Secrets it defines', () => {
    const generated = kustomization.configMapGenerator.map((g) => g.name);
    for (const workload of workloads) {
      const spec = podSpec(workload) as unknown as {
        containers: Container[];
        initContainers?: Container[];
        volumes?: { configMap?: { name: string }; secret?: { secretName: string } }[];
      };
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
        for (const item of container.env ?? []) {
          const secret = item.valueFrom?.secretKeyRef;
          if (secret) expect(secretData(secret.name)[secret.key]).toBeDefined();
          const map = item.valueFrom?.configMapKeyRef;
          if (map) expect(configMapData(map.name)[map.key]).toBeDefined();
        }
      }
      for (const volume of spec.volumes ?? []) {
        if (volume.configMap)
          expect([
            ...generated,
            ...applied
              .filter((d) => d.kind === 'ConfigMap')
              .map((d) => (d.metadata as { name: string }).name),
          ]).toContain(volume.configMap.name);
        if (volume.secret) expect(named('Secret', volume.secret.secretName)).toBeDefined();
      }
    }
  });

  it('makes exactly the platform’s topics with three replicas before the apps would make them with one', () => {
    const job = named('Job', 'park-kafka-topics')!;
    const script = podSpec(job).containers[0].args!.join('\n');
    const [, list] = /for topic in ([^;]+);/.exec(script) ?? [];
    expect(list.trim().split(/\s+/).sort()).toEqual(Object.values(KAFKA_TOPICS).sort());
    expect(script).toContain('--replication-factor 3');
    expect(script).toContain('min.insync.replicas=2');
  });
});
