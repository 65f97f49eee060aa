import type { DataSource, EntityManager } from 'typeorm';
import { jsonValue, perDialect, sqliteTime } from './dialect';

interface StateRow {
  rule_id: string;
  subject_key: string;
  state: unknown;
  version: number;
}

/** A stored rules-engine state and the version it was read at (0: not stored yet). */
export interface StoredRuleState {
  readonly state: unknown;
  readonly version: number;
}

export interface RuleStateWrite {
  readonly ruleId: string;
  readonly subjectKey: string;
  readonly state: unknown;
  /** The version the new state was computed from (0 for a subject with no stored state). */
  readonly version: number;
}

/** Another consumer wrote one of these states since it was read: the caller reloads and evaluates again. */
export class RuleStateConflictError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`rule state changed concurrently for ${keys.length} subject(s): ${keys.slice(0, 3).join(', ')}`);
    this.name = 'RuleStateConflictError';
  }
}

export const ruleStateKey = (ruleId: string, subjectKey: string) => `${ruleId}|${subjectKey}`;

/**
 * Engine state per (rule, subject), read in bulk and written in bulk inside the caller's transaction with an
 * optimistic version check: a write computed from a stale read changes nothing and raises RuleStateConflictError,
 * so the transaction (and the alert changes in it) rolls back.
 */
export class RuleStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The stored states of these (rule, subject) pairs, by `ruleStateKey`. */
  async load(
    pairs: readonly { ruleId: string; subjectKey: string }[],
  ): Promise<Map<string, StoredRuleState>> {
    const out = new Map<string, StoredRuleState>();
    if (pairs.length === 0) return out;
    const rows = await perDialect(this.dataSource, {
      postgres: () =>
        this.dataSource.query<StateRow[]>(
          `SELECT s.rule_id, s.subject_key, s.state, s.version
             FROM rule_states s
             JOIN unnest($1::uuid[], $2::text[]) AS k(rule_id, subject_key)
               ON s.rule_id = k.rule_id AND s.subject_key = k.subject_key`,
          [pairs.map((p) => p.ruleId), pairs.map((p) => p.subjectKey)],
        ),
      sqlite: () =>
        this.dataSource.query<StateRow[]>(
          `SELECT s.rule_id, s.subject_key, s.state, s.version
             FROM json_each(?) AS k
             JOIN rule_states s
               ON s.rule_id = json_extract(k.value, '$[0]') AND s.subject_key = json_extract(k.value, '$[1]')`,
          [JSON.stringify(pairs.map((p) => [p.ruleId, p.subjectKey]))],
        ),
    });
    for (const r of rows)
      out.set(ruleStateKey(r.rule_id, r.subject_key), {
        state: jsonValue(this.dataSource, r.state),
        version: r.version,
      });
    return out;
  }

  /** Every stored state of these rules (for the timer that ticks silence and clock hours). */
  async loadForRules(
    ruleIds: readonly string[],
  ): Promise<Map<string, StoredRuleState & { subjectKey: string; ruleId: string }>> {
    const out = new Map<string, StoredRuleState & { subjectKey: string; ruleId: string }>();
    if (ruleIds.length === 0) return out;
    const rows = await perDialect(this.dataSource, {
      postgres: () =>
        this.dataSource.query<StateRow[]>(
          `SELECT rule_id, subject_key, state, version FROM rule_states WHERE rule_id = ANY($1::uuid[])`,
          [ruleIds],
        ),
      sqlite: () =>
        this.dataSource.query<StateRow[]>(
          `SELECT rule_id, subject_key, state, version FROM rule_states
            WHERE rule_id IN (SELECT value FROM json_each(?))`,
          [JSON.stringify(ruleIds)],
        ),
    });
    for (const r of rows)
      out.set(ruleStateKey(r.rule_id, r.subject_key), {
        ruleId: r.rule_id,
        subjectKey: r.subject_key,
        state: jsonValue(this.dataSource, r.state),
        version: r.version,
      });
    return out;
  }

  /** Writes the states (each at version + 1) in the caller's transaction; returns the new versions by key. */
  async saveIn(
    em: EntityManager,
    writes: readonly RuleStateWrite[],
    at: number,
  ): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    if (writes.length === 0) return versions;
    const rows = await upsertStatesIn(em, writes, at);
    for (const r of rows) versions.set(ruleStateKey(r.rule_id, r.subject_key), r.version);
    if (versions.size !== writes.length) {
      throw new RuleStateConflictError(
        writes.map((w) => ruleStateKey(w.ruleId, w.subjectKey)).filter((k) => !versions.has(k)),
      );
    }
    return versions;
  }
}

/** Writes each state at version + 1 where the stored version is still the one it was computed from. */
function upsertStatesIn(
  em: EntityManager,
  writes: readonly RuleStateWrite[],
  at: number,
): Promise<{ rule_id: string; subject_key: string; version: number }[]> {
  return perDialect(em, {
    postgres: () =>
      em.query(
        `INSERT INTO rule_states (rule_id, subject_key, state, version, updated_at)
         SELECT t.rule_id, t.subject_key, t.state, t.version + 1, $5
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::int[]) AS t(rule_id, subject_key, state, version)
         ON CONFLICT (rule_id, subject_key) DO UPDATE
           SET state = EXCLUDED.state, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
           WHERE rule_states.version = EXCLUDED.version - 1
         RETURNING rule_id, subject_key, version`,
        [
          writes.map((w) => w.ruleId),
          writes.map((w) => w.subjectKey),
          writes.map((w) => JSON.stringify(w.state)),
          writes.map((w) => w.version),
          new Date(at),
        ],
      ),
    // One statement per state: in-process SQLite has no round trips to save.
    sqlite: async () => {
      const written: { rule_id: string; subject_key: string; version: number }[] = [];
      for (const w of writes) {
        const rows = await em.query<{ rule_id: string; subject_key: string; version: number }[]>(
          `INSERT INTO rule_states (rule_id, subject_key, state, version, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (rule_id, subject_key) DO UPDATE
             SET state = excluded.state, version = excluded.version, updated_at = excluded.updated_at
             WHERE rule_states.version = excluded.version - 1
           RETURNING rule_id, subject_key, version`,
          [w.ruleId, w.subjectKey, JSON.stringify(w.state), w.version + 1, sqliteTime(at)],
        );
        written.push(...rows);
      }
      return written;
    },
  });
}
