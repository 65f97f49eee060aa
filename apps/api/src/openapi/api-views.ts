/**
 * Every answer the REST API sends, by the name routes give it in @ApiView. `npm run openapi` generates the JSON
 * Schema of this interface from the types themselves (ts-json-schema-generator), so the OpenAPI document — and
 * the web app's client typed from it — says exactly what these types say. Types only: nothing here runs.
 */
import type {
  AlertEvent,
  AdmissionEntryView,
  ApiHealth,
  AlertView,
  AuditEntryView,
  CarrierRecordView,
  CarrierView,
  CultivationLibrary,
  DeviceView,
  DryRunResult,
  EnterpriseIndicatorsView,
  EnterpriseView,
  MaintenanceWindow,
  Page,
  ParcelFeatureCollection,
  ParcelView,
  PlanTargetView,
  RecordEventView,
  RuleView,
  TenancyView,
  UserView,
  WebhookDeliveryView,
  TelemetrySeries,
  WallSummary,
} from '@park/contracts';
import type { DisplayTokenView, WebhookView } from '@park/records';
import type { CarrierPerformance, CultivationEntry } from '../analytics/analytics.service';
import type { EvaluationRow, EvaluationScheme } from '../analytics/mu-evaluation';
import type { IndicatorProgress } from '../analytics/plan-progress';
import type { LoginResult } from '../auth/auth.service';
import type { DeviceCredentials } from '../devices/devices.service';
import type { EnergySummary } from '../energy/energy.service';
import type { ImportReport } from '../imports/imports.service';
import type { CreatedDisplayToken, DisplaySession } from '../wall/display-tokens.service';

/** The plan's progress, year by year (GET /api/analytics/progress, GET /api/wall/progress). */
export interface PlanProgressYear {
  readonly year: number;
  readonly indicators: IndicatorProgress[];
}

export interface ApiViews {
  Health: ApiHealth;
  LoginResult: LoginResult;

  AlertList: AlertView[];
  Alert: AlertView;
  AlertEventList: AlertEvent[];
  AlertEvent: AlertEvent;
  MaintenanceWindowList: MaintenanceWindow[];
  MaintenanceWindow: MaintenanceWindow;

  TelemetrySeries: TelemetrySeries;
  EnergySummary: EnergySummary;

  DevicePage: Page<DeviceView>;
  Device: DeviceView;
  DeviceWithCredentials: { device: DeviceView; credentials: DeviceCredentials };
  UserPage: Page<UserView>;
  User: UserView;
  SignOutResult: { endedSessions: number };
  RuleList: RuleView[];
  Rule: RuleView;
  RuleRemoval: { result: 'deleted' | 'disabled' };
  DryRunResult: DryRunResult;
  WebhookList: WebhookView[];
  Webhook: WebhookView;
  WebhookDeliveryList: WebhookDeliveryView[];
  DisplayTokenList: DisplayTokenView[];
  DisplayToken: DisplayTokenView;
  CreatedDisplayToken: CreatedDisplayToken;
  DisplaySession: DisplaySession;
  ImportReport: ImportReport;

  EnterprisePage: Page<EnterpriseView>;
  Enterprise: EnterpriseView;
  EnterpriseIndicatorsList: EnterpriseIndicatorsView[];
  EnterpriseIndicators: EnterpriseIndicatorsView;
  RecordEventList: RecordEventView[];
  RecordEvent: RecordEventView;
  AuditPage: Page<AuditEntryView>;
  ParcelPage: Page<ParcelView>;
  Parcel: ParcelView;
  CarrierPage: Page<CarrierView>;
  Carrier: CarrierView;
  CarrierRecord: CarrierRecordView;
  TenancyList: TenancyView[];
  Tenancy: TenancyView;
  AdmissionList: AdmissionEntryView[];
  AdmissionEntry: AdmissionEntryView;

  EvaluationList: EvaluationRow[];
  CarrierPerformanceList: CarrierPerformance[];
  EvaluationScheme: EvaluationScheme;
  PlanProgress: PlanProgressYear[];
  PlanTargetList: PlanTargetView[];
  PlanTarget: PlanTargetView;
  Cultivation: Record<CultivationLibrary, CultivationEntry[]>;
  ParcelMap: ParcelFeatureCollection;
  WallSummary: WallSummary;
}
