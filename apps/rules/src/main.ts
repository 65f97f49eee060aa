import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { connectBusConsumers } from '@park/bus';
import { loadConfigOrExit } from '@park/config';
import { ParkLogger } from '@park/logging';
import { rulesConfigSpec, type RulesConfig } from './rules.config';
import { RulesModule, rulesBusSettings } from './rules.module';

/**
 * Starts the rules service (telemetry → alerts) and its operations endpoints (/health, /metrics on RULES_HTTP_PORT).
 * `shutdownHooks: false` when the caller stops the app itself (the standalone mode stops its parts in order).
 */
export async function startRules(config: RulesConfig, options: { shutdownHooks?: boolean } = {}) {
  const app = await NestFactory.create(RulesModule.forRoot(config), {
    logger: new ParkLogger(config.LOG_LEVEL),
    abortOnError: false,
  });
  connectBusConsumers(app, rulesBusSettings(config));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.RULES_HTTP_PORT, config.RULES_HTTP_HOST);
  return app;
}

if (require.main === module) {
  const config = loadConfigOrExit('rules', rulesConfigSpec);
  startRules(config).catch((error: unknown) => {
    process.stderr.write(`rules failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}
