import {
  applyDecorators,
  Catch,
  Controller,
  Inject,
  Injectable,
  Logger,
  UseFilters,
  type INestApplication,
  type OnModuleDestroy,
  type RpcExceptionFilter,
} from '@nestjs/common';
import {
  BaseRpcContext,
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';
import {
  MESSAGE_BUS,
  type BatchInfo,
  type ConsumerOptions,
  type IncomingMessage,
  type MessageBus,
  type Subscription,
} from './bus';

/** The transport id of the bus server: `@EventPattern(…, BUS_TRANSPORT, …)` would bind a handler to it alone. */
export const BUS_TRANSPORT = Symbol('ParkBus');

/**
 * What an `@EventPattern` handler on the bus declares beside its topic (the pattern): the consumer group it reads
 * in and how that group consumes. Handlers of one group share one consumer, so they must agree on the rest.
 */
export interface BusHandlerOptions {
  /**
   * The group's name before the namespace (`.<PARK_NAMESPACE>` is appended). `{instance}` stands for this
   * instance's id: a group of its own per instance, so every instance sees every message.
   */
  readonly group: string;
  /** Start from the earliest offset when the group has none yet (default true). */
  readonly fromBeginning?: boolean;
  /** Longest the broker may hold a fetch waiting for data. */
  readonly maxWaitMs?: number;
}

/** What a bus handler gets beside its batch (`@Ctx()`): the batch's partition, the lag behind it, a heartbeat. */
export class BusContext extends BaseRpcContext<[BatchInfo]> {
  /** The batch's topic (its name on the wire, namespace included). */
  getTopic(): string {
    return this.args[0].topic;
  }

  getPartition(): number {
    return this.args[0].partition;
  }

  /** Messages after this batch still waiting in the partition. */
  getLag(): number {
    return this.args[0].lag;
  }

  /** Keeps the group membership alive while the handler waits (for a store that is down, say). */
  heartbeat(): Promise<void> {
    return this.args[0].heartbeat();
  }

  getInfo(): BatchInfo {
    return this.args[0];
  }
}

/**
 * Hands a bus handler's error to the bus as it was thrown: the bus then commits nothing and replays the batch,
 * and its log names the real cause, not the generic RPC error Nest's default filter turns every error into.
 */
@Catch()
export class PassErrorsToBus implements RpcExceptionFilter<unknown> {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}

/** A class of bus handlers: a controller of `@EventPattern` methods whose errors reach the bus as thrown. */
export function BusConsumer(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(PassErrorsToBus));
}

/** What the bus server of an app needs to know to name the topics and groups its handlers declare. */
export interface BusConsumersOptions {
  /** A pattern's topic key → the topic's name on the wire (the contract's name, the namespace appended). */
  readonly topic: (key: string) => string;
  /** Appended to every group's name (`<group>.<namespace>`); empty for none. */
  readonly namespace: string;
  /** Replaces `{instance}` in group names; a handler of such a group is refused while it is absent. */
  readonly instanceId?: string;
  /** Settings of this deployment that override what handlers declare, by group name (as declared). */
  readonly overrides?: Readonly<Record<string, Pick<BusHandlerOptions, 'maxWaitMs'>>>;
}

/** A handler as Nest's listeners registered it: its pattern (a topic key), whether it is an event handler, its options. */
export interface DeclaredHandler {
  readonly pattern: string;
  readonly handler: MessageHandler;
  readonly isEventHandler: boolean;
  readonly extras: Readonly<Record<string, unknown>>;
}

/** One consumer of the bus: a group, its topics, and the handler of each topic. */
export interface BusConsumerPlan {
  /** The group as declared (`{instance}` unreplaced, no namespace). */
  readonly declared: string;
  readonly options: ConsumerOptions;
  readonly handlers: ReadonlyMap<string, MessageHandler>;
}

/**
 * `@nestjs/microservices`' transport over the bus port (Kafka, or the in-process bus): every consumer of the
 * platform is an `@EventPattern(topicKey, { group, … })` handler, receiving a whole batch of one partition with a
 * `BusContext`. The bus commits the batch only after the handler resolved; a handler that fails gets the same
 * batch again (the bus's replay), so an outage becomes lag, not loss.
 *
 * A provider of BusModule, connected to the app by `connectBusConsumers`; the consumers start with the app's
 * microservices (`startAllMicroservices`, after the bootstrap hooks) and stop first when the app closes
 * (`onModuleDestroy`, before any feature's shutdown hooks), waiting for the handlers that are running.
 */
@Injectable()
export class BusServer extends Server implements CustomTransportStrategy, OnModuleDestroy {
  override transportId = BUS_TRANSPORT;
  private readonly log = new Logger(BusServer.name);
  private settings: BusConsumersOptions | null = null;
  private readonly declared: DeclaredHandler[] = [];
  private subscriptions: Subscription[] = [];
  private closing: Promise<void> | null = null;

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {
    super();
  }

