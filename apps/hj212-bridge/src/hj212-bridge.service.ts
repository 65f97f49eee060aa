import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  buildDataAck,
  crcMatches,
  formatCrc,
  hj212Crc16,
  isDataCommand,
  mapPacketToReading,
  parseDataSegment,
  type DataCommand,
  type Hj212Frame,
  type Hj212Packet,
} from '@park/hj212';
import { HJ212_DEVICE_DIRECTORY, type Hj212Device, type Hj212DeviceDirectory } from './device-directory';
import { TELEMETRY_PUBLISHER, type TelemetryPublisher } from './device-publisher-pool';
import { HJ212_BRIDGE_CONFIG, type Hj212BridgeConfig } from './hj212-bridge.config';
import { Hj212Metrics } from './hj212-metrics';
import { PasswordCheck } from './password-check';

/**
 * One HJ 212 frame → at most one MQTT reading and at most one answer. Resolves with the bytes to send back, or null.
 *
 * The answer (9014) is sent only after the broker acknowledged the reading: an answered upload is one the logger
 * deletes from its resend queue, so answering before the reading is safe would lose it on a crash or a broker
 * outage. Anything refused gets no answer — HJ 212 defines none for a refused upload, and silence leaves the data in
 * the logger, which resends it (ReCount) and keeps it for later re-upload (补传) once the configuration is fixed.
 */
@Injectable()
export class Hj212BridgeService {
  private readonly logger = new Logger(Hj212BridgeService.name);
  private readonly published: ReadonlySet<DataCommand>;

  constructor(
    @Inject(HJ212_BRIDGE_CONFIG) config: Hj212BridgeConfig,
    @Inject(HJ212_DEVICE_DIRECTORY) private readonly devices: Hj212DeviceDirectory,
    @Inject(TELEMETRY_PUBLISHER) private readonly publisher: TelemetryPublisher,
    private readonly passwords: PasswordCheck,
    private readonly metrics: Hj212Metrics,
  ) {
    this.published = new Set(config.HJ212_PUBLISH_CNS);
  }

  async handleFrame(frame: Hj212Frame, peer: string): Promise<Buffer | null> {
    this.metrics.framesReceived++;
    if (!crcMatches(frame.data, frame.crc)) {
      this.metrics.crcErrors++;
      this.logger.warn(
        `${peer}: bad CRC ${printable(frame.crc)}, expected ${formatCrc(hj212Crc16(frame.data))} — packet dropped`,
      );
      return null;
    }
    const parsed = parseDataSegment(frame.data);
    if (!parsed.ok) {
      this.metrics.countRejected(parsed.problem);
      this.logger.warn(`${peer}: malformed packet (${parsed.problem}: ${parsed.detail})`);
      return null;
    }
    const packet = parsed.packet;
    const device = await this.devices.find(packet.mn);
    if (!device) {
      this.metrics.unknownMn++;
      this.logger.warn(`${peer}: unknown MN ${packet.mn} (CN ${packet.cn}) — refused`);
      return null;
    }
    if (!(await this.passwords.check(device, packet.pw))) {
      this.metrics.wrongPassword++;
      this.logger.warn(`${peer}: wrong password for MN ${packet.mn} (device ${device.deviceId}) — refused`);
      return null;
    }
    return this.dispatch(packet, device, peer);
  }

  private async dispatch(packet: Hj212Packet, device: Hj212Device, peer: string): Promise<Buffer | null> {
    const cn = packet.cn;
    if (isDataCommand(cn) && this.published.has(cn)) {
      const ok = await this.relay(packet, device, peer);
      if (!ok) return null;
    } else if (!cn.startsWith('2')) {
      // 9xxx are the logger's own answers (the bridge sends no requests); 1xxx/3xxx requests are not implemented.
      this.metrics.countUnsupported(cn);
      this.logger.log(`${peer}: ${device.deviceId} sent CN ${cn}, which the bridge does not handle`);
      return null;
    }
    // Other uploads (2021 status, 2031 daily, 2041, 2081…, or a data command not configured for publishing) are
    // received, not published, and answered: they are not errors and the logger must not resend them forever.
    this.metrics.countAccepted(cn);
    const ack = buildDataAck(packet);
    if (ack) this.metrics.acksSent++;
    return ack;
  }

  /** Publishes the packet's reading; false when the packet must stay unanswered. */
  private async relay(packet: Hj212Packet, device: Hj212Device, peer: string): Promise<boolean> {
    const mapped = mapPacketToReading(packet, device.kind);
    if (!mapped.ok) {
      this.metrics.countRejected(mapped.problem);
      this.logger.warn(
        `${peer}: ${device.deviceId} CN ${packet.cn} refused (${mapped.problem}: ${mapped.detail})`,
      );
      return false;
    }
    for (const skip of mapped.skipped) {
      this.metrics.countSkipped(skip.reason);
      if (skip.reason !== 'unmapped') {
        this.logger.debug(
          `${device.deviceId}: ${skip.code} not published (${skip.reason}${skip.flag ? ` ${printable(skip.flag)}` : ''})`,
        );
      }
    }
    this.metrics.countFlagged(mapped.flagged);
    const overRange = Object.entries(mapped.reading?.flags ?? {}).filter(([, flag]) => flag === 'T');
    if (overRange.length > 0) {
      // 超测上限: the concentration is above what the analyser can measure — exactly when someone should look.
      this.logger.warn(
        `${device.deviceId}: ${overRange.map(([metric]) => metric).join(', ')} flagged T, above the measuring range`,
      );
    }
    this.metrics.countNotPublished(mapped.unpublishedFields);
    if (mapped.reading) {
      try {
        await this.publisher.publish(device.deviceId, mapped.reading);
      } catch (error) {
        this.metrics.publishFailures++;
        this.logger.error(
          `${device.deviceId}: reading of CN ${packet.cn} QN ${packet.qn ?? '-'} not published, packet left unanswered: ${String(error)}`,
        );
        return false;
      }
      this.metrics.readingsPublished++;
    }
    return true;
  }
}

function printable(text: string): string {
  return JSON.stringify(text.replace(/[^\x20-\x7e]/g, '?'));
}
