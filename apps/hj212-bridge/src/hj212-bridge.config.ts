import { int, logSpec, mqttSpec, str, type ConfigOf } from '@park/config';
import { DATA_COMMANDS, isDataCommand, type DataCommand } from '@park/hj212';

/** A comma-separated subset of the data commands the bridge knows how to map. */
const dataCommands = (describe: string, fallback: DataCommand[]) => ({
  describe: `${describe} (comma-separated, from ${Object.keys(DATA_COMMANDS).join(', ')})`,
  default: fallback,
  parse: (raw: string): DataCommand[] | undefined => {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length > 0 && items.every(isDataCommand) ? [...new Set(items)] : undefined;
  },
});

export const hj212BridgeConfigSpec = {
  ...logSpec,
  MQTT_URL: mqttSpec.MQTT_URL,
  HJ212_HOST: str('address the HJ 212 TCP server listens on', '0.0.0.0'),
  HJ212_PORT: int('TCP port the data loggers connect to (0: any free port)', 9212, 0, 65535),
  HJ212_PORT_ATTEMPTS: int(
    'ports tried from HJ212_PORT upwards while they are taken (1: HJ212_PORT or fail; the standalone mode tries 20)',
    1,
    1,
    100,
  ),
  HJ212_DEVICES_FILE: str('JSON file of the HJ 212 devices: [{"mn", "deviceId", "kind", "passwordHash"}]'),
  HJ212_IDLE_TIMEOUT_MS: int('close a data-logger connection silent for this long, ms', 600_000, 1_000),
  HJ212_MAX_CONNECTIONS: int('most data-logger connections at once', 1_000, 1, 100_000),
  HJ212_PUBLISH_CNS: dataCommands('data commands whose values are published as readings', [
    '2011',
    '2051',
    '2061',
  ]),
  HJ212_PUBLISH_TIMEOUT_MS: int(
    'how long to wait for the broker to acknowledge a reading before leaving the packet unanswered, ms',
    10_000,
    100,
  ),
  HJ212_OPS_HOST: str('address of the operations endpoints (/health, /metrics)', '127.0.0.1'),
  HJ212_OPS_PORT: int('port of the operations endpoints (0: any free port)', 9213, 0, 65535),
  HJ212_MQTT_CLIENT_PREFIX: str(
    'prefix of the per-device MQTT client ids (<prefix>-<deviceId>); unique per bridge instance',
    'hj212-1',
  ),
};

export type Hj212BridgeConfig = ConfigOf<typeof hj212BridgeConfigSpec>;
export const HJ212_BRIDGE_CONFIG = Symbol('Hj212BridgeConfig');
