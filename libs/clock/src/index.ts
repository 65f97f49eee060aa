/** @park/clock — time as an injectable dependency, so logic is testable without waiting. */
export * from './clock';
export { ClockModule } from './clock.module';
export * from './periodic-task';
