import { int, list, namespace, secret, str, url } from './config';

/** Variables that several apps read; each app composes the ones it needs. */
export const kafkaSpec = {
  KAFKA_BROKERS: list('Kafka bootstrap brokers host:port', ['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: str('Kafka client id prefix', 'smart-park'),
  PARK_NAMESPACE: namespace('suffix for Kafka topics and consumer groups, to isolate test runs'),
  KAFKA_TOPIC_PARTITIONS: int('partitions for topics the platform creates', 6, 1, 1000),
  KAFKA_TOPIC_REPLICATION: int(
    'replicas of each topic the platform creates (3 on a three-broker cluster with min.insync.replicas 2)',
    1,
    1,
    16,
  ),
  // The bus implementation (libs/bus): Kafka, or in memory when the apps run in one process (standalone mode).
  BUS: {
    describe: 'message bus (one of: kafka, in-process)',
    default: 'kafka' as 'kafka' | 'in-process',
    parse: (raw: string) => (raw === 'kafka' || raw === 'in-process' ? raw : undefined),
  },
  BUS_JOURNAL_PATH: str(
    'BUS=in-process only: the SQLite file that makes the bus durable (the standalone mode keeps it in its data folder); empty: memory only',
    '',
  ),
};

export const postgresSpec = {
  DATABASE_URL: url(
    'records database: a PostgreSQL URL, or sqlite:/abs/path/park.db (standalone mode)',
    ['postgres', 'postgresql', 'sqlite'],
    'postgres://postgres@127.0.0.1:5432/smart_park',
  ),
};

export const influxSpec = {
  INFLUX_URL: url('InfluxDB v1 HTTP API base URL', ['http', 'https'], 'http://127.0.0.1:8086'),
  INFLUX_DATABASE: str('InfluxDB database', 'smart_park'),
  INFLUX_USERNAME: str('InfluxDB user (v1 auth; empty when auth is off)', ''),
  INFLUX_PASSWORD: str('InfluxDB password', ''),
  TELEMETRY_SQLITE_PATH: str(
    'when set, telemetry is kept in this embedded SQLite file instead of InfluxDB',
    '',
  ),
  TELEMETRY_RETENTION_DAYS: int(
    'embedded store only: days raw readings are kept (hourly min/mean/max stay 5 years; InfluxDB has its own policies)',
    90,
    1,
    36_500,
  ),
};

export const mqttSpec = {
  MQTT_URL: url('MQTT broker URL', ['mqtt', 'mqtts', 'tcp', 'ws', 'wss'], 'mqtt://127.0.0.1:1883'),
  MQTT_USERNAME: str('MQTT username of this service', ''),
  MQTT_PASSWORD: str('MQTT password of this service', ''),
};

export const jwtSpec = {
  JWT_SECRET: secret('HMAC secret for signing access tokens'),
  JWT_TTL_SECONDS: int('access token lifetime in seconds', 8 * 3600, 60, 30 * 24 * 3600),
};

/**
 * The signed alert links that notification messages carry (docs/notifications.md, "手机处置链接"; the threat model
 * in docs/security-auth.md). The rules service signs them, the API verifies them: both read the same three. A
 * platform with a public address must have the secret — the start fails naming it otherwise; without a public
 * address no message carries a link, and without the secret the API refuses every link. The standalone mode
 * generates the secret once and keeps it in its data folder, as it does JWT_SECRET.
 */
export const alertLinkSpec = {
  PUBLIC_BASE_URL: {
    ...url(
      'where people open the web platform, e.g. https://park.example; messages link to it (empty: no links)',
      ['http', 'https'],
    ),
    default: '',
  },
  ALERT_LINK_SECRET: {
    ...secret('HMAC secret for signing the alert links in notification messages (not JWT_SECRET)'),
    default: '',
    requiredWith: 'PUBLIC_BASE_URL',
  },
  ALERT_LINK_TTL_MINUTES: int(
    'how long an alert link in a message works, in minutes',
    24 * 60,
    5,
    7 * 24 * 60,
  ),
};

/** Nest's levels, most severe first; a level shows itself and every one before it. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export const logSpec = {
  LOG_LEVEL: {
    describe: `least severe log lines shown (one of: ${LOG_LEVELS.join(', ')}; debug adds Nest's route table)`,
    default: 'log' as LogLevelName,
    parse: (raw: string) => LOG_LEVELS.find((level) => level === raw),
  },
};
