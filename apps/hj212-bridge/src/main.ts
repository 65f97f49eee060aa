import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@park/config';
import { ParkLogger } from '@park/logging';
import { hj212BridgeConfigSpec, type Hj212BridgeConfig } from './hj212-bridge.config';
import { Hj212BridgeModule, type Hj212BridgeOptions } from './hj212-bridge.module';

/**
 * Starts the HJ 212-2017 bridge: data loggers over TCP → one MQTT connection per device → telemetry readings, with
 * /health and /metrics on HJ212_OPS_PORT unless `operations: false`.
 */
export async function startHj212Bridge(
  config: Hj212BridgeConfig,
  options: Hj212BridgeOptions & { readonly shutdownHooks?: boolean } = {},
): Promise<INestApplicationContext> {
  const module = Hj212BridgeModule.forRoot(config, options);
  const settings = { logger: new ParkLogger(config.LOG_LEVEL), abortOnError: false };
  if (options.operations === false) {
    const context = await NestFactory.createApplicationContext(module, settings);
    if (options.shutdownHooks ?? true) context.enableShutdownHooks();
    return context;
  }
  const app = await NestFactory.create(module, settings);
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.listen(config.HJ212_OPS_PORT, config.HJ212_OPS_HOST);
  return app;
}

if (require.main === module) {
  const config = loadConfigOrExit('hj212-bridge', hj212BridgeConfigSpec);
  startHj212Bridge(config).catch((error: unknown) => {
    process.stderr.write(`hj212-bridge failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}
