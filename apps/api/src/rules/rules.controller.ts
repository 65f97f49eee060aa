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
import { Edits, Roles } from '../auth/auth.decorators';
import { DryRunBody, DryRunQuery, RuleDto } from './rules.dto';
import type { DryRunResult, RuleRemoval, RuleView } from '@park/contracts';
import { RulesAdminService } from './rules.service';
import { ApiView } from '../openapi/api-view';

/** Rules CRUD (admin) and dry-run: which recent data would have fired (admin, officer). */
@Controller('api/rules')
export class RulesController {
  constructor(private readonly rules: RulesAdminService) {}

  @Roles('admin', 'officer', 'staff')
  @Get()
  @ApiView('RuleList')
  list(): Promise<RuleView[]> {
    return this.rules.list();
  }

  @Roles('admin', 'officer', 'staff')
  @Get(':id')
  @ApiView('Rule')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RuleView> {
    return this.rules.get(id);
  }

  @Edits('rules')
  @Post()
  @ApiView('Rule')
  create(@Body() body: RuleDto): Promise<RuleView> {
    return this.rules.create(body);
  }

  @Edits('rules')
  @Put(':id')
  @ApiView('Rule')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: RuleDto): Promise<RuleView> {
    return this.rules.update(id, body);
  }

  /** Deletes a rule that never fired; one with alerts is disabled so its history stays readable. */
  @Edits('rules')
  @Delete(':id')
  @HttpCode(200)
  @ApiView('RuleRemoval')
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<RuleRemoval> {
    return { result: await this.rules.remove(id) };
  }

  @Roles('admin', 'officer', 'staff')
  @Post(':id/dry-run')
  @HttpCode(200)
  @ApiView('DryRunResult')
  dryRun(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DryRunQuery,
    @Body() body: DryRunBody,
  ): Promise<DryRunResult> {
    return this.rules.dryRun(id, query.hours ?? 24, body?.params);
  }
}
