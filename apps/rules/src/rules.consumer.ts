import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BusConsumer, type BusContext, type BusHandlerOptions, type IncomingMessage } from '@park/bus';
import { RulesService } from './rules.service';

/**
 * The rules engine's consumer: readings and device status in one group, from the oldest not yet evaluated. Alerts
 * are latency-critical, so the broker holds a fetch 10 ms at most (RULES_MAX_WAIT_MS overrides it: `rulesBusSettings`).
 */
const RULES_GROUP = { group: 'rules', fromBeginning: true, maxWaitMs: 10 } satisfies BusHandlerOptions;

@BusConsumer()
export class RulesConsumer {
  constructor(private readonly rules: RulesService) {}

  @EventPattern('telemetry', RULES_GROUP)
  readings(@Payload() messages: readonly IncomingMessage[], @Ctx() context: BusContext): Promise<void> {
    return this.rules.handleBatch(messages, context.getInfo());
  }

  @EventPattern('deviceStatus', RULES_GROUP)
  deviceStatus(@Payload() messages: readonly IncomingMessage[], @Ctx() context: BusContext): Promise<void> {
    return this.rules.handleBatch(messages, context.getInfo());
  }
}
