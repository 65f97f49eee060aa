import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@park/config';
import { ParkLogger } from '@park/logging';
import { rulesConfigSpec, type RulesConfig } from './rules.config';
import { RulesModule } from './rules.module';

/**
 * Starts the rules service (telemetry → alerts).
 * `shutdownHooks: false` when the caller stops the app itself (the standalone mode stops its parts in order).
 */
export async function startRules(config: RulesConfig, options: { shutdownHooks?: boolean } = {}) {
  const app = await NestFactory.createApplicationContext(RulesModule.forRoot(config), {
    logger: new ParkLogger(config.LOG_LEVEL),
    abortOnError: false,
  });
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  return app;
}

if (require.main === module) {
  const config = loadConfigOrExit('rules', rulesConfigSpec);
  startRules(config).catch((error: unknown) => {
    process.stderr.write(`rules failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}
