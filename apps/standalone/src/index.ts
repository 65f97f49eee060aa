/**
 * @apps/standalone — the standalone mode's public entry: the whole platform in one process and one Nest application
 * (`npm start` runs main.ts; tests and benchmarks start it with startStandalone).
 */
export { standaloneConfigSpec, type StandaloneConfig } from './standalone.config';
export { StandaloneModule, type StandaloneParts } from './standalone.module';
export { startStandalone, type RunningPlatform } from './standalone';
