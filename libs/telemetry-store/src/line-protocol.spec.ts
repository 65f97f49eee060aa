import type { TelemetryRecord } from '@park/contracts';
import {
  escapeKey,
  escapeMeasurement,
  escapeStringField,
  measurementFor,
  quoteIdentifier,
  quoteLiteral,
  toLine,
  toLines,
} from './line-protocol';

const GAS: TelemetryRecord = {
  v: 1,
  deviceId: 'gas-01',
  enterpriseId: 'ent-1',
  kind: 'combustible-gas',
  role: null,
  line: null,
  ts: 1748779140000,
  values: { lel: 12 },
  receivedAt: 1748779200000,
};

/**
 * Splits on `sep` where it is not escaped by a backslash, then unescapes — how InfluxDB reads a tag set.
 * Enough to prove that whatever we escape comes back as it went in.
 */
function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      current += s[i + 1];
      i++;
    } else if (s[i] === sep) {
      parts.push(current);
      current = '';
    } else {
      current += s[i];
    }
  }
  parts.push(current);
  return parts;
}

/**
 * InfluxQL's scanner for a quoted string or identifier: backslash escapes \\, \", \' and \n; anything else after a
 * backslash is an error. Returns the decoded text and where the closing quote was, or null when unterminated.
 */
function scanQuoted(s: string): { text: string; end: number } | null {
  const quote = s[0];
  let text = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === quote) return { text, end: i };
    if (c === '\\') {
      const next = s[i + 1];
      if (next === '\\' || next === '"' || next === "'") text += next;
      else if (next === 'n') text += '\n';
      else return null;
      i++;
    } else {
      text += c;
    }
  }
  return null;
}

describe('toLine', () => {
  it('writes measurement, tags, fields and a millisecond timestamp', () => {
    expect(toLine(GAS)).toBe(
      'combustible_gas,device=gas-01,enterprise=ent-1,kind=combustible-gas lel=12 1748779140000',
    );
  });

  it('writes whole numbers as floats (no "i"), so a field never flips type between 12 and 12.5', () => {
    const line = toLine({ ...GAS, values: { lel: 12 } });
    expect(line).toContain(' lel=12 ');
    expect(line).not.toMatch(/lel=12i/);
    expect(toLine({ ...GAS, values: { lel: 12.5 } })).toContain(' lel=12.5 ');
    expect(toLine({ ...GAS, values: { lel: 0.1 + 0.2 } })).toContain(' lel=0.30000000000000004 ');
    expect(toLine({ ...GAS, values: { lel: -0.5 } })).toContain(' lel=-0.5 ');
  });

  it('writes booleans as true/false', () => {
    const smoke: TelemetryRecord = { ...GAS, kind: 'smoke', values: { smoke: true, fire: false } };
    expect(toLine(smoke)).toBe(
      'smoke,device=gas-01,enterprise=ent-1,kind=smoke smoke=true,fire=false 1748779140000',
    );
  });

  it('adds the role tag for a power meter that has one, and writes every metric', () => {
    const meter: TelemetryRecord = {
      ...GAS,
      deviceId: 'pm-03',
      kind: 'power-meter',
      role: 'pollution-control',
      values: { kw: 412.5, kwh: 1203345.7, voltage: 380.2, current: 626.4, pf: 0.92 },
    };
    expect(toLine(meter)).toBe(
      'power_meter,device=pm-03,enterprise=ent-1,kind=power-meter,role=pollution-control ' +
        'kw=412.5,kwh=1203345.7,voltage=380.2,current=626.4,pf=0.92 1748779140000',
    );
  });

  it('omits the role tag when the role is null', () => {
    expect(toLine({ ...GAS, kind: 'power-meter', values: { kw: 1 } })).not.toContain('role=');
  });

  it('does not write the production line (unbounded cardinality) as a tag', () => {
    expect(toLine({ ...GAS, line: 'line-2' })).not.toContain('line-2');
  });

  it('drops sub-millisecond fractions of the timestamp', () => {
    expect(toLine({ ...GAS, ts: 1748779140000.9 }).endsWith(' 1748779140000')).toBe(true);
  });

  it('escapes commas, spaces and equals signs in tag values so they cannot add tags', () => {
    const line = toLine({ ...GAS, deviceId: 'gas 01,kind=fake', enterpriseId: 'a=b c' });
    expect(line).toContain('device=gas\\ 01\\,kind\\=fake,enterprise=a\\=b\\ c,kind=combustible-gas ');
    const [series] = splitUnescapedSeries(line);
    expect(splitUnescaped(series, ',')).toEqual([
      'combustible_gas',
      'device=gas 01,kind=fake',
      'enterprise=a=b c',
      'kind=combustible-gas',
    ]);
  });

  it('escapes field keys', () => {
    expect(toLine({ ...GAS, values: { 'a b,c=d': 1 } })).toContain(' a\\ b\\,c\\=d=1 ');
  });

  it('refuses a newline anywhere in an identifier instead of splitting the point in two', () => {
    expect(() => toLine({ ...GAS, deviceId: 'gas-01\nfake,device=x lel=99 1' })).toThrow(/newline/);
    expect(() => toLine({ ...GAS, enterpriseId: 'ent\r1' })).toThrow(/newline/);
    expect(() => toLine({ ...GAS, values: { 'lel\n': 1 } })).toThrow(/newline/);
  });

  it('refuses a non-finite number rather than writing a line InfluxDB would reject', () => {
    expect(() => toLine({ ...GAS, values: { lel: Infinity } })).toThrow(/non-finite/);
    expect(() => toLine({ ...GAS, values: { lel: NaN } })).toThrow(/non-finite/);
  });

  it('round-trips random tag values through escaping', () => {
    const alphabet = ['a', 'Z', '0', ' ', ',', '=', '"', "'", '燃', '-', '_', '.'];
    let seed = 7; // MINSTD: deterministic, and exact in doubles
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 200; n++) {
      const id = Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      const [series] = splitUnescapedSeries(toLine({ ...GAS, deviceId: id }));
      expect(splitUnescaped(series, ',')[1]).toBe(`device=${id}`);
    }
  });
});

