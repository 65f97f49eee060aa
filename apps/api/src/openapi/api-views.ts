/**
 * Every answer the REST API sends, by the name routes give it in @ApiView. `npm run openapi` generates the JSON
 * Schema of this interface from the types themselves (ts-json-schema-generator), so the OpenAPI document — and
 * the web app's client typed from it — says exactly what these types say. Types only: nothing here runs.
 */
import type {
  AttachedDocumentView,
  DutyShiftView,
  EnterpriseSafetyContactView,
  EscalationStepView,
  OnDutyView,
  AlertEvent,
  AlertStatistics,
  AlertLinkView,
  AdmissionEntryView,
  ApiHealth,
  AlertView,
  AuditEntryView,
  CarrierPerformance,
  CarrierRecordView,
  CarrierView,
  CreatedDisplayToken,
  CultivationEntry,
  CultivationLibrary,
  DeviceStateView,
  DeviceView,
  DeviceWithCredentials,
  DisplaySession,
  DisplayTokenView,
  DryRunResult,
  EnergyRanking,
  ExchangeBatchView,
  ExchangeSourceView,
  ExchangeUploadReport,
  IssuedSourceKey,
  EnergySummary,
  EnterpriseIndicatorsView,
  EnterpriseView,
  EvaluationBenchmarks,
  EvaluationHistory,
  EvaluationRow,
  EvaluationScheme,
  GradeMovers,
  ImportReport,
  LoginResult,
  MaintenanceWindow,
  NotificationChannelView,
  NotificationDeliveryView,
  NotificationTestResult,
  Page,
  ReportView,
  ParcelFeatureCollection,
  ParcelView,
  ProjectActualView,
  ProjectDetailView,
  ProjectMilestoneView,
  ProjectView,
  SupervisionListView,
  PlanMonthlyReview,
  PlanTaskView,
  PlanProgressYear,
  PlanTargetView,
  QualificationView,
  RecordEventView,
  RuleRemoval,
  RuleView,
  SignOutResult,
  TenancyView,
  UserView,
  WebhookDeliveryView,
  WebhookView,
  TelemetrySeries,
  WallSummary,
} from '@park/contracts';

export interface ApiViews {
  Health: ApiHealth;
  LoginResult: LoginResult;

  AlertList: AlertView[];
  Alert: AlertView;
  AlertEventList: AlertEvent[];
  AlertEvent: AlertEvent;
  AlertStatistics: AlertStatistics;
  AlertPage: Page<AlertView>;
  AlertLink: AlertLinkView;
  MaintenanceWindowList: MaintenanceWindow[];
  MaintenanceWindow: MaintenanceWindow;
  OnDuty: OnDutyView;
  DutyShiftList: DutyShiftView[];
  DutyShift: DutyShiftView;
  EscalationStepList: EscalationStepView[];
  EscalationStep: EscalationStepView;
  SafetyContactList: EnterpriseSafetyContactView[];
  SafetyContact: EnterpriseSafetyContactView;

  TelemetrySeries: TelemetrySeries;
  EnergySummary: EnergySummary;
  ReportList: ReportView[];
  Report: ReportView;
  EnergyRanking: EnergyRanking;

  DevicePage: Page<DeviceView>;
  Device: DeviceView;
  DeviceWithCredentials: DeviceWithCredentials;
  DeviceStateList: DeviceStateView[];
  DeviceState: DeviceStateView;
  UserPage: Page<UserView>;
  User: UserView;
  SignOutResult: SignOutResult;
  RuleList: RuleView[];
  Rule: RuleView;
  RuleRemoval: RuleRemoval;
  DryRunResult: DryRunResult;
  WebhookList: WebhookView[];
  Webhook: WebhookView;
  WebhookDeliveryList: WebhookDeliveryView[];
  NotificationChannelList: NotificationChannelView[];
  NotificationChannel: NotificationChannelView;
  NotificationTestResult: NotificationTestResult;
  NotificationDeliveryPage: Page<NotificationDeliveryView>;
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
  QualificationList: QualificationView[];
  Qualification: QualificationView;
  AttachedDocument: AttachedDocumentView;
  AuditPage: Page<AuditEntryView>;
  ParcelPage: Page<ParcelView>;
  Parcel: ParcelView;
  ProjectPage: Page<ProjectView>;
  ProjectDetail: ProjectDetailView;
  ProjectMilestone: ProjectMilestoneView;
  ProjectActual: ProjectActualView;
  SupervisionList: SupervisionListView;
  PlanTaskPage: Page<PlanTaskView>;
  PlanTask: PlanTaskView;
  PlanMonthlyReview: PlanMonthlyReview;
  ExchangeSourceList: ExchangeSourceView[];
  ExchangeSource: ExchangeSourceView;
  IssuedSourceKey: IssuedSourceKey;
  ExchangeBatchPage: Page<ExchangeBatchView>;
  ExchangeBatch: ExchangeBatchView;
  ExchangeUploadReport: ExchangeUploadReport;
  CarrierPage: Page<CarrierView>;
  Carrier: CarrierView;
  CarrierRecord: CarrierRecordView;
  TenancyList: TenancyView[];
  Tenancy: TenancyView;
  AdmissionList: AdmissionEntryView[];
  AdmissionEntry: AdmissionEntryView;

  EvaluationList: EvaluationRow[];
  EvaluationBenchmarks: EvaluationBenchmarks;
  GradeMovers: GradeMovers;
  EvaluationHistory: EvaluationHistory;
  CarrierPerformanceList: CarrierPerformance[];
  EvaluationScheme: EvaluationScheme;
  PlanProgress: PlanProgressYear[];
  PlanTargetList: PlanTargetView[];
  PlanTarget: PlanTargetView;
  Cultivation: Record<CultivationLibrary, CultivationEntry[]>;
  ParcelMap: ParcelFeatureCollection;
  WallSummary: WallSummary;
}
