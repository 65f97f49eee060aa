import type { Provider } from '@nestjs/common';
import {
  CarrierRecords,
  DeviceAdmin,
  EnterpriseRecords,
  LandRecords,
  PlanRecords,
  QualificationRecords,
  UserAdmin,
} from '@park/records';
import type { DataSource } from 'typeorm';
import { AnalyticsController } from '../analytics/analytics.controller';
import { AnalyticsService } from '../analytics/analytics.service';
import { AdmissionListController, CarriersController } from '../carriers/carriers.controller';
import { CarriersService } from '../carriers/carriers.service';
import { DeviceStatesController } from '../devices/device-states.controller';
import { DeviceStatesService } from '../devices/device-states.service';
import { DevicesController } from '../devices/devices.controller';
import { DevicesService } from '../devices/devices.service';
import { AuditController, EnterprisesController } from '../enterprises/enterprises.controller';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { ExportsController, ImportsController } from '../imports/imports.controller';
import { ImportsService } from '../imports/imports.service';
import { ParcelsController } from '../parcels/parcels.controller';
import { ParcelsService } from '../parcels/parcels.service';
import {
  EnterpriseQualificationsController,
  QualificationsController,
} from '../qualifications/qualifications.controller';
import { QualificationsService } from '../qualifications/qualifications.service';
import { RECORDS } from '@park/records';
import { EventDocumentsController } from '../record-events/event-documents.controller';
import { EventDocumentsService } from '../record-events/event-documents.service';
import { UsersController } from '../users/users.controller';
import { UsersService } from '../users/users.service';

/** The records controllers (一企一档, 一地一档, carriers, devices and their states, users, imports, analytics). */
export const RECORDS_CONTROLLERS = [
  EnterprisesController,
  AuditController,
  ParcelsController,
  CarriersController,
  AdmissionListController,
  DevicesController,
  DeviceStatesController,
  UsersController,
  ImportsController,
  ExportsController,
  AnalyticsController,
  EnterpriseQualificationsController,
  QualificationsController,
  EventDocumentsController,
];

const store = <T>(cls: new (ds: DataSource) => T): Provider => ({
  provide: cls,
  inject: [RECORDS],
  useFactory: (ds: DataSource) => new cls(ds),
});

export const RECORDS_PROVIDERS: Provider[] = [
  store(EnterpriseRecords),
  store(LandRecords),
  store(CarrierRecords),
  store(PlanRecords),
  store(DeviceAdmin),
  store(UserAdmin),
  store(QualificationRecords),
  EnterprisesService,
  ParcelsService,
  CarriersService,
  DevicesService,
  DeviceStatesService,
  UsersService,
  ImportsService,
  AnalyticsService,
  QualificationsService,
  EventDocumentsService,
];
