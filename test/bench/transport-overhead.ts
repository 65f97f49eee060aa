/**
 * What a batch costs in the bus transport's Nest pipeline (BusServer → guards → filter → handler) beside calling the
 * handler itself: the same in-process consumer, once as an @EventPattern handler of an app with two global guards
 * (as the API's), once as a plain bus.consume handler. `node dist/test/bench/transport-overhead.js`.
 */
import 'reflect-metadata';
import { Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  BusConsumer,
  BusModule,
  connectBusConsumers,
  MESSAGE_BUS,
  type IncomingMessage,
  type MessageBus,
} from '@park/bus';
import { busNaming, topicName } from '@park/contracts';

@Injectable()
class PassGuard implements CanActivate {
  canActivate(context: ExecutionContext): Promise<boolean> {
    // As the API's AuthGuard and rate limit do outside HTTP: let the bus's batch through.
    return Promise.resolve(context.getType() !== 'http');
  }
}

let received = 0;
@BusConsumer()
class CountingConsumer {
  @EventPattern('telemetry', { group: 'overhead' })
  count(@Payload() messages: readonly IncomingMessage[]): Promise<void> {
    received += messages.length;
    return Promise.resolve();
  }
}

@Module({
  imports: [
    BusModule.forRoot({ bus: 'in-process', brokers: [], clientId: 'x', partitions: 1 }, [
      topicName('telemetry'),
    ]),
  ],
  controllers: [CountingConsumer],
  providers: [
    { provide: APP_GUARD, useClass: PassGuard },
    { provide: APP_GUARD, useClass: PassGuard },
  ],
})
class OverheadModule {}

async function run(viaTransport: boolean, batches: number, perBatch: number): Promise<number> {
  received = 0;
  const app = await NestFactory.create(OverheadModule, { logger: false });
  const bus = app.get<MessageBus>(MESSAGE_BUS);
  if (viaTransport) {
    connectBusConsumers(app, busNaming(''));
    await app.init();
    await app.startAllMicroservices();
  } else {
    await app.init();
    await bus.consume({ groupId: 'overhead', topics: [topicName('telemetry')] }, (messages) => {
      received += messages.length;
      return Promise.resolve();
    });
  }
  const value = JSON.stringify({ kw: 1 });
  const started = process.cpuUsage();
  for (let i = 0; i < batches; i++) {
    await bus.publish(
      topicName('telemetry'),
      Array.from({ length: perBatch }, () => ({ key: 'd', value })),
    );
    // One batch per publish: let the consumer take it before the next.
    while (received < (i + 1) * perBatch) await new Promise((resolve) => setImmediate(resolve));
  }
  const cpu = process.cpuUsage(started);
  await app.close();
  return (cpu.user + cpu.system) / batches;
}

async function main(): Promise<void> {
  const batches = Number(process.env.BATCHES ?? 20_000);
  for (const perBatch of [1, 20]) {
    for (let round = 0; round < 3; round++) {
      const direct = await run(false, batches, perBatch);
      const transport = await run(true, batches, perBatch);
      process.stdout.write(
        `${perBatch} message(s) per batch, round ${round + 1}: direct ${direct.toFixed(1)} µs CPU per batch, via the transport ${transport.toFixed(1)} µs (+${(transport - direct).toFixed(1)})\n`,
      );
    }
  }
}

void main();
