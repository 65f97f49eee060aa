import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { MESSAGE_BUS, type IncomingMessage, type MessageBus, type Subscription } from '@park/bus';
import { decodeAlertEvent } from '@park/contracts';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { AlertsGateway } from './alerts.gateway';
import { eachDecoded, followAsInstance } from './instance-stream';

/**
 * `park.alerts.v1` → socket.io. Each API instance is its own consumer group, so every instance sees every alert
 * and scaling out needs no extra service. New instances start at the end of the topic: what a client missed it
 * gets from the records on reconnect (`lastSeq`).
 */
@Injectable()
export class AlertFanoutService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertFanoutService.name);
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
      { topic: 'alerts', stream: null, maxWaitMs: 20 },
      (messages) => this.deliver(messages),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  deliver(messages: readonly IncomingMessage[]): Promise<void> {
    eachDecoded(messages, decodeAlertEvent, this.logger, 'alert', (event) =>
      this.gateway.broadcastAlert(event),
    );
    return Promise.resolve();
  }
}
