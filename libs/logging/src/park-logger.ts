import { ConsoleLogger } from '@nestjs/common';
import { LOG_LEVELS, type LogLevelName } from '@park/config';

/**
 * Nest's account of its own start-up: the route table (RoutesResolver, RouterExplorer: a line per controller and
 * per route, some 130 for the API), module wiring, "starting", "started" (the bus consumers' transport's too) and
 * the socket.io subscriptions. Useful when a route is missing, noise otherwise: it is written at debug level.
 */
export const NEST_START_UP_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestApplication',
  'NestMicroservice',
]);

/** The levels a LOG_LEVEL shows: itself and every more severe one. */
export function levelsUpTo(level: LogLevelName): LogLevelName[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

/** The apps' Nest logger: Nest's console format at LOG_LEVEL, with Nest's start-up account demoted to debug. */
export class ParkLogger extends ConsoleLogger {
  constructor(level: LogLevelName) {
    super({ logLevels: levelsUpTo(level) });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    // Nest's loggers pass their context last (ConsoleLogger reads it the same way).
    const last = optionalParams.at(-1);
    const context = optionalParams.length > 0 && typeof last === 'string' ? last : this.context;
    if (context !== undefined && NEST_START_UP_CONTEXTS.has(context)) super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
