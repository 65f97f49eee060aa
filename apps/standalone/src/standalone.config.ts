import { bool, int, str, type ConfigOf } from '@park/config';

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
  OPS_PORT: int(
    'port of the ingestion operations endpoints (/health, /metrics); 0 = any free port',
    0,
    0,
    65535,
  ),
  SIMULATE: bool('run the demo fleet of simulated devices in the same process', true),
  INFLUX_URL: str('InfluxDB v1 URL; when set, telemetry goes there instead of the embedded store', ''),
  INFLUX_DATABASE: str('InfluxDB database (with INFLUX_URL)', 'smart_park'),
  DEMO_PASSWORD: str('password of the demo logins', 'park-demo-2025'),
  DEMO_DEVICE_SECRET: str('MQTT password of the demo devices', 'demo-device-secret'),
  JWT_SECRET: str('HMAC secret for access tokens; empty: generated once and kept in PARK_DATA_DIR', ''),
};

export type StandaloneConfig = ConfigOf<typeof standaloneConfigSpec>;
