import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@park/config';
import { apiConfigSpec, type ApiConfig } from './api.config';
import { ApiModule } from './api.module';

/** Builds the API (REST + socket.io) without listening; tests and main() share it. */
export async function createApi(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    logger: ['log', 'warn', 'error'],
    abortOnError: false,
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.enableShutdownHooks();
  return app;
}

export async function startApi(config: ApiConfig): Promise<INestApplication> {
  const app = await createApi(config);
  await app.listen(config.API_PORT, config.API_HOST);
  return app;
}

if (require.main === module) {
  const config = loadConfigOrExit('api', apiConfigSpec);
  startApi(config)
    .then(async (app) => process.stdout.write(`api listening on ${await app.getUrl()}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`api failed to start: ${String(error)}\n`);
      process.exit(1);
    });
}
