import 'reflect-metadata';
import { Logger, ValidationPipe, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connectBusConsumers } from '@park/bus';
import { loadConfigOrExit } from '@park/config';
import { ParkLogger } from '@park/logging';
import { apiConfigSpec, type ApiConfig } from './api.config';
import { ApiModule, apiBusSettings } from './api.module';
import { useExchangeBody } from './exchange/exchange-body';
import { SourceKeys } from './exchange/source-keys';
import { useBodyLimits } from './http/request-body';
import { useSecurityHeaders } from './http/security-headers';
import { OriginCheckingIoAdapter } from './http/socket-origins';
import { serveOpenApi } from './openapi/openapi';
import { findWebRoot, serveWebApp } from './web-static';

export interface ApiOptions {
  /** The built web app to serve; by default `<repo>/dist/web` when built, null for none. */
  readonly webRoot?: string | null;
  /** false when the caller stops the app itself (the standalone mode stops its parts in order). Default true. */
  readonly shutdownHooks?: boolean;
}

/**
 * Builds the API (REST + socket.io, and the web app when built, its bus consumers connected) without listening or
 * consuming; startApi does both.
 */
export async function createApi(
  config: ApiConfig,
  options: ApiOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config),
    apiAppOptions(config),
  );
  connectBusConsumers(app, apiBusSettings(config));
  return configureApiHttp(app, config, options);
}

/** How an app that serves the API is created: our logger, and no body parser of Nest's (configureApiHttp adds ours). */
export function apiAppOptions(config: ApiConfig): NestApplicationOptions {
  return {
    logger: new ParkLogger(config.LOG_LEVEL),
    abortOnError: false,
    // Our own parsers with our limits (useBodyLimits), registered by configureApiHttp before any route.
    bodyParser: false,
  };
}

/**
 * The API's HTTP surface on an app whose modules include ApiFeaturesModule (ApiModule here, the standalone mode's
 * one container): headers, body parsers, validation, socket.io origins, the OpenAPI document and the web app.
 */
export function configureApiHttp(
  app: NestExpressApplication,
  config: ApiConfig,
  options: ApiOptions = {},
): NestExpressApplication {
  // Order matters: Express runs middleware as registered. Headers first, so every answer carries them (static
  // files and errors too); then the body parsers; the web app's files last, before Nest's routes.
  app.set('trust proxy', config.API_TRUST_PROXY);
  useSecurityHeaders(app, config.API_FRAME_ANCESTORS);
  // The exchange's inbound route first: its own, larger limit and its CSV bodies; every other route keeps the default.
  const sourceKeys = app.get(SourceKeys);
  useExchangeBody(app, config.EXCHANGE_BODY_LIMIT_MB * 1024 * 1024, (req) => sourceKeys.recognizes(req));
  useBodyLimits(app, { maxBytes: config.API_BODY_LIMIT_KB * 1024, maxDepth: config.API_JSON_MAX_DEPTH });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useWebSocketAdapter(new OriginCheckingIoAdapter(app, config.API_ALLOWED_ORIGINS));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  serveOpenApi(app, config.API_DOCS === 'login');
  const webRoot = options.webRoot === undefined ? findWebRoot() : options.webRoot;
  if (webRoot) serveWebApp(app, webRoot, { serveSourceMaps: config.API_SERVE_SOURCE_MAPS });
  else new Logger('WebStatic').log('no built web app (npm run build:web): serving the API only');
  return app;
}

export async function startApi(config: ApiConfig, options: ApiOptions = {}): Promise<NestExpressApplication> {
  const app = await createApi(config, options);
  await app.init();
  await app.startAllMicroservices();
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