describe('toLines (HJ 212 data flags as the quality tag)', () => {
  const CEMS: TelemetryRecord = {
    v: 1,
    deviceId: 'cems-01',
    enterpriseId: 'ent-1',
    kind: 'stack-gas',
    role: null,
    line: null,
    ts: 1748779140000,
    values: { so2: 35.2, o2: 0, temp: 0, nox: 88 },
    receivedAt: 1748779141000,
  };

  it('writes a reading without flags as the one line toLine writes', () => {
    expect(toLines(CEMS)).toEqual([toLine(CEMS)]);
  });

  it('splits a flagged reading into one line per quality, normal values untagged, all at the same instant', () => {
    expect(toLines({ ...CEMS, flags: { o2: 'D', temp: 'D', nox: 'T' } })).toEqual([
      'stack_gas,device=cems-01,enterprise=ent-1,kind=stack-gas so2=35.2 1748779140000',
      'stack_gas,device=cems-01,enterprise=ent-1,kind=stack-gas,quality=D o2=0,temp=0 1748779140000',
      'stack_gas,device=cems-01,enterprise=ent-1,kind=stack-gas,quality=T nox=88 1748779140000',
    ]);
  });

  it('writes no untagged line when every value is flagged, and keeps the tags sorted before role', () => {
    const meter: TelemetryRecord = {
      ...CEMS,
      kind: 'power-meter',
      role: 'production',
      values: { kw: 1 },
      flags: { kw: 'M' },
    };
    expect(toLines(meter)).toEqual([
      'power_meter,device=cems-01,enterprise=ent-1,kind=power-meter,quality=M,role=production kw=1 1748779140000',
    ]);
  });
});

/** Splits a line at its unescaped spaces: [series, fields, timestamp]. */
function splitUnescapedSeries(line: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === ' ') {
      parts.push(line.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(line.slice(start));
  return parts;
}

describe('escaping helpers', () => {
  it('escapes comma and space in a measurement, but not equals', () => {
    expect(escapeMeasurement('a b,c=d')).toBe('a\\ b\\,c=d');
  });

  it('escapes comma, equals and space in keys and tag values', () => {
    expect(escapeKey('a b,c=d')).toBe('a\\ b\\,c\\=d');
  });

  it('escapes double quotes and backslashes in string fields', () => {
    expect(escapeStringField('say "hi"')).toBe('"say \\"hi\\""');
    expect(escapeStringField('C:\\data\\')).toBe('"C:\\\\data\\\\"');
  });

  it('maps a device kind to its measurement', () => {
    expect(measurementFor('power-meter')).toBe('power_meter');
    expect(measurementFor('stack-gas')).toBe('stack_gas');
    expect(measurementFor('oxygen')).toBe('oxygen');
  });

  it('refuses newlines in measurements and keys', () => {
    expect(() => escapeMeasurement('a\nb')).toThrow(/newline/);
    expect(() => escapeKey('a\rb')).toThrow(/newline/);
  });
});

describe('InfluxQL quoting', () => {
  it("escapes the quote of a string literal: x' OR 1=1 -- stays one literal", () => {
    expect(quoteLiteral("x' OR 1=1 --")).toBe("'x\\' OR 1=1 --'");
  });

  it('escapes the quote of an identifier: a"b stays one identifier', () => {
    expect(quoteIdentifier('a"b')).toBe('"a\\"b"');
  });

  it.each([
    "x' OR 1=1 --",
    "x\\' OR 1=1 --",
    "x\\\\' OR 1=1 --",
    "gas-01'; DROP MEASUREMENT combustible_gas; --",
    'trailing backslash\\',
    "'",
    '\\',
    '',
    'a"b',
    '"; DROP DATABASE smart_park; --',
    'mixed \'" quotes\\',
  ])('%j, quoted, is read back by InfluxQL as exactly that text and nothing more', (attack) => {
    for (const quoted of [quoteLiteral(attack), quoteIdentifier(attack)]) {
      const scanned = scanQuoted(quoted);
      expect(scanned).toEqual({ text: attack, end: quoted.length - 1 });
    }
  });

  it('uses single quotes for literals and double quotes for identifiers', () => {
    expect(quoteLiteral('ent-1')).toBe("'ent-1'");
    expect(quoteIdentifier('power_meter')).toBe('"power_meter"');
  });

  it('refuses newlines, which InfluxQL would read as the end of a statement', () => {
    expect(() => quoteLiteral("ent-1'\nDROP DATABASE x")).toThrow(/newline/);
    expect(() => quoteIdentifier('a\rb')).toThrow(/newline/);
  });
});
