import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';
import { enterpriseScope, generateSecret, hashDeviceSecret, type Principal } from '@park/auth';
import {
  metricSpec,
  telemetryTopic,
  statusTopic,
  type DeviceCredentials,
  type DeviceKind,
  type DeviceView,
  type DeviceWithCredentials,
} from '@park/contracts';
import { BUILT_IN_RULES, parseRuleDefinition, RuleParamsError } from '@park/rules-engine';
import {
  DeviceAdmin,
  EnterpriseRecords,
  RecordsError,
  type DeviceEntity,
  type DeviceFilter,
  type Page,
  type PageRequest,
} from '@park/records';
import { assertInScope } from '../records-common/actor';
import { checkPermitLimits, EMISSION_KINDS } from '../records-common/permit-limits';
import type { CreateDeviceDto, UpdateDeviceDto } from './device.dto';

function view(d: DeviceEntity): DeviceView {
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    name: d.name,
    kind: d.kind,
    role: d.role,
    line: d.line,
    location: d.location,
    enabled: d.enabled,
    expectedIntervalS: d.expectedIntervalS,
    permitLimits: d.permitLimits,
    permitO2Reference: d.permitO2Reference,
    normalKw: d.normalKw,
    processLimits: d.processLimits,
    credentialIssuedAt: d.credentialIssuedAt && new Date(d.credentialIssuedAt).toISOString(),
    hasCredential: d.credentialHash !== null,
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}

/**
 * Devices: provisioning (credentials shown once, stored as a Mosquitto `$7$` hash), changes and disabling. Each
 * change fires `park_device_changed` from the database, so ingestion stops accepting a disabled device at once.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly devices: DeviceAdmin,
    private readonly enterprises: EnterpriseRecords,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(principal: Principal, filter: DeviceFilter, page: PageRequest): Promise<Page<DeviceView>> {
    const result = await this.devices.list({ ...filter, enterpriseId: enterpriseScope(principal) }, page);
    return { ...result, items: result.items.map(view) };
  }

  async get(principal: Principal, id: string): Promise<DeviceView> {
    return view(await this.scoped(principal, id));
  }

  async provision(principal: Principal, dto: CreateDeviceDto): Promise<DeviceWithCredentials> {
    await this.enterprises.requireLive(dto.enterpriseId);
    checkKindFields(dto.kind, dto);
    if (await this.devices.find(dto.id))
      throw new RecordsError('RECORD_CONFLICT', `device ${dto.id} already exists`, { id: dto.id });
    const password = generateSecret();
    const device = await this.devices.create(principal, {
      id: dto.id,
      enterpriseId: dto.enterpriseId,
      name: dto.name,
      kind: dto.kind,
      role: dto.role ?? null,
      line: dto.line ?? null,
      location: dto.location ?? null,
      expectedIntervalS: dto.expectedIntervalS ?? 60,
      permitLimits: dto.permitLimits ?? null,
      permitO2Reference: dto.permitO2Reference ?? null,
      normalKw: dto.normalKw ?? null,
      processLimits: dto.processLimits ?? null,
      enabled: true,
      isDemo: false,
      credentialHash: await hashDeviceSecret(password),
      credentialIssuedAt: new Date(this.clock.now()),
    });
    return { device: view(device), credentials: credentialsOf(device.id, password) };
  }

  async update(principal: Principal, id: string, dto: UpdateDeviceDto): Promise<DeviceView> {
    const device = await this.scoped(principal, id);
    // Only the fields the request sets: a validated DTO also carries the absent ones as undefined, which would
    // otherwise hide the stored values (a meter's role) from the kind checks.
    const changes = Object.fromEntries(
      Object.entries(dto).filter(([, value]) => value !== undefined),
    ) as UpdateDeviceDto;
    checkKindFields(device.kind as DeviceKind, { ...device, ...changes });
    return view(await this.devices.update(principal, id, changes));
  }

  async rotateCredentials(principal: Principal, id: string): Promise<DeviceWithCredentials> {
    await this.scoped(principal, id);
    const password = generateSecret();
    const device = await this.devices.update(principal, id, {
      credentialHash: await hashDeviceSecret(password),
      credentialIssuedAt: new Date(this.clock.now()),
    });
    return { device: view(device), credentials: credentialsOf(id, password) };
  }

  async setEnabled(principal: Principal, id: string, enabled: boolean): Promise<DeviceView> {
    await this.scoped(principal, id);
    return view(await this.devices.update(principal, id, { enabled }));
  }

  private async scoped(principal: Principal, id: string): Promise<DeviceEntity> {
    const device = await this.devices.find(id);
    if (!device)
      throw new RecordsError('RECORD_NOT_FOUND', `device ${id} not found`, { entity: 'device', id });
    assertInScope(principal, 'device', id, device.enterpriseId);
    return device;
  }
}

export function credentialsOf(id: string, password: string): DeviceCredentials {
  return { username: id, password, telemetryTopic: telemetryTopic(id), statusTopic: statusTopic(id) };
}

/**
 * A role only for power meters (and required there); a normal load only for production and pollution-control
 * meters; permit limits only for emission devices, per metric; a permit reference O₂ only for stack gas.
 */
