/** @park/config — environment parsing and validation, done once at start-up. */
export * from './config';
export * from './shared-spec';
export * from './api-http-spec';
