/**
 * What a rule judges — one device, or one production line of an enterprise (`RULE_KIND_INFO[kind].subject`) — and the
 * key its engine state is stored under (`rule_states.subject_key`): `device:<deviceId>` or
 * `line:<enterpriseId>:<lineId>`. The key is built by `subjectKey` and read back by `parseSubjectKey`, and nowhere
 * else: the rules service, the router and the dry-run all go through this pair.
 */
export type RuleSubject =
  | { readonly type: 'device'; readonly id: string }
  | { readonly type: 'line'; readonly enterpriseId: string; readonly id: string };

declare const subjectKeyBrand: unique symbol;

/** A subject's state key, as `subjectKey` builds it (a plain string in storage). */
export type SubjectKey = string & { readonly [subjectKeyBrand]: true };

export function subjectKey(subject: RuleSubject): SubjectKey {
  return (
    subject.type === 'device' ? `device:${subject.id}` : `line:${subject.enterpriseId}:${subject.id}`
  ) as SubjectKey;
}

/**
 * The subject of a stored key; null for a key `subjectKey` did not build. An enterprise id holds no colon (a UUID),
 * so a line id may.
 */
export function parseSubjectKey(key: string): RuleSubject | null {
  if (key.startsWith('device:')) {
    const id = key.slice('device:'.length);
    return id ? { type: 'device', id } : null;
  }
  if (key.startsWith('line:')) {
    const rest = key.slice('line:'.length);
    const colon = rest.indexOf(':');
    if (colon <= 0 || colon === rest.length - 1) return null;
    return { type: 'line', enterpriseId: rest.slice(0, colon), id: rest.slice(colon + 1) };
  }
  return null;
}
