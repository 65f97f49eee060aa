/**
 * @park/logging — how the apps log: one Nest logger for every app, showing what LOG_LEVEL asks for, with Nest's own
 * start-up account (the route table) at debug level so a start shows what matters.
 */
export * from './park-logger';
