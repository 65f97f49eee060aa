import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type {
  DutyShiftView,
  EnterpriseSafetyContactView,
  EscalationStepView,
  OnDutyView,
} from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { DutyShiftDto, DutyShiftQuery, EscalationStepDto, SafetyContactDto } from './duty.dto';
import { DutyService } from './duty.service';

/** Who reads the roster and the chain: the park's own staff (not an enterprise's energy manager). */
const READERS = ['admin', 'officer', 'operator', 'staff'] as const;

/**
 * 值班与升级: the duty roster (值班表), the escalation chain (升级链) and the enterprises' safety contacts. Admins
 * write; officers and operators read. Personal phone numbers and e-mail addresses: never an enterprise's user.
 */
@ApiTags('duty')
@ApiBearerAuth()
@Controller('api')
export class DutyController {
  constructor(private readonly duty: DutyService) {}

  @Roles(...READERS)
  @Get('on-duty')
  @ApiView('OnDuty')
  now(): Promise<OnDutyView> {
    return this.duty.onDuty();
  }

  @Roles(...READERS)
  @Get('duty-shifts')
  @ApiView('DutyShiftList')
  shifts(@Query() query: DutyShiftQuery): Promise<DutyShiftView[]> {
    return this.duty.shifts(query.from, query.to);
  }

  @Roles('admin')
  @Post('duty-shifts')
  @ApiView('DutyShift')
  createShift(@CurrentPrincipal() p: Principal, @Body() body: DutyShiftDto): Promise<DutyShiftView> {
    return this.duty.createShift(p, body);
  }

  @Roles('admin')
  @Put('duty-shifts/:id')
  @ApiView('DutyShift')
  updateShift(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DutyShiftDto,
  ): Promise<DutyShiftView> {
    return this.duty.updateShift(p, id, body);
  }

  @Roles('admin')
  @Delete('duty-shifts/:id')
  @HttpCode(204)
  removeShift(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.duty.removeShift(p, id);
  }

  @Roles(...READERS)
  @Get('escalation-steps')
  @ApiView('EscalationStepList')
  steps(): Promise<EscalationStepView[]> {
    return this.duty.steps();
  }

  @Roles('admin')
  @Post('escalation-steps')
  @ApiView('EscalationStep')
  createStep(@CurrentPrincipal() p: Principal, @Body() body: EscalationStepDto): Promise<EscalationStepView> {
    return this.duty.createStep(p, body);
  }

  @Roles('admin')
  @Put('escalation-steps/:id')
  @ApiView('EscalationStep')
  updateStep(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EscalationStepDto,
  ): Promise<EscalationStepView> {
    return this.duty.updateStep(p, id, body);
  }

  @Roles('admin')
  @Delete('escalation-steps/:id')
  @HttpCode(204)
  removeStep(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.duty.removeStep(p, id);
  }

  @Roles(...READERS)
  @Get('safety-contacts')
  @ApiView('SafetyContactList')
  safetyContacts(): Promise<EnterpriseSafetyContactView[]> {
    return this.duty.safetyContacts();
  }

  @Roles('admin')
  @Put('safety-contacts/:enterpriseId')
  @ApiView('SafetyContact')
  setSafetyContact(
    @CurrentPrincipal() p: Principal,
    @Param('enterpriseId', ParseUUIDPipe) enterpriseId: string,
    @Body() body: SafetyContactDto,
  ): Promise<EnterpriseSafetyContactView> {
    return this.duty.setSafetyContact(p, enterpriseId, body);
  }
}
