import {
  alertLinkSpec,
  apiHttpSpec,
  influxSpec,
  int,
  jwtSpec,
  kafkaSpec,
  logSpec,
  postgresSpec,
  str,
  type ConfigOf,
} from '@park/config';
import { hostname } from 'node:os';
import { parseHourRanges } from './energy/energy-plan';
import { reportScheduleSpec } from './reports/report-schedule.config';
import { expiryReminderSpec } from './qualifications/expiry-reminder.config';
import { exchangeDropSpec } from './exchange/exchange.config';
import { webhookTargetSpec } from '@park/notifications';

export const apiConfigSpec = {
  ...logSpec,
  ...kafkaSpec,
  ...postgresSpec,
  ...jwtSpec,
  /** The signed alert links (GET/POST /api/alert-links/:token): verified with ALERT_LINK_SECRET. */
  ...alertLinkSpec,
  /** Read by the rules dry-run (recent raw data). */
  ...influxSpec,
  API_HOST: str('interface the API listens on', '127.0.0.1'),
  API_PORT: int('HTTP port of the API and socket.io', 3000, 0, 65535),
  API_INSTANCE_ID: str(
    'unique id of this API instance (its own Kafka consumer group for alert fan-out)',
    `${hostname()}-${process.pid}`,
  ),
  SESSION_CACHE_MS: int(
    'how long an API instance trusts its last look at a session, in ms (a revocation made through this instance applies at once; one made through another instance, or in the database, after at most this)',
    5000,
    0,
    60_000,
  ),
  SESSION_RECHECK_MS: int(
    'how often the sessions of open socket.io connections are checked again, in ms (ends sockets whose session another API instance revoked)',
    15_000,
    200,
    600_000,
  ),
  CATCH_UP_LIMIT: int('most missed alert events replayed to a reconnecting client', 500, 1, 10_000),
  TELEMETRY_THROTTLE_MS: int(
    'socket.io `telemetry` events: shortest time between two events of one device, in ms (the newest values go out at the end of each window; 0: every reading)',
    1000,
    0,
    60_000,
  ),
  ...apiHttpSpec,
  /** Webhook URLs are refused on save unless public or allow-listed (docs/alerts.md; re-checked on delivery). */
  ...webhookTargetSpec,
  NOTIFY_TEST_TIMEOUT_MS: int(
    "how long a notification channel's test message (发送测试消息) waits for the provider, ms",
    10_000,
    100,
    60_000,
  ),
  /** Energy page (docs/energy.md): time-of-use periods as Asia/Shanghai hours; every other hour is 平 (flat). */
  TOU_PEAK_HOURS: hourRanges('峰 (peak) hours, start-end with the end exclusive', '8-11,17-22'),
  TOU_VALLEY_HOURS: hourRanges('谷 (valley) hours, start-end with the end exclusive', '0-8'),
  GRID_EMISSION_FACTOR_KG_PER_KWH: {
    describe: 'grid CO₂ emission factor for the carbon estimate (kg CO₂ per kWh, a number > 0 and < 5)',
    default: 0.5703,
    parse: (raw: string): number | undefined => {
      const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
      return n > 0 && n < 5 ? n : undefined;
    },
  },
  /** Reports (docs/reports.md): the monthly schedule. */
  ...reportScheduleSpec,
  /** 资质到期提醒 (docs/notifications.md): the daily expiry reminders. */
  ...expiryReminderSpec,
  /** The key-information exchange's drop folder (docs/data-exchange.md). */
  ...exchangeDropSpec,
};

/** A comma-separated list of web origins (scheme://host[:port], no path); empty: none. */
function hourRanges(describe: string, fallback: string) {
  return {
    describe: `${describe} (comma-separated hour ranges 0-24 such as "${fallback}", not overlapping)`,
    default: parseHourRanges(fallback),
    parse: parseHourRanges,
  };
}

export type ApiConfig = ConfigOf<typeof apiConfigSpec>;
export const API_CONFIG = Symbol('ApiConfig');
