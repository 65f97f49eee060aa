import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MESSAGE_BUS, type IncomingMessage, type MessageBus, type Subscription } from '@park/bus';
import { decodeDeviceStatusEvent } from '@park/contracts';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { AlertsGateway } from './alerts.gateway';
import { eachDecoded, followAsInstance } from './instance-stream';

/**
 * `park.device-status.v1` (ingestion's liveness: online/offline) → socket.io `device-status`. Each API instance
 * is its own consumer group starting at the end of the topic; a client that (re)connects reads the current state
 * from REST (the wall summary, the devices list) and follows the events from there.
 */
@Injectable()
export class DeviceStatusFanoutService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeviceStatusFanoutService.name);
  private subscription: Subscription | null = null;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly gateway: AlertsGateway,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await followAsInstance(
      this.bus,
      this.config,
      { topic: 'deviceStatus', stream: 'device-status', maxWaitMs: 100 },
      (messages) => this.deliver(messages),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  deliver(messages: readonly IncomingMessage[]): Promise<void> {
    eachDecoded(messages, decodeDeviceStatusEvent, this.logger, 'device-status', (event) =>
      this.gateway.broadcastDeviceStatus(event),
    );
    return Promise.resolve();
  }
}
