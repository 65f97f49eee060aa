import {
  bool,
  int,
  influxSpec,
  kafkaSpec,
  logSpec,
  mqttSpec,
  postgresSpec,
  str,
  type ConfigOf,
} from '@park/config';

export const ingestionConfigSpec = {
  ...logSpec,
  ...kafkaSpec,
  ...postgresSpec,
  ...influxSpec,
  ...mqttSpec,
  MQTT_CLIENT_ID: str(
    'MQTT client id prefix of this ingestion instance (fixed: the broker keeps its sessions); -1, -2… per connection',
    'park-ingestion-a',
  ),
  MQTT_CONNECTIONS: int(
    'MQTT connections this instance opens in the shared-subscription group (more than 1 gives up strict per-device order)',
    1,
    1,
    64,
  ),
  INGEST_MAX_BATCH: int('most MQTT messages handed to Kafka in one batch', 10_000, 1, 100_000),
  INGEST_MAX_DELAY_MS: int('longest a message waits for its batch to fill, ms', 2, 0, 1000),
  MQTT_SHARE_GROUP: str('MQTT shared-subscription group', 'ingestion'),
  INGEST_MAX_PAYLOAD_BYTES: int('largest accepted MQTT payload in bytes', 64 * 1024, 64, 16 * 1024 * 1024),
  INGEST_MAX_FUTURE_SKEW_MS: int('how far ahead of the server clock a reading may be, ms', 5 * 60_000, 0),
  DEVICE_CACHE_TTL_MS: int('how long a device lookup is cached, ms', 30_000, 0),
  INGEST_HTTP_HOST: str('interface of the operations endpoints (/health, /metrics)', '127.0.0.1'),
  INGEST_HTTP_PORT: int('port of the operations endpoints (/health, /metrics)', 9464, 0, 65535),
  RUN_LIVENESS: bool(
    'run the device-liveness watcher (silent devices → offline events) in this process',
    true,
  ),
  LIVENESS_SILENCE_FACTOR: int(
    'a device is offline when silent this many times its expected interval',
    3,
    1,
    100,
  ),
  LIVENESS_SWEEP_MS: int('how often silent devices are looked for, ms', 5_000, 100, 600_000),
  RUN_TELEMETRY_WRITER: bool('run the telemetry writer (Kafka → InfluxDB) in this process', true),
  RUN_MQTT_INGRESS: bool('run the MQTT → Kafka ingress in this process', true),
};

export type IngestionConfig = ConfigOf<typeof ingestionConfigSpec>;
export const INGESTION_CONFIG = Symbol('IngestionConfig');
