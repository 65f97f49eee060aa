/**
 * @apps/standalone — the standalone mode's public entry: the whole platform in one process (`npm start` runs
 * main.ts; tests and benchmarks start it with startStandalone).
 */
export { standaloneConfigSpec, type StandaloneConfig } from './standalone.config';
export { startStandalone, type RunningPlatform } from './standalone';
