import type {
  DutyPersonView,
  DutyRole,
  DutyShiftView,
  EnterpriseSafetyContactView,
  EscalationStepView,
  EscalationTarget,
  OnDutyView,
} from '@park/contracts';
import { In, LessThanOrEqual, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { DutyShiftEntity } from './entities/duty-shift.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { EscalationStepEntity } from './entities/escalation-step.entity';
import { NotificationChannelEntity } from './entities/notification-channel.entity';
import { recordAudit } from './park/audit-trail';
import { translateDbError } from './park/audited-store';
import { notFound, RecordsError } from './park/records-errors';

export interface DutyShiftInput {
  readonly duty: DutyRole;
  readonly personName: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly userId: string | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly note: string | null;
}

export interface EscalationStepInput {
  readonly position: number;
  readonly afterMinutes: number;
  readonly target: EscalationTarget;
  readonly people: readonly DutyPersonView[];
  readonly channelIds: readonly string[];
  readonly severities: readonly string[];
  readonly ruleKinds: readonly string[];
  readonly enterpriseIds: readonly string[];
  readonly carrierIds: readonly string[];
  readonly enabled: boolean;
}

export interface SafetyContactInput {
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

/** The longest shift the roster takes: a shift is a turn of duty, not a standing assignment. */
export const MAX_SHIFT_MS = 7 * 24 * 3_600_000;

/**
 * The duty roster (值班表), the escalation chain's steps (升级链) and the enterprises' safety contacts (安全负责人), as
 * admins edit them: every change audited (entity types `duty-shift`, `escalation-step`, `enterprise-safety-contact`)
 * in its own transaction. What they decide at an alert's time is escalation-repository.ts's part.
 */
export class DutyRosterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The shifts overlapping [from, to), by start. */
  async shifts(from: number, to: number): Promise<DutyShiftView[]> {
    const rows = await this.dataSource.getRepository(DutyShiftEntity).find({
      where: { startsAt: LessThanOrEqual(new Date(to - 1)), endsAt: MoreThan(new Date(from)) },
      order: { startsAt: 'ASC', personName: 'ASC' },
    });
    return rows.map(toShiftView);
  }

  /** Who is on duty at `at`: every shift covering it (start included, end not). */
  async onDuty(at: number): Promise<OnDutyView> {
    const rows = await this.shifts(at, at + 1);
    return {
      at,
      officers: rows.filter((s) => s.duty === 'officer'),
      leaders: rows.filter((s) => s.duty === 'leader'),
    };
  }

  async createShift(actor: string, input: DutyShiftInput): Promise<DutyShiftView> {
    assertShift(input);
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(DutyShiftEntity);
      const saved = await repo
        .save(repo.create({ ...shiftColumns(input), createdBy: actor }))
        .catch((e: unknown) => {
          throw translateDbError(e, 'duty-shift', repo.metadata.columns);
        });
      const row = await shiftRow(em, saved.id);
      await audited(em, actor, 'create', 'duty-shift', row.id, null, row);
      return toShiftView(row);
    });
  }

  async updateShift(actor: string, id: string, input: DutyShiftInput): Promise<DutyShiftView> {
    assertShift(input);
    return this.dataSource.transaction(async (em) => {
      const before = await shiftRow(em, id);
      const repo = em.getRepository(DutyShiftEntity);
      await repo.save({ ...before, ...shiftColumns(input) }).catch((e: unknown) => {
        throw translateDbError(e, 'duty-shift', repo.metadata.columns);
      });
      const after = await shiftRow(em, id);
      await audited(em, actor, 'update', 'duty-shift', id, before, after);
      return toShiftView(after);
    });
  }

  async removeShift(actor: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const before = await shiftRow(em, id);
      await em.getRepository(DutyShiftEntity).delete({ id });
      await audited(em, actor, 'delete', 'duty-shift', id, before, null);
    });
  }

  /** The chain, in order. */
  async steps(): Promise<EscalationStepView[]> {
    const rows = await this.dataSource
      .getRepository(EscalationStepEntity)
      .find({ order: { position: 'ASC' } });
    return withChannels(this.dataSource.manager, rows);
  }

  async createStep(actor: string, input: EscalationStepInput): Promise<EscalationStepView> {
    return this.dataSource.transaction(async (em) => {
      await assertStep(em, input);
      const repo = em.getRepository(EscalationStepEntity);
      const saved = await repo
        .save(repo.create({ ...stepColumns(input), createdBy: actor, updatedBy: actor }))
        .catch((e: unknown) => {
          throw translateDbError(e, 'escalation-step', repo.metadata.columns);
        });
      const row = await stepRow(em, saved.id);
      await audited(em, actor, 'create', 'escalation-step', row.id, null, row);
      return (await withChannels(em, [row]))[0];
    });
  }

  async updateStep(actor: string, id: string, input: EscalationStepInput): Promise<EscalationStepView> {
    return this.dataSource.transaction(async (em) => {
      const before = await stepRow(em, id);
      await assertStep(em, input);
      const repo = em.getRepository(EscalationStepEntity);
      await repo.save({ ...before, ...stepColumns(input), updatedBy: actor }).catch((e: unknown) => {
        throw translateDbError(e, 'escalation-step', repo.metadata.columns);
      });
      const after = await stepRow(em, id);
      await audited(em, actor, 'update', 'escalation-step', id, before, after);
      return (await withChannels(em, [after]))[0];
    });
  }

  /** Removes the step; what it fired stays recorded (alert_escalations, notification_deliveries). */
  async removeStep(actor: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const before = await stepRow(em, id);
      await em.getRepository(EscalationStepEntity).delete({ id });
      await audited(em, actor, 'delete', 'escalation-step', id, before, null);
    });
  }

  /** Every enterprise (not deleted) with its safety contact, by name. */
  async safetyContacts(): Promise<EnterpriseSafetyContactView[]> {
    const rows = await this.dataSource.getRepository(EnterpriseEntity).find({ order: { name: 'ASC' } });
    return rows.map(toContactView);
  }

  async setSafetyContact(
    actor: string,
    enterpriseId: string,
    input: SafetyContactInput,
  ): Promise<EnterpriseSafetyContactView> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(EnterpriseEntity);
      const row = await repo.findOneBy({ id: enterpriseId });
      if (!row) throw notFound('enterprise', enterpriseId);
      const before = contactFields(row);
      const after = {
        safetyContactName: blankToNull(input.name),
        safetyContactPhone: blankToNull(input.phone),
        safetyContactEmail: blankToNull(input.email),
      };
      await repo.update(enterpriseId, after);
      await recordAudit(em, {
        actor,
        action: 'update',
        entityType: 'enterprise-safety-contact',
        entityId: enterpriseId,
        enterpriseId,
        before,
        after,
      });
      return toContactView({ ...row, ...after });
    });
  }
}

