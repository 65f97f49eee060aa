/**
 * @apps/hj212-bridge — the HJ 212-2017 bridge's public entry (data loggers over TCP → telemetry readings): what
 * another app composes it from. Its own main.ts starts it as a microservice.
 */
export { demoDevicesFile } from './demo-loggers';
export { hj212BridgeConfigSpec, type Hj212BridgeConfig } from './hj212-bridge.config';
export { Hj212BridgeModule, type Hj212BridgeOptions } from './hj212-bridge.module';
export { Hj212Metrics } from './hj212-metrics';
export { registerHj212Metrics } from './hj212-prometheus';
export { Hj212TcpServer } from './hj212-tcp-server';
export { InProcessPublisher, type InProcessBroker } from './in-process-publisher';
export { startHj212Bridge } from './main';
