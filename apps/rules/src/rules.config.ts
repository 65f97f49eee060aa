import { int, kafkaSpec, postgresSpec, type ConfigOf } from '@park/config';

export const rulesConfigSpec = {
  ...kafkaSpec,
  ...postgresSpec,
  RULES_REFRESH_MS: int('how often the rule set is reloaded from the records, ms', 15_000, 500),
  OUTBOX_POLL_MS: int(
    'how often unpublished alert events (also those the API writes on acknowledge/resolve) are swept to Kafka, ms',
    250,
    20,
  ),
};

export type RulesConfig = ConfigOf<typeof rulesConfigSpec>;
export const RULES_CONFIG = Symbol('RulesConfig');