function assertShift(input: DutyShiftInput): void {
  if (!(input.endsAt > input.startsAt))
    throw new RecordsError('INVALID_RECORD', 'endsAt: a shift ends after it starts', { field: 'endsAt' });
  if (input.endsAt - input.startsAt > MAX_SHIFT_MS)
    throw new RecordsError('INVALID_RECORD', 'endsAt: a shift is at most 7 days long', { field: 'endsAt' });
  if (!blankToNull(input.phone) && !blankToNull(input.email))
    throw new RecordsError('INVALID_RECORD', 'phone: a person on duty needs a phone or an e-mail address', {
      field: 'phone',
    });
}

/** A step's channels exist; a `people` step names someone, and no other target does. */
async function assertStep(em: EntityManager, input: EscalationStepInput): Promise<void> {
  if (input.target === 'people' && input.people.length === 0)
    throw new RecordsError('INVALID_RECORD', 'people: a step that notifies named people names at least one', {
      field: 'people',
    });
  if (input.target !== 'people' && input.people.length > 0)
    throw new RecordsError('INVALID_RECORD', `people: only a step with target "people" names people`, {
      field: 'people',
    });
  const ids = [...new Set(input.channelIds)];
  const found =
    ids.length === 0 ? 0 : await em.getRepository(NotificationChannelEntity).countBy({ id: In(ids) });
  if (ids.length === 0 || found !== ids.length)
    throw new RecordsError('INVALID_RECORD', 'channelIds: every channel of the step must exist', {
      field: 'channelIds',
    });
}