export function checkKindFields(
  kind: DeviceKind,
  d: {
    role?: string | null;
    permitLimits?: Record<string, number> | null;
    permitO2Reference?: number | null;
    normalKw?: number | null;
    processLimits?: Record<string, unknown> | null;
  },
): void {
  const invalid = (field: string, message: string) =>
    new RecordsError('INVALID_RECORD', `${field}: ${message}`, { field });
  if (kind === 'power-meter' && !d.role)
    throw invalid('role', 'a power meter needs a role (production, pollution-control or general)');
  if (kind !== 'power-meter' && d.role) throw invalid('role', `only power meters have a role, not ${kind}`);
  if (d.normalKw != null && !(d.role === 'production' || d.role === 'pollution-control'))
    throw invalid('normalKw', 'only production and pollution-control power meters have a normal load');
  if (d.permitO2Reference != null && kind !== 'stack-gas')
    throw invalid('permitO2Reference', `only stack-gas devices have a reference O₂, not ${kind}`);
  if (d.permitLimits) {
    if (!EMISSION_KINDS.includes(kind))
      throw invalid('permitLimits', `only emission devices (stack-gas, wastewater) have permit limits`);
    checkPermitLimits(d.permitLimits, [kind]);
  }
  if (d.processLimits) checkProcessLimits(kind, d.processLimits, invalid);
}

/** The device kinds whose metrics a built-in process-limit rule judges (tank and reactor instruments). */
const PROCESS_LIMIT_KINDS: readonly string[] = BUILT_IN_RULES.filter((r) => r.kind === 'process-limit').map(
  (r) => r.deviceKind,
);

/**
 * Process safety set points only for the kinds a process-limit rule judges, per metric of the kind, each a valid
 * process-limit parameter set — the very parser the rules service uses, so what is stored is what is judged.
 */
function checkProcessLimits(
  kind: DeviceKind,
  limits: Record<string, unknown>,
  invalid: (field: string, message: string) => RecordsError,
): void {
  if (!PROCESS_LIMIT_KINDS.includes(kind))
    throw invalid('processLimits', `only ${PROCESS_LIMIT_KINDS.join(', ')} devices have process set points`);
  for (const [metric, settings] of Object.entries(limits)) {
    if (!metricSpec(kind, metric))
      throw invalid(`processLimits.${metric}`, `${metric} is not a metric of ${kind}`);
    try {
      parseRuleDefinition('process-limit', settings);
    } catch (error) {
      if (!(error instanceof RuleParamsError)) throw error;
      throw invalid(`processLimits.${metric}`, error.message);
    }
  }
}
