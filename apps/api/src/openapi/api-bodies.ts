/**
 * Every JSON request body the REST API reads, by the name of its DTO class: the class a route's `@Body()` names,
 * which @nestjs/swagger puts in the document as `#/components/schemas/<ClassName>`. `npm run openapi` replaces
 * that schema with the JSON Schema of the class's TypeScript type (ts-json-schema-generator, as for the views in
 * api-views.ts), so the web app's requests are typed by what the ValidationPipe accepts: a field the API no
 * longer takes fails the web typecheck. The script refuses a JSON body whose class is missing here, and an
 * entry no route reads. Types only: nothing here runs.
 */
import type { AssignAlertDto, ResolveAlertDto } from '../alerts/alerts.dto';
import type { SchemeDto, TargetDto } from '../analytics/analytics.dto';
import type { LoginDto } from '../auth/auth.dto';
import type {
  AddTenantDto,
  AdmissionEntryDto,
  CreateCarrierDto,
  EndTenancyDto,
  UpdateCarrierDto,
} from '../carriers/carrier.dto';
import type { CreateDeviceDto, UpdateDeviceDto } from '../devices/device.dto';
import type { CreateSourceDto, UpdateSourceDto, UploadDto } from '../exchange/exchange.dto';
import type { DutyShiftDto, EscalationStepDto, SafetyContactDto } from '../duty/duty.dto';
import type {
  CreateEnterpriseDto,
  CreateEventDto,
  IndicatorsDto,
  UpdateEnterpriseDto,
} from '../enterprises/enterprise.dto';
import type { CreateMaintenanceWindowDto } from '../maintenance/maintenance.dto';
import type { NotificationChannelDto } from '../notifications/notifications.dto';
import type { CreateParcelDto, UpdateParcelDto } from '../parcels/parcel.dto';
import type { CreateQualificationDto, UpdateQualificationDto } from '../qualifications/qualification.dto';
import type {
  AdvanceProjectDto,
  CompleteMilestoneDto,
  CreateMilestoneDto,
  CreateProjectDto,
  ProjectActualDto,
  UpdateMilestoneDto,
  UpdateProjectDto,
} from '../projects/project.dto';
import { CreatePlanTaskDto, UpdatePlanTaskDto } from '../plan-tasks/plan-task.dto';
import type { DryRunBody, RuleDto } from '../rules/rules.dto';
import type { GenerateReportDto } from '../reports/reports.dto';
import type { CreateUserDto, UpdateUserDto } from '../users/user.dto';
import type { CreateDisplayTokenDto, ExchangeDisplayTokenDto } from '../wall/display-tokens.dto';
import type { UpdateWebhookDto, WebhookDto } from '../webhooks/webhooks.dto';

export interface ApiBodies {
  LoginDto: LoginDto;

  CreateSourceDto: CreateSourceDto;
  UpdateSourceDto: UpdateSourceDto;
  UploadDto: UploadDto;

  ResolveAlertDto: ResolveAlertDto;
  AssignAlertDto: AssignAlertDto;
  CreateMaintenanceWindowDto: CreateMaintenanceWindowDto;
  DutyShiftDto: DutyShiftDto;
  EscalationStepDto: EscalationStepDto;
  SafetyContactDto: SafetyContactDto;

  CreateDeviceDto: CreateDeviceDto;
  UpdateDeviceDto: UpdateDeviceDto;
  CreateUserDto: CreateUserDto;
  UpdateUserDto: UpdateUserDto;
  RuleDto: RuleDto;
  DryRunBody: DryRunBody;
  WebhookDto: WebhookDto;
  UpdateWebhookDto: UpdateWebhookDto;
  NotificationChannelDto: NotificationChannelDto;
  CreateDisplayTokenDto: CreateDisplayTokenDto;
  ExchangeDisplayTokenDto: ExchangeDisplayTokenDto;

  CreateEnterpriseDto: CreateEnterpriseDto;
  UpdateEnterpriseDto: UpdateEnterpriseDto;
  IndicatorsDto: IndicatorsDto;
  CreateProjectDto: CreateProjectDto;
  UpdateProjectDto: UpdateProjectDto;
  AdvanceProjectDto: AdvanceProjectDto;
  CreateMilestoneDto: CreateMilestoneDto;
  UpdateMilestoneDto: UpdateMilestoneDto;
  CompleteMilestoneDto: CompleteMilestoneDto;
  ProjectActualDto: ProjectActualDto;
  CreatePlanTaskDto: CreatePlanTaskDto;
  UpdatePlanTaskDto: UpdatePlanTaskDto;
  CreateEventDto: CreateEventDto;
  CreateQualificationDto: CreateQualificationDto;
  UpdateQualificationDto: UpdateQualificationDto;
  CreateParcelDto: CreateParcelDto;
  UpdateParcelDto: UpdateParcelDto;
  CreateCarrierDto: CreateCarrierDto;
  UpdateCarrierDto: UpdateCarrierDto;
  AddTenantDto: AddTenantDto;
  EndTenancyDto: EndTenancyDto;
  AdmissionEntryDto: AdmissionEntryDto;

  SchemeDto: SchemeDto;
  TargetDto: TargetDto;

  GenerateReportDto: GenerateReportDto;
}
