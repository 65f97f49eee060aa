/**
 * HJ 212-2017 data segment (数据段结构): `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&`.
 * Parsing checks shape only; who the device is and whether its password is right is the caller's business.
 */

/** 拆分包及应答标志 Flag: bit 0 (A) = answer requested, bit 1 (D) = packet carries PNUM/PNO, bits 2–7 = version. */
export interface Hj212Flag {
  readonly value: number;
  readonly ackRequested: boolean;
  readonly hasPacketNumbers: boolean;
  /** 0 = HJ/T 212-2005, 1 = HJ 212-2017. */
  readonly version: number;
}

export interface Hj212Cp {
  /** Entries without a pollutant code, e.g. `DataTime`. */
  readonly fields: ReadonlyMap<string, string>;
  /** Pollutant code → field (`Rtd`, `Avg`, `Min`, `Max`, `ZsAvg`, `Flag`, …) → raw value. */
  readonly pollutants: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface Hj212Packet {
  /** Request number `YYYYMMDDhhmmsszzz`; echoed in the answer. Null when the packet has none. */
  readonly qn: string | null;
  /** System code, e.g. 31 (air pollution source), 32 (surface-water pollution source), 91 (system interaction). */
  readonly st: string;
  /** Command number, e.g. 2011 real-time data, 2051 minute data, 2061 hourly data. */
  readonly cn: string;
  /** Access password as sent. Never log it. */
  readonly pw: string;
  /** Device (monitoring point) identifier. */
  readonly mn: string;
  readonly flag: Hj212Flag | null;
  readonly pnum: number | null;
  readonly pno: number | null;
  readonly cp: Hj212Cp;
}

export const PACKET_PROBLEMS = ['NOT_TEXT', 'NO_CP', 'MISSING_FIELD', 'BAD_FIELD'] as const;
export type PacketProblem = (typeof PACKET_PROBLEMS)[number];

export type PacketParseResult =
  | { readonly ok: true; readonly packet: Hj212Packet }
  | { readonly ok: false; readonly problem: PacketProblem; readonly detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Printable ASCII without space or the separators: safe to echo in an answer and to log. */
const TOKEN = /^[\x21-\x7e]{1,64}$/;
const QN = /^\d{14,20}$/;

export function parseFlag(value: number): Hj212Flag {
  return {
    value,
    ackRequested: (value & 0b01) !== 0,
    hasPacketNumbers: (value & 0b10) !== 0,
    version: value >> 2,
  };
}

export function parseDataSegment(data: Uint8Array): PacketParseResult {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return fail('NOT_TEXT', 'data segment is not UTF-8 text');
  }
  const cpAt = text.indexOf('CP=&&');
  if (cpAt < 0 || !text.endsWith('&&') || text.length < cpAt + 'CP=&&&&'.length) {
    return fail('NO_CP', 'data segment does not end with CP=&&…&&');
  }
  const header = new Map<string, string>();
  for (const item of text.slice(0, cpAt).split(';')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) return fail('BAD_FIELD', `header item "${clip(item)}" is not key=value`);
    // Some loggers write FLAG; the keys are otherwise case-sensitive in the standard.
    const key = item.slice(0, eq).toUpperCase();
    if (!header.has(key)) header.set(key, item.slice(eq + 1));
  }

  const st = header.get('ST');
  const cn = header.get('CN');
  const pw = header.get('PW');
  const mn = header.get('MN');
  if (st === undefined) return fail('MISSING_FIELD', 'no ST');
  if (cn === undefined) return fail('MISSING_FIELD', 'no CN');
  if (mn === undefined) return fail('MISSING_FIELD', 'no MN');
  if (pw === undefined) return fail('MISSING_FIELD', 'no PW');
  if (!/^\d{2}$/.test(st)) return fail('BAD_FIELD', `ST "${clip(st)}" is not 2 digits`);
  if (!/^\d{4}$/.test(cn)) return fail('BAD_FIELD', `CN "${clip(cn)}" is not 4 digits`);
  if (!TOKEN.test(mn)) return fail('BAD_FIELD', `MN "${clip(mn)}" is not 1–64 printable characters`);
  if (!TOKEN.test(pw)) return fail('BAD_FIELD', 'PW is not 1–64 printable characters');

  const qnRaw = header.get('QN');
  if (qnRaw !== undefined && !QN.test(qnRaw))
    return fail('BAD_FIELD', `QN "${clip(qnRaw)}" is not 14–20 digits`);
  const qn = qnRaw ?? null;

  let flag: Hj212Flag | null = null;
  const flagRaw = header.get('FLAG');
  if (flagRaw !== undefined) {
    if (!/^\d{1,3}$/.test(flagRaw) || Number(flagRaw) > 255) {
      return fail('BAD_FIELD', `Flag "${clip(flagRaw)}" is not 0–255`);
    }
    flag = parseFlag(Number(flagRaw));
    // The answer echoes QN, so a packet that asks for one must carry it (QN identifies the exchange).
    if (flag.ackRequested && qn === null)
      return fail('MISSING_FIELD', 'Flag asks for an answer but there is no QN');
  }
  const pnum = optionalCount(header.get('PNUM'));
  const pno = optionalCount(header.get('PNO'));
  if (pnum === false) return fail('BAD_FIELD', 'PNUM is not a positive integer');
  if (pno === false) return fail('BAD_FIELD', 'PNO is not a positive integer');

  const cp = parseCp(text.slice(cpAt + 'CP=&&'.length, text.length - 2));
  return { ok: true, packet: { qn, st, cn, pw, mn, flag, pnum, pno, cp } };
}

/**
 * CP (指令参数): `DataTime=…;a21026-Rtd=58,a21026-Flag=N;…`. The standard separates pollutants with `;` and a
 * pollutant's fields with `,`, but loggers in the field mix them up, so both are treated as item separators and
 * items are grouped by the pollutant code before the first `-`. Items that are not key=value are ignored.
 */
export function parseCp(content: string): Hj212Cp {
  const fields = new Map<string, string>();
  const pollutants = new Map<string, Map<string, string>>();
  for (const item of content.split(/[;,]/)) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    const dash = key.indexOf('-');
    if (dash <= 0) {
      if (!fields.has(key)) fields.set(key, value);
      continue;
    }
    const code = key.slice(0, dash);
    const field = key.slice(dash + 1);
    let entry = pollutants.get(code);
    if (!entry) {
      entry = new Map();
      pollutants.set(code, entry);
    }
    if (!entry.has(field)) entry.set(field, value);
  }
  return { fields, pollutants };
}

/** `1`, `2.5`, `-0.3`, `.5`, `1e3`; anything else (including `NaN`, `Infinity`, empty) is not a number. */
export function parseNumber(raw: string | undefined): number | null {
  if (raw === undefined || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

function optionalCount(raw: string | undefined): number | null | false {
  if (raw === undefined) return null;
  return /^\d{1,4}$/.test(raw) && Number(raw) > 0 ? Number(raw) : false;
}

function fail(problem: PacketProblem, detail: string): PacketParseResult {
  return { ok: false, problem, detail };
}

function clip(text: string): string {
  return text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
}
