import { influxSpec, int, jwtSpec, kafkaSpec, postgresSpec, str, type ConfigOf } from '@park/config';
import { hostname } from 'node:os';

export const apiConfigSpec = {
  ...kafkaSpec,
  ...postgresSpec,
  ...jwtSpec,
  /** Read by the rules dry-run (recent raw data). */
  ...influxSpec,
  API_HOST: str('interface the API listens on', '127.0.0.1'),
  API_PORT: int('HTTP port of the API and socket.io', 3000, 0, 65535),
  API_INSTANCE_ID: str(
    'unique id of this API instance (its own Kafka consumer group for alert fan-out)',
    `${hostname()}-${process.pid}`,
  ),
  CATCH_UP_LIMIT: int('most missed alert events replayed to a reconnecting client', 500, 1, 10_000),
};

export type ApiConfig = ConfigOf<typeof apiConfigSpec>;
export const API_CONFIG = Symbol('ApiConfig');
