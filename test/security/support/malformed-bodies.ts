import type { BodySchema } from './route-table';

/** One malformed request body: raw bytes and the content type they are sent with. */
export interface MalformedBody {
  readonly name: string;
  readonly body: string | Buffer;
  readonly contentType: string;
}

/** The key the prototype-pollution probes try to plant on Object.prototype. */
export const POLLUTION_KEY = 'securitySweepPolluted';

const JSON_TYPE = 'application/json';
const json = (name: string, body: string): MalformedBody => ({ name, body, contentType: JSON_TYPE });

/** A value of a type no property of that schema type accepts. */
function wrongValue(schema: BodySchema | undefined): unknown {
  if (schema?.enum) return 'not-one-of-the-allowed-values';
  switch (schema?.type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { '0': 'not-an-array' };
    default:
      // Unknown or a union the document shows as `object` (string | null, a map): nothing takes nested arrays.
      return [[1]];
  }
}

/**
 * Bodies every JSON route must refuse with 400 (or 413 where the size is the problem), whatever its DTO:
 * the wrong JSON type, broken syntax, each property with a wrong type, unknown fields, prototype-pollution keys,
 * a huge string in each string property, a body over the size limit, nesting thousands deep, NUL and lone
 * surrogates in strings, and a JSON body sent as text/plain. `properties` are the body's property names with
 * their schemas (from the OpenAPI document, or learned from the API's own validation messages).
 */
export function refusedBodies(properties: ReadonlyMap<string, BodySchema | undefined>): MalformedBody[] {
  const names = [...properties.keys()];
  const strings = names.filter((n) => properties.get(n)?.type === 'string' && !properties.get(n)?.enum);
  const textProps = strings.length > 0 ? strings : names.slice(0, 1);
  const first = names[0] ?? 'name';
  const out: MalformedBody[] = [
    json('an array instead of an object', '[]'),
    json('a string instead of an object', '"just a string"'),
    json('a number instead of an object', '42'),
    json('null instead of an object', 'null'),
    json('true instead of an object', 'true'),
    json('truncated JSON', '{"a":'),
    json('single-quoted JSON', "{'a': 1}"),
    json('a trailing comma', '{"a": 1,}'),
    json(
      'unknown fields (role, isAdmin, enterpriseId, id)',
      JSON.stringify({
        role: 'admin',
        isAdmin: true,
        enterpriseId: '00000000-0000-4000-8000-000000000000',
        id: 'planted',
      }),
    ),
    json('__proto__ key', `{"__proto__": {"${POLLUTION_KEY}": "yes", "role": "admin"}}`),
    json('constructor.prototype key', `{"constructor": {"prototype": {"${POLLUTION_KEY}": "yes"}}}`),
    json(`__proto__ nested in ${first}`, `{"${first}": {"__proto__": {"${POLLUTION_KEY}": "yes"}}}`),
    json('a body over the size limit (2 MiB)', JSON.stringify({ [first]: 'x'.repeat(2 * 1024 * 1024) })),
    json('arrays nested 5000 deep', `{"${first}": ${'['.repeat(5000)}${']'.repeat(5000)}}`),
    json('objects nested 2000 deep', `{"${first}": ${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`),
    { name: 'JSON sent as text/plain', body: JSON.stringify({ [first]: 12345 }), contentType: 'text/plain' },
  ];
  for (const name of names)
    out.push(json(`${name} of the wrong type`, JSON.stringify({ [name]: wrongValue(properties.get(name)) })));
  for (const name of textProps) {
    out.push(json(`a 60 000-character ${name}`, JSON.stringify({ [name]: 'x'.repeat(60_000) })));
    out.push(json(`NUL in ${name}`, `{"${name}": "abc\\u0000def"}`));
    out.push(json(`a lone surrogate in ${name}`, `{"${name}": "abc\\ud800def"}`));
  }
  return out;
}

/**
 * Odd but well-formed text in each string property: a route may accept it (it is text) or refuse it, but must
 * never fail (5xx) or crash.
 */
export function oddTextBodies(properties: ReadonlyMap<string, BodySchema | undefined>): MalformedBody[] {
  const strings = [...properties.keys()].filter((n) => properties.get(n)?.type === 'string');
  const out: MalformedBody[] = [];
  for (const name of strings) {
    out.push(json(`right-to-left override in ${name}`, JSON.stringify({ [name]: 'abc\u202Egnp.exe' })));
    out.push(
      json(`zero-width and combining marks in ${name}`, JSON.stringify({ [name]: 'a\u200Bb\u0301\uFEFF' })),
    );
    out.push(json(`emoji and astral characters in ${name}`, JSON.stringify({ [name]: '园区😀𠀀' })));
    out.push({
      name: `invalid UTF-8 bytes in ${name}`,
      body: Buffer.concat([
        Buffer.from(`{"${name}": "ab`),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]),
      contentType: JSON_TYPE,
    });
  }
  return out;
}
