import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BusConsumer, type BusContext, type BusHandlerOptions, type IncomingMessage } from '@park/bus';
import { TelemetryWriterService } from './telemetry-writer.service';

/** The telemetry writer's consumer: every reading on the bus, from the oldest not yet stored. */
@BusConsumer()
export class TelemetryWriterConsumer {
  constructor(private readonly writer: TelemetryWriterService) {}

  @EventPattern('telemetry', {
    group: 'telemetry-writer',
    fromBeginning: true,
    maxWaitMs: 250,
  } satisfies BusHandlerOptions)
  write(@Payload() messages: readonly IncomingMessage[], @Ctx() context: BusContext): Promise<void> {
    return this.writer.writeBatch(messages, context.getInfo());
  }
}