  configure(settings: BusConsumersOptions): void {
    this.settings = settings;
  }

  /**
   * Keeps each handler apart. Server's own chains the event handlers of one pattern, and calling one runs the whole
   * chain; here two handlers of a topic belong to different groups, each consuming the topic on its own.
   */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    this.declared.push({
      pattern: this.normalizePattern(pattern as string),
      handler: callback,
      isEventHandler,
      extras,
    });
  }

  /** The consumers the registered handlers add up to, one per group (checked: see `planConsumers`). */
  plan(): BusConsumerPlan[] {
    if (!this.settings) throw new Error('the bus server is not configured (connectBusConsumers)');
    return planConsumers(this.declared, this.settings);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const plans = this.plan();
      for (const plan of plans) {
        if (this.closing) break;
        const topics = plan.options.topics;
        await this.bus.ensureTopics(topics);
        this.subscriptions.push(
          await this.bus.consume(plan.options, (messages, info) => this.dispatch(plan, messages, info)),
        );
        this.log.log(`consuming ${topics.join(', ')} as group ${plan.options.groupId}`);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops every consumer, waiting for the handlers that are running; later calls wait for the same. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const subscriptions = this.subscriptions;
      this.subscriptions = [];
      await Promise.all(subscriptions.map((s) => s.close()));
    })();
    return this.closing;
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  on(): never {
    throw new Error('the bus server emits no events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async dispatch(
    plan: BusConsumerPlan,
    messages: readonly IncomingMessage[],
    info: BatchInfo,
  ): Promise<void> {
    const handler = plan.handlers.get(info.topic);
    if (!handler) throw new Error(`group ${plan.options.groupId} has no handler for ${info.topic}`);
    const result: unknown = await handler(messages, new BusContext([info]));
    // The handler's failure arrives as an Observable that errors (Nest's exception zone), as does a handler that
    // returns one: awaited here, so the bus sees the failure, commits nothing and replays the batch.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}

/**
 * Groups the handlers into consumers. Refused, at start-up: a request-response handler (`@MessagePattern`; the
 * bus carries events only), a handler without a group, two handlers of one topic in one group, handlers of one
 * group that disagree on how it consumes, and `{instance}` without an instance id.
 */
export function planConsumers(
  handlers: readonly DeclaredHandler[],
  settings: BusConsumersOptions,
): BusConsumerPlan[] {
  const groups = new Map<
    string,
    { fromBeginning: boolean; maxWaitMs: number | undefined; handlers: Map<string, MessageHandler> }
  >();
  for (const { pattern, handler, isEventHandler, extras } of handlers) {
    if (!isEventHandler)
      throw new Error(`the bus carries events only: ${pattern} is a @MessagePattern, use @EventPattern`);
    const declared = extras as Partial<BusHandlerOptions>;
    if (!declared.group) throw new Error(`the bus handler of ${pattern} names no consumer group`);
    const topic = settings.topic(pattern);
    const fromBeginning = declared.fromBeginning ?? true;
    const maxWaitMs = settings.overrides?.[declared.group]?.maxWaitMs ?? declared.maxWaitMs;
    let group = groups.get(declared.group);
    if (!group) groups.set(declared.group, (group = { fromBeginning, maxWaitMs, handlers: new Map() }));
    if (group.handlers.has(topic))
      throw new Error(
        `group ${declared.group} has two handlers of ${pattern}: one consumer reads a topic once`,
      );
    if (group.fromBeginning !== fromBeginning || group.maxWaitMs !== maxWaitMs)
      throw new Error(`the handlers of group ${declared.group} disagree on fromBeginning or maxWaitMs`);
    group.handlers.set(topic, handler);
  }
  return [...groups].map(([declared, group]) => ({
    declared,
    handlers: group.handlers,
    options: {
      groupId: groupName(declared, settings),
      topics: [...group.handlers.keys()],
      fromBeginning: group.fromBeginning,
      ...(group.maxWaitMs === undefined ? {} : { maxWaitMs: group.maxWaitMs }),
    },
  }));
}

function groupName(declared: string, settings: BusConsumersOptions): string {
  let name = declared;
  if (name.includes('{instance}')) {
    if (!settings.instanceId)
      throw new Error(`group ${declared} is per instance, and this app has no instance id`);
    name = name.split('{instance}').join(settings.instanceId);
  }
  return settings.namespace ? `${name}.${settings.namespace}` : name;
}

/**
 * Connects the app's bus server as its `@nestjs/microservices` transport: every `@EventPattern` handler of the app
 * becomes a consumer once the caller runs `app.startAllMicroservices()` (after `init`, so each feature's
 * bootstrap — a schema ensured, rules loaded — comes before its first batch).
 */
export function connectBusConsumers(app: INestApplication, settings: BusConsumersOptions): BusServer {
  const server = app.get(BusServer);
  server.configure(settings);
  app.connectMicroservice({ strategy: server });
  return server;
}
