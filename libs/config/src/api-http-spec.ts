import { bool, int, type ConfigOf } from './config';

/**
 * The HTTP surface's settings (docs/security-http.md): body limits, rate limits, proxies, origins, frames, source
 * maps and API docs. Every default is the safe one; tests set limits low. Here, not in the API, because the
 * standalone mode reads them too (apps/standalone/src/standalone.config.ts) and hands them to its API.
 */
export const apiHttpSpec = {
  API_BODY_LIMIT_KB: int(
    'largest JSON or form request body in KiB; a larger one is answered 413',
    100,
    1,
    10_240,
  ),
  EXCHANGE_BODY_LIMIT_MB: int(
    'largest request body of the exchange’s inbound route POST /api/exchange/v1/figures, in MiB (only that route; ' +
      'a year of monthly figures for 10 000 enterprises is ~10 MiB of JSON); a larger one is answered 413',
    32,
    1,
    256,
  ),
  API_JSON_MAX_DEPTH: int('deepest nesting of a JSON request body; a deeper one is answered 400', 32, 2, 256),
  API_RATE_LIMIT_WINDOW_S: int('window of the API rate limits, in seconds', 60, 1, 3600),
  API_RATE_LIMIT_PER_USER: int(
    'requests per window for one signed-in user (any address), or for one address without a valid token; 0: off',
    2400,
    0,
    1_000_000,
  ),
  API_RATE_LIMIT_PER_ADDRESS: int(
    'requests per window from one client address, all users behind it together (an office NAT); 0: off',
    12_000,
    0,
    1_000_000,
  ),
  API_TRUST_PROXY: {
    describe:
      'reverse proxies whose X-Forwarded-For names the client (Express "trust proxy": a hop count, or addresses/subnets such as "loopback" or "10.0.0.0/8"; empty: none)',
    default: false as false | number | string,
    parse: (raw: string): false | number | string | undefined =>
      /^\d{1,2}$/.test(raw) ? Number(raw) : /^[\w.:/, -]+$/.test(raw) && raw !== 'true' ? raw : undefined,
  },
  API_ALLOWED_ORIGINS: origins(
    "web origins besides the API's own that may open socket.io connections, e.g. https://park.example",
  ),
  API_FRAME_ANCESTORS: origins(
    'origins that may show the web app in a frame (e.g. a portal embedding the wall); empty: none may',
  ),
  API_SERVE_SOURCE_MAPS: bool("serve the web build's *.map files (debugging only)", false),
  API_DOCS: {
    describe: 'the OpenAPI document and its UI at /api/docs: "login" (any signed-in staff user) or "off"',
    default: 'login' as 'login' | 'off',
    parse: (raw: string): 'login' | 'off' | undefined => (raw === 'login' || raw === 'off' ? raw : undefined),
  },
};

export type ApiHttpConfig = ConfigOf<typeof apiHttpSpec>;

/** Only the HTTP settings of a configuration that holds them (the standalone mode's), for its API. */
export function apiHttpSettings(config: ApiHttpConfig): ApiHttpConfig {
  return Object.fromEntries(
    Object.keys(apiHttpSpec).map((key) => [key, config[key as keyof ApiHttpConfig]]),
  ) as ApiHttpConfig;
}

/** A comma-separated list of web origins, each normalized (scheme, host, port). */
function origins(describe: string) {
  return {
    describe: `${describe} (comma-separated origins such as https://park.example:8443)`,
    default: [] as readonly string[],
    parse: (raw: string): readonly string[] | undefined => {
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return list.every((o) => /^https?:\/\/[^/\s]+$/.test(o))
        ? list.map((o) => new URL(o).origin)
        : undefined;
    },
  };
}
