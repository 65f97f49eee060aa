import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BusConsumer, type BusHandlerOptions, type IncomingMessage } from '@park/bus';
import { decodeAlertEvent, decodeDeviceStatusEvent } from '@park/contracts';
import { AlertsGateway } from './alerts.gateway';
import { eachDecoded } from './each-decoded';
import { TelemetryFanoutService } from './telemetry-fanout.service';

/**
 * The bus → socket.io. Each API instance reads in consumer groups of its own (`{instance}`: API_INSTANCE_ID), so
 * every instance sees every event and serves its own sockets, and scaling out needs no extra service. The groups
 * start at the end of their topics: nothing is replayed at start-up; what a client missed it gets from the records
 * on reconnect (alerts: `lastSeq`; device state: the wall summary and the devices list).
 */
@BusConsumer()
export class RealtimeConsumer {
  private readonly logger = new Logger(RealtimeConsumer.name);

  constructor(
    private readonly gateway: AlertsGateway,
    private readonly telemetry: TelemetryFanoutService,
  ) {}

  /** Alert lifecycle events → `alert`, to the sockets allowed to see each. */
  @EventPattern('alerts', {
    group: 'api.{instance}',
    fromBeginning: false,
    maxWaitMs: 20,
  } satisfies BusHandlerOptions)
  alerts(@Payload() messages: readonly IncomingMessage[]): void {
    eachDecoded(messages, decodeAlertEvent, this.logger, 'alert', (event) =>
      this.gateway.broadcastAlert(event),
    );
  }

  /** Readings → `telemetry`, throttled per device (TelemetryFanoutService). */
  @EventPattern('telemetry', {
    group: 'api.{instance}.telemetry',
    fromBeginning: false,
    maxWaitMs: 100,
  } satisfies BusHandlerOptions)
  readings(@Payload() messages: readonly IncomingMessage[]): Promise<void> {
    return this.telemetry.deliver(messages);
  }

  /** Ingestion's liveness (online/offline) → `device-status`. */
  @EventPattern('deviceStatus', {
    group: 'api.{instance}.device-status',
    fromBeginning: false,
    maxWaitMs: 100,
  } satisfies BusHandlerOptions)
  deviceStatus(@Payload() messages: readonly IncomingMessage[]): void {
    eachDecoded(messages, decodeDeviceStatusEvent, this.logger, 'device-status', (event) =>
      this.gateway.broadcastDeviceStatus(event),
    );
  }
}
