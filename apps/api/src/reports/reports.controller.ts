import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { ReportView } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { GenerateReportDto, ReportListQueryDto } from './reports.dto';
import { ReportsService } from './reports.service';

/** Park roles read and generate every report; an energy manager only their own enterprise's energy and alarm reports. */
const REPORT_ROLES = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Roles(...REPORT_ROLES)
  @Get()
  @ApiOperation({
    summary: 'Generated reports, newest first, with who generated each and when (docs/reports.md)',
    description: "An energy manager sees only their own enterprise's energy and alarm reports.",
  })
  @ApiView('ReportList')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ReportListQueryDto): Promise<ReportView[]> {
    return this.reports.list(principal, query);
  }

  @Roles(...REPORT_ROLES)
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Generate a report now (排放日报/月报, 能耗月报, 告警月报, 园区月度运行报告); generating one that exists replaces its files',
    description:
      "Computes the report, renders its XLSX and PDF and stores them; answers the stored report (status ready, or failed with the reason). An energy manager may generate only their own enterprise's energy and alarm reports.",
  })
  @ApiView('Report')
  generate(@CurrentPrincipal() principal: Principal, @Body() body: GenerateReportDto): Promise<ReportView> {
    return this.reports.generate(principal, body);
  }

  @Roles(...REPORT_ROLES)
  @Get(':id/file.xlsx')
  @ApiOperation({ summary: "A report's workbook: an overview sheet, then one sheet per table" })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'XLSX', schema: { type: 'string', format: 'binary' } })
  async xlsx(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const file = await this.reports.file(principal, id, 'xlsx');
    return new StreamableFile(file.bytes, {
      type: XLSX_TYPE,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Roles(...REPORT_ROLES)
  @Get(':id/file.pdf')
  @ApiOperation({ summary: "A report's PDF (A4 landscape, Noto Sans SC embedded)" })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF', schema: { type: 'string', format: 'binary' } })
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const file = await this.reports.file(principal, id, 'pdf');
    return new StreamableFile(file.bytes, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
