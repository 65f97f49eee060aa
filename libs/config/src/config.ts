/**
 * @park/config — reads process.env once, at start-up, checks every variable, and fails fast
 * naming each bad or missing variable and what it expected (CONVENTIONS.md §4). No schema library: zod, envalid
 * and env-schema were tried or read and did not make it smaller or clearer (docs/decisions/009-hand-written-env-parsing.md).
 */
export type Env = Readonly<Record<string, string | undefined>>;

interface VarSpec<T> {
  readonly describe: string;
  readonly default?: T;
  readonly parse: (raw: string) => T | undefined;
  /** Never echo the value in an error message: it ends up in logs. */
  readonly sensitive?: boolean;
  /** Optional on its own, but missing is an error when this other variable is set (a feature turned on). */
  readonly requiredWith?: string;
}

export const str = (describe: string, fallback?: string): VarSpec<string> => ({
  describe,
  default: fallback,
  parse: (raw) => (raw.length > 0 ? raw : undefined),
});

export const int = (
  describe: string,
  fallback?: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): VarSpec<number> => ({
  describe: `${describe} (integer ${min}..${max})`,
  default: fallback,
  parse: (raw) => {
    if (!/^-?\d+$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  },
});

export const bool = (describe: string, fallback?: boolean): VarSpec<boolean> => ({
  describe: `${describe} (true/false)`,
  default: fallback,
  parse: (raw) => (raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : undefined),
});

export const url = (describe: string, protocols: readonly string[], fallback?: string): VarSpec<string> => ({
  describe: `${describe} (URL: ${protocols.join(', ')})`,
  default: fallback,
  parse: (raw) => {
    try {
      return protocols.includes(new URL(raw).protocol.replace(/:$/, '')) ? raw : undefined;
    } catch {
      return undefined;
    }
  },
});

export const list = (describe: string, fallback?: string[]): VarSpec<string[]> => ({
  describe: `${describe} (comma-separated)`,
  default: fallback,
  parse: (raw) => {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length > 0 ? items : undefined;
  },
});

export const secret = (describe: string, minLength = 32): VarSpec<string> => ({
  describe: `${describe} (secret, at least ${minLength} characters)`,
  sensitive: true,
  parse: (raw) => (raw.length >= minLength ? raw : undefined),
});

/** Lowercase letters, digits and hyphens: safe inside topic, database and consumer-group names. */
export const namespace = (describe: string): VarSpec<string> => ({
  describe: `${describe} ([a-z0-9_-], may be empty)`,
  default: '',
  parse: (raw) => (/^[a-z0-9_-]{0,40}$/.test(raw) ? raw : undefined),
});

export type ConfigSpec = Record<string, VarSpec<unknown>>;
export type ConfigOf<S extends ConfigSpec> = {
  readonly [K in keyof S]: S[K] extends VarSpec<infer T> ? T : never;
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends ConfigSpec>(spec: S, env: Env = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(spec)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (v.default === undefined) problems.push(`${name} is missing: expected ${v.describe}`);
      else if (v.requiredWith && env[v.requiredWith])
        problems.push(`${name} is missing: expected ${v.describe}; required when ${v.requiredWith} is set`);
      else out[name] = v.default;
      continue;
    }
    const parsed = v.parse(raw);
    const shown = v.sensitive ? '' : `="${raw.slice(0, 60)}"`;
    if (parsed === undefined) problems.push(`${name}${shown} is invalid: expected ${v.describe}`);
    else out[name] = parsed;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

/** For an app's main(): load the config or print what is wrong and exit 1. */
export function loadConfigOrExit<S extends ConfigSpec>(
  appName: string,
  spec: S,
  env: Env = process.env,
): ConfigOf<S> {
  try {
    return loadConfig(spec, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${appName}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
