/**
 * @park/hj212 — the HJ 212-2017 protocol (污染物在线监控（监测）系统数据传输标准) as pure functions: CRC, framing of a
 * TCP byte stream, parsing of the data segment and CP, mapping of pollutant codes onto platform metrics, and the
 * 9014 data acknowledgement. No I/O: the TCP server and MQTT publishing live in apps/hj212-bridge.
 */
export * from './crc';
export * from './framer';
export * from './packet';
export * from './data-time';
export * from './pollutants';
export * from './readings';
export * from './reply';
