import { EventPattern, Payload } from '@nestjs/microservices';
import { BusConsumer, type BusHandlerOptions, type IncomingMessage } from '@park/bus';
import { LivenessService } from './liveness.service';

/** Device liveness's consumer: the readings from now on (a device's silence before this start is not its news). */
@BusConsumer()
export class LivenessConsumer {
  constructor(private readonly liveness: LivenessService) {}

  @EventPattern('telemetry', {
    group: 'device-liveness',
    fromBeginning: false,
    maxWaitMs: 250,
  } satisfies BusHandlerOptions)
  observe(@Payload() messages: readonly IncomingMessage[]): Promise<void> {
    return this.liveness.observe(messages);
  }
}
