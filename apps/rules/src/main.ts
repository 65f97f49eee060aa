import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@park/config';
import { rulesConfigSpec, type RulesConfig } from './rules.config';
import { RulesModule } from './rules.module';

/** Starts the rules service (telemetry → alerts). */
export async function startRules(config: RulesConfig) {
  const app = await NestFactory.createApplicationContext(RulesModule.forRoot(config), {
    logger: ['log', 'warn', 'error'],
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return app;
}

if (require.main === module) {
  const config = loadConfigOrExit('rules', rulesConfigSpec);
  startRules(config).catch((error: unknown) => {
    process.stderr.write(`rules failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}
