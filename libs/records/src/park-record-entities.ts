import { AdmissionEntryEntity } from './entities/admission-entry.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { CarrierTenancyEntity } from './entities/carrier-tenancy.entity';
import { CarrierEntity } from './entities/carrier.entity';
import { ExchangeBatchEntity } from './entities/exchange-batch.entity';
import { ExchangeSourceEntity } from './entities/exchange-source.entity';
import { SourceFigureEntity } from './entities/source-figure.entity';
import { EnterpriseIndicatorEntity } from './entities/enterprise-indicator.entity';
import { LandParcelEntity } from './entities/land-parcel.entity';
import { PolicyNoticeEntity } from './entities/policy-notice.entity';
import { PolicyEntity } from './entities/policy.entity';
import { ParkSettingEntity } from './entities/park-setting.entity';
import { PlanTargetEntity } from './entities/plan-target.entity';
import { QualificationDocumentEntity } from './entities/qualification-document.entity';
import { QualificationEntity } from './entities/qualification.entity';
import { RecordEventDocumentEntity } from './entities/record-event-document.entity';
import { RecordEventEntity } from './entities/record-event.entity';

/** The 一企一档 / 一地一档 records beyond enterprises and devices: indicators, land, carriers, events, audit, plan. */
export const PARK_RECORD_ENTITIES = [
  EnterpriseIndicatorEntity,
  LandParcelEntity,
  CarrierEntity,
  CarrierTenancyEntity,
  RecordEventEntity,
  AdmissionEntryEntity,
  AuditEntryEntity,
  PlanTargetEntity,
  ParkSettingEntity,
  QualificationEntity,
  QualificationDocumentEntity,
  RecordEventDocumentEntity,
  ExchangeSourceEntity,
  SourceFigureEntity,
  ExchangeBatchEntity,
  PolicyEntity,
  PolicyNoticeEntity,
];
