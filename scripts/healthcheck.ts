/**
 * The container images' HEALTHCHECK (deploy/container/Dockerfile): `node dist/scripts/healthcheck.js APP` asks the
 * app in the same container for GET http://127.0.0.1:<its port>/health and exits 0 on a 2xx answer, 1 otherwise
 * (no answer within 3 s included). The port is the one the app itself listens on: the variable its config schema
 * names, read from the environment with the schema's default — so the check follows a changed port. The slim
 * runtime image has no curl or wget, hence Node.
 */
import { loadConfig, type ConfigSpec } from '@park/config';
import { apiConfigSpec } from '../apps/api/src/api.config';
import { hj212BridgeConfigSpec } from '../apps/hj212-bridge/src/hj212-bridge.config';
import { ingestionConfigSpec } from '../apps/ingestion/src/ingestion.config';
import { rulesConfigSpec } from '../apps/rules/src/rules.config';
import { standaloneConfigSpec } from '../apps/standalone/src/standalone.config';

export interface HealthEndpoint {
  /** The variable of the app's config schema that holds the port of its /health. */
  readonly portVariable: string;
  readonly spec: ConfigSpec;
  readonly path: '/health';
}

/** Each app with an HTTP /health, and where it is (the controllers: apps/api/src/health, the operations ones). */
export const HEALTH_ENDPOINTS = {
  api: { portVariable: 'API_PORT', spec: apiConfigSpec, path: '/health' },
  ingestion: { portVariable: 'INGEST_HTTP_PORT', spec: ingestionConfigSpec, path: '/health' },
  rules: { portVariable: 'RULES_HTTP_PORT', spec: rulesConfigSpec, path: '/health' },
  'hj212-bridge': { portVariable: 'HJ212_OPS_PORT', spec: hj212BridgeConfigSpec, path: '/health' },
  // The standalone process serves the API's /health (records and telemetry) on its web port.
  standalone: { portVariable: 'API_PORT', spec: standaloneConfigSpec, path: '/health' },
} as const satisfies Record<string, HealthEndpoint>;

export type HealthCheckedApp = keyof typeof HEALTH_ENDPOINTS;

/** The port the app listens on for /health, given its environment (the schema's default when unset). */
export function healthPort(app: HealthCheckedApp, env: NodeJS.ProcessEnv = process.env): number {
  const { portVariable } = HEALTH_ENDPOINTS[app];
  const spec: ConfigSpec = HEALTH_ENDPOINTS[app].spec;
  const port: ConfigSpec = { [portVariable]: spec[portVariable] };
  return loadConfig(port, env)[portVariable] as number;
}

async function main(app: string | undefined): Promise<number> {
  if (!app || !(app in HEALTH_ENDPOINTS)) {
    process.stderr.write(`usage: healthcheck ${Object.keys(HEALTH_ENDPOINTS).join(' | ')}\n`);
    return 2;
  }
  const name = app as HealthCheckedApp;
  const url = `http://127.0.0.1:${healthPort(name)}${HEALTH_ENDPOINTS[name].path}`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    process.stdout.write(`${url} ${res.status}\n`);
    return res.ok ? 0 : 1;
  } catch (error) {
    process.stdout.write(`${url} no answer: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv[2]).then((code) => process.exit(code));
}
