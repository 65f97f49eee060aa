import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PortHealthModule } from '@park/health';
import { Registry } from 'prom-client';
import { DevicePublisherPool, TELEMETRY_PUBLISHER, type TelemetryPublisher } from './device-publisher-pool';
import { HJ212_DEVICE_DIRECTORY, JsonFileDeviceDirectory } from './device-directory';
import { HJ212_BRIDGE_CONFIG, type Hj212BridgeConfig } from './hj212-bridge.config';
import { Hj212BridgeService } from './hj212-bridge.service';
import { Hj212Metrics } from './hj212-metrics';
import { HJ212_REGISTRY, Hj212OperationsController } from './hj212-operations.controller';
import { registerHj212Metrics } from './hj212-prometheus';
import { Hj212TcpServer } from './hj212-tcp-server';
import { PasswordCheck } from './password-check';

@Injectable()
class ResourceCloser implements OnApplicationShutdown {
  constructor(@Inject(TELEMETRY_PUBLISHER) private readonly publisher: TelemetryPublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
  }
}

/**
 * A publisher made from another module's providers: the standalone mode's embedded broker lives in a module of its
 * own, which the bridge then imports (and so starts after it, and stops before it).
 */
export interface PublisherFactory extends Omit<FactoryProvider<TelemetryPublisher>, 'provide'> {
  readonly imports: NonNullable<DynamicModule['imports']>;
}

/** What the process running the bridge may put in place of the defaults. */
export interface Hj212BridgeOptions {
  /**
   * Where readings go. By default one MQTT connection per device to MQTT_URL; the standalone mode hands them to
   * its embedded broker in-process (InProcessPublisher).
   */
  readonly publisher?: TelemetryPublisher | PublisherFactory;
  /**
   * Serve /metrics and /health on HJ212_OPS_PORT (default true). The standalone mode turns it off and adds the
   * bridge's counters to its own operations port.
   */
  readonly operations?: boolean;
}

@Module({})
export class Hj212BridgeModule {
  static forRoot(config: Hj212BridgeConfig, options: Hj212BridgeOptions = {}): DynamicModule {
    const factory = options.publisher && 'useFactory' in options.publisher ? options.publisher : null;
    const publisher = factory ? null : (options.publisher as TelemetryPublisher | undefined);
    return {
      module: Hj212BridgeModule,
      imports: [...(options.operations === false ? [] : [PortHealthModule]), ...(factory?.imports ?? [])],
      controllers: options.operations === false ? [] : [Hj212OperationsController],
      providers: [
        { provide: HJ212_BRIDGE_CONFIG, useValue: config },
        {
          provide: HJ212_DEVICE_DIRECTORY,
          useFactory: () => JsonFileDeviceDirectory.load(config.HJ212_DEVICES_FILE),
        },
        {
          provide: TELEMETRY_PUBLISHER,
          inject: factory?.inject ?? [],
          useFactory: (...deps: unknown[]) =>
            factory?.useFactory(...deps) ??
            publisher ??
            new DevicePublisherPool({
              url: config.MQTT_URL,
              clientIdPrefix: config.HJ212_MQTT_CLIENT_PREFIX,
              publishTimeoutMs: config.HJ212_PUBLISH_TIMEOUT_MS,
            }),
        },
        { provide: PasswordCheck, useFactory: () => new PasswordCheck() },
        Hj212Metrics,
        {
          provide: HJ212_REGISTRY,
          inject: [Hj212Metrics],
          useFactory: (metrics: Hj212Metrics) => {
            const registry = new Registry();
            registerHj212Metrics(metrics, registry);
            return registry;
          },
        },
        Hj212BridgeService,
        Hj212TcpServer,
        ResourceCloser,
      ],
      exports: [Hj212Metrics, Hj212TcpServer],
    };
  }
}
