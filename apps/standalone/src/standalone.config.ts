import { alertLinkSpec, apiHttpSpec, bool, influxSpec, int, logSpec, str, type ConfigOf } from '@park/config';
import { DEFAULT_AUTH_THROTTLE, DEFAULT_MQTT_CONNECTION_LIMITS } from '@park/mqtt';

/** The standalone mode's own settings; everything else takes the services' defaults (DESIGN.md, "Two ways to run"). */
export const standaloneConfigSpec = {
  PARK_DATA_DIR: str(
    'folder where the standalone mode keeps its records, telemetry and generated secret',
    '.park-data/standalone',
  ),
  API_HOST: str('interface of the web platform and API', '127.0.0.1'),
  API_PORT: int('HTTP port of the web platform and API', 3000, 0, 65535),
  MQTT_HOST: str('interface of the embedded MQTT broker (0.0.0.0 to let real devices in)', '127.0.0.1'),
  MQTT_PORT: int(
    'port of the embedded MQTT broker; when taken (another broker), the next free one',
    1883,
    0,
    65535,
  ),
  MQTT_MAX_PACKET_BYTES: int(
    'largest MQTT packet a logged-in device may send; bigger ones close the connection (default: twice the ' +
      'telemetry payload limit + 1 KiB)',
    DEFAULT_MQTT_CONNECTION_LIMITS.maxPacketBytes,
    1024,
    256 * 1024 * 1024,
  ),
  MQTT_PREAUTH_MAX_BYTES: int(
    'bytes an MQTT connection may send before its login is accepted (its CONNECT is well under 1 KiB)',
    DEFAULT_MQTT_CONNECTION_LIMITS.preAuthBytes,
    256,
    1024 * 1024,
  ),
  MQTT_PREAUTH_TIMEOUT_MS: int(
    'ms an MQTT connection may take from opening to an accepted login',
    DEFAULT_MQTT_CONNECTION_LIMITS.preAuthTimeoutMs,
    500,
    120_000,
  ),
  MQTT_AUTH_FREE_FAILURES: int(
    'failed MQTT logins from one address before its further attempts are slowed (progressive delay)',
    DEFAULT_AUTH_THROTTLE.freeFailures,
    1,
    1000,
  ),
  MQTT_AUTH_MAX_DELAY_MS: int(
    'longest delay before a slowed MQTT login is checked, ms',
    DEFAULT_AUTH_THROTTLE.maxDelayMs,
    0,
    60_000,
  ),
  MQTT_ACCOUNT_RECHECK_MS: int(
    'how often connected devices are re-checked against the records (besides on every device change), ms; 0 = never',
    30_000,
    0,
    3_600_000,
  ),
  OPS_PORT: int(
    'port of the ingestion operations endpoints (/health, /metrics); 0 = any free port',
    0,
    0,
    65535,
  ),
  EXCHANGE_DROP_DIR: str(
    'folder watched for the source systems’ spreadsheets (docs/data-exchange.md); default <PARK_DATA_DIR>/exchange-drop',
    '',
  ),
  HJ212: bool('run the HJ 212 bridge for data loggers (CEMS, water analysers) in the same process', true),
  HJ212_HOST: str(
    'interface the HJ 212 data loggers connect to (0.0.0.0 to let real loggers in)',
    '127.0.0.1',
  ),
  HJ212_PORT: int(
    'TCP port of the HJ 212 bridge; when taken (another bridge), the next free one (0: any free port)',
    9212,
    0,
    65535,
  ),
  HJ212_DEVICES_FILE: str(
    "the HJ 212 loggers' devices file (docs/hj212.md); default <PARK_DATA_DIR>/hj212-devices.json, written with " +
      "the demo park's two loggers when missing",
    '',
  ),
  /** The banner and warnings by default; `log` adds the services' notices, `debug` Nest's route table. */
  LOG_LEVEL: { ...logSpec.LOG_LEVEL, default: 'warn' as const },
  SIMULATE: bool('run the demo fleet of simulated devices in the same process', true),
  DEMO_TIMELINE: bool(
    'with SIMULATE: switch the demo timeline of faults on (a gas leak, a smoke alarm, a vessel over pressure, ' +
      'treatment switched off) every hour, so alerts open and clear',
    true,
  ),
  INFLUX_URL: str('InfluxDB v1 URL; when set, telemetry goes there instead of the embedded store', ''),
  INFLUX_DATABASE: str('InfluxDB database (with INFLUX_URL)', 'smart_park'),
  TELEMETRY_RETENTION_DAYS: influxSpec.TELEMETRY_RETENTION_DAYS,
  DEMO_PASSWORD: str('password of the demo logins', 'park-demo-2025'),
  DEMO_DEVICE_SECRET: str('MQTT password of the demo devices', 'demo-device-secret'),
  JWT_SECRET: str('HMAC secret for access tokens; empty: generated once and kept in PARK_DATA_DIR', ''),
  ALERT_LINK_SECRET: str(
    'HMAC secret of the alert links in notification messages; empty: generated once and kept in PARK_DATA_DIR',
    '',
  ),
  PUBLIC_BASE_URL: str(
    'where people open the web platform (messages link to it); empty: http://<API_HOST>:<API_PORT>',
    '',
  ),
  ALERT_LINK_TTL_MINUTES: alertLinkSpec.ALERT_LINK_TTL_MINUTES,
  WEBHOOK_ALLOWED_TARGETS: str(
    'internal webhook receivers allowed despite a non-public address (CIDRs, addresses, host names; docs/alerts.md)',
    '',
  ),
  /** The API's HTTP settings (docs/security-http.md), read as the microservices API reads them. */
  ...apiHttpSpec,
};

export type StandaloneConfig = ConfigOf<typeof standaloneConfigSpec>;
