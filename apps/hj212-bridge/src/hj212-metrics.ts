import type { DataQuality } from '@park/contracts';
import type { DropReason, PacketProblem, SkipReason } from '@park/hj212';

/** Why a CRC-valid packet was refused as a whole. */
export type PacketRejection = PacketProblem | 'NOT_A_DATA_COMMAND' | 'BAD_DATA_TIME';

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** The bridge's counters, for /metrics and for tests. */
export class Hj212Metrics {
  connectionsOpened = 0;
  connectionsOpen = 0;
  idleTimeouts = 0;
  /** Bytes outside any frame (noise before `##`, the rest of a dropped frame). */
  bytesSkipped = 0;
  readonly framesDropped = new Map<DropReason, number>();
  framesReceived = 0;
  crcErrors = 0;
  readonly packetsRejected = new Map<PacketRejection, number>();
  unknownMn = 0;
  wrongPassword = 0;
  /** Well-formed, authenticated packets by CN. */
  readonly packetsAccepted = new Map<string, number>();
  /** Authenticated packets whose CN the bridge neither publishes nor acknowledges, by CN. */
  readonly packetsUnsupported = new Map<string, number>();
  readingsPublished = 0;
  publishFailures = 0;
  acksSent = 0;
  /** Pollutant values not published, by reason. */
  readonly valuesSkipped = new Map<SkipReason, number>();
  /** Values published with a data flag other than N (stored with it as their quality), by flag. */
  readonly valuesFlagged = new Map<DataQuality, number>();
  /** Fields carried but not published (Min, Max, Cou, ZsAvg…), by field name. */
  readonly fieldsNotPublished = new Map<string, number>();

  countDropped(reason: DropReason): void {
    bump(this.framesDropped, reason);
  }

  countRejected(reason: PacketRejection): void {
    bump(this.packetsRejected, reason);
  }

  countAccepted(cn: string): void {
    bump(this.packetsAccepted, cn);
  }

  countUnsupported(cn: string): void {
    bump(this.packetsUnsupported, cn);
  }

  countSkipped(reason: SkipReason): void {
    bump(this.valuesSkipped, reason);
  }

  countFlagged(flagged: ReadonlyMap<DataQuality, number>): void {
    for (const [flag, n] of flagged) bump(this.valuesFlagged, flag, n);
  }

  countNotPublished(fields: ReadonlyMap<string, number>): void {
    for (const [field, n] of fields) bump(this.fieldsNotPublished, field, n);
  }
}
