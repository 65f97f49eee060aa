import type { EntityManager } from 'typeorm';
import { AuditEntryEntity, type FieldChange } from '../entities/audit-entry.entity';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'import';

const NOT_AUDITED = new Set(['createdAt', 'updatedAt', 'credentialHash', 'passwordHash']);

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Field-by-field difference of two versions of a record; secrets are recorded as changed, never their value. */
export function diffRecord(before: object | null, after: object | null): Record<string, FieldChange> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === 'createdAt' || key === 'updatedAt') continue;
    if (key === 'enterprise' || key === 'carrier') continue; // loaded relations, not fields
    if (same(b[key], a[key])) continue;
    changes[key] = NOT_AUDITED.has(key)
      ? { from: '(secret)', to: '(secret changed)' }
      : { from: b[key] ?? null, to: a[key] ?? null };
  }
  return changes;
}

/** Writes one audit entry inside the caller's transaction; nothing is written when nothing changed. */
export async function recordAudit(
  em: EntityManager,
  entry: {
    readonly actor: string;
    readonly action: AuditAction;
    readonly entityType: string;
    readonly entityId: string;
    readonly enterpriseId: string | null;
    readonly before: object | null;
    readonly after: object | null;
  },
): Promise<void> {
  const changes = diffRecord(entry.before, entry.after);
  if (Object.keys(changes).length === 0 && entry.action === 'update') return;
  const repo = em.getRepository(AuditEntryEntity);
  await repo.save(
    repo.create({
      at: new Date(),
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      enterpriseId: entry.enterpriseId,
      changes,
    }),
  );
}
