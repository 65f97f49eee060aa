import { alertLinkSpec, int, kafkaSpec, logSpec, postgresSpec, str, type ConfigOf } from '@park/config';
import { webhookTargetSpec } from '@park/notifications';

const MINUTE = 60_000;

export const rulesConfigSpec = {
  ...logSpec,
  ...kafkaSpec,
  ...postgresSpec,
  /** Notification messages link to the alert's phone page, signed with ALERT_LINK_SECRET (@park/auth alertLinkFor). */
  ...alertLinkSpec,
  RULES_REFRESH_MS: int(
    'how often the rule set and device list are reloaded from the records, ms',
    15_000,
    500,
  ),
  OUTBOX_POLL_MS: int(
    'how often unpublished alert events (also those the API writes on acknowledge/resolve) are swept to Kafka, ms',
    250,
    20,
  ),
  RULES_MAX_WAIT_MS: int(
    'longest a Kafka fetch may wait for data (kafkajs defaults to 5000), ms',
    10,
    1,
    5_000,
  ),
  RULES_TICK_MS: int(
    'how often time-driven rules (device silence, closing clock hours) are judged, ms',
    5_000,
    100,
  ),
  RULES_CAUGHT_UP_LAG: int(
    'ticks wait until every partition lags by fewer messages than this, so a backlog is not judged as silence',
    100,
    0,
  ),
  RULES_CAUGHT_UP_MS: int(
    'ticks also wait until the newest message handled on every partition is younger than this, ms',
    2_000,
    0,
  ),
  REPEAT_EVENT_EVERY_MS: int(
    'a `repeated` event (count rose) is published at most once per alert per this many ms; 0 = never',
    MINUTE,
    0,
  ),
  ESCALATE_CRITICAL_AFTER_MS: int(
    'a critical alert unacknowledged this long is escalated (overdue), ms',
    5 * MINUTE,
    1_000,
  ),
  ESCALATE_WARNING_AFTER_MS: int(
    'a warning unacknowledged this long is escalated (overdue), ms',
    15 * MINUTE,
    1_000,
  ),
  ESCALATE_INFO_AFTER_MS: int(
    'an info alert unacknowledged this long is escalated (overdue), ms',
    60 * MINUTE,
    1_000,
  ),
  REMIND_EVERY_MS: int(
    'an overdue alert is re-announced (reminder) this often until acknowledged, ms',
    10 * MINUTE,
    1_000,
  ),
  ESCALATION_CHECK_MS: int('how often overdue alerts and reminders are checked, ms', 5_000, 100),
  WEBHOOK_POLL_MS: int('how often due webhook deliveries are looked for, ms', 500, 20),
  WEBHOOK_TIMEOUT_MS: int('how long one webhook call may take, ms', 5_000, 100),
  WEBHOOK_MAX_ATTEMPTS: int('attempts per webhook delivery before giving up', 8, 1, 100),
  WEBHOOK_BACKOFF_MS: int('first retry delay of a failed webhook call; doubles per attempt, ms', 1_000, 10),
  WEBHOOK_BACKOFF_MAX_MS: int('longest delay between webhook retries, ms', 10 * MINUTE, 10),
  /** Checked again on every delivery, against DNS rebinding (webhook-target.ts). */
  ...webhookTargetSpec,
  NOTIFY_POLL_MS: int(
    'how often due notification deliveries (企业微信, 钉钉, e-mail, SMS …) are looked for, ms',
    500,
    20,
  ),
  NOTIFY_TIMEOUT_MS: int(
    'how long one notification send may take before it counts as failed, ms',
    10_000,
    100,
  ),
  NOTIFY_MAX_ATTEMPTS: int('attempts per notification delivery before it is marked failed', 6, 1, 100),
  NOTIFY_BACKOFF_MS: int('first retry delay of a failed notification; doubles per attempt, ms', 5_000, 10),
  NOTIFY_BACKOFF_MAX_MS: int('longest delay between notification retries, ms', 10 * MINUTE, 10),
  NOTIFY_CONCURRENCY: int('notification sends in flight at once per rules instance', 50, 1, 1_000),
  RULES_HTTP_HOST: str('interface of the operations endpoints (/health, /metrics)', '127.0.0.1'),
  /** 9464 is ingestion's (9465 its telemetry writer's in scripts/start-local.sh), 9213 the HJ 212 bridge's. */
  RULES_HTTP_PORT: int('port of the operations endpoints (/health, /metrics)', 9466, 0, 65535),
};

export type RulesConfig = ConfigOf<typeof rulesConfigSpec>;
export const RULES_CONFIG = Symbol('RulesConfig');