async function shiftRow(em: EntityManager, id: string): Promise<DutyShiftEntity> {
  const row = await em.getRepository(DutyShiftEntity).findOneBy({ id });
  if (!row) throw notFound('duty-shift', id);
  return row;
}

async function stepRow(em: EntityManager, id: string): Promise<EscalationStepEntity> {
  const row = await em.getRepository(EscalationStepEntity).findOneBy({ id });
  if (!row) throw notFound('escalation-step', id);
  return row;
}

async function audited(
  em: EntityManager,
  actor: string,
  action: 'create' | 'update' | 'delete',
  entityType: string,
  entityId: string,
  before: object | null,
  after: object | null,
): Promise<void> {
  await recordAudit(em, { actor, action, entityType, entityId, enterpriseId: null, before, after });
}

const blankToNull = (text: string | null): string | null => (text?.trim() ? text.trim() : null);

function shiftColumns(input: DutyShiftInput) {
  return {
    duty: input.duty,
    personName: input.personName.trim(),
    phone: blankToNull(input.phone),
    email: blankToNull(input.email),
    userId: input.userId,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    note: blankToNull(input.note),
  };
}

function stepColumns(input: EscalationStepInput) {
  return {
    position: input.position,
    afterMinutes: input.afterMinutes,
    target: input.target,
    people: input.people.map((p) => ({
      name: p.name.trim(),
      phone: blankToNull(p.phone),
      email: blankToNull(p.email),
    })),
    channelIds: [...new Set(input.channelIds)],
    severities: [...new Set(input.severities)],
    ruleKinds: [...new Set(input.ruleKinds)],
    enterpriseIds: [...new Set(input.enterpriseIds)],
    carrierIds: [...new Set(input.carrierIds)],
    enabled: input.enabled,
  };
}

function contactFields(row: EnterpriseEntity) {
  return {
    safetyContactName: row.safetyContactName,
    safetyContactPhone: row.safetyContactPhone,
    safetyContactEmail: row.safetyContactEmail,
  };
}

export function toShiftView(row: DutyShiftEntity): DutyShiftView {
  return {
    id: row.id,
    duty: row.duty as DutyRole,
    name: row.personName,
    phone: row.phone,
    email: row.email,
    userId: row.userId,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

/** The steps' views, with the names and kinds of their channels. */
async function withChannels(
  em: EntityManager,
  rows: readonly EscalationStepEntity[],
): Promise<EscalationStepView[]> {
  const ids = [...new Set(rows.flatMap((r) => r.channelIds))];
  const channels =
    ids.length === 0 ? [] : await em.getRepository(NotificationChannelEntity).findBy({ id: In(ids) });
  const byId = new Map(channels.map((c) => [c.id, { id: c.id, name: c.name, kind: c.kind }]));
  return rows.map((row) => toStepView(row, byId));
}

export function toStepView(
  row: EscalationStepEntity,
  channels: ReadonlyMap<string, { id: string; name: string; kind: string }>,
): EscalationStepView {
  return {
    id: row.id,
    position: row.position,
    afterMinutes: row.afterMinutes,
    target: row.target as EscalationTarget,
    people: row.people,
    channelIds: row.channelIds,
    channels: row.channelIds.flatMap((id) => {
      const channel = channels.get(id);
      return channel ? [channel] : [];
    }),
    severities: row.severities,
    ruleKinds: row.ruleKinds,
    enterpriseIds: row.enterpriseIds,
    carrierIds: row.carrierIds,
    enabled: row.enabled,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

function toContactView(row: EnterpriseEntity): EnterpriseSafetyContactView {
  return {
    enterpriseId: row.id,
    enterpriseName: row.name,
    name: row.safetyContactName,
    phone: row.safetyContactPhone,
    email: row.safetyContactEmail,
  };
}
