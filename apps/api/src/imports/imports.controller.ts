import {
  BadRequestException,
  Controller,
  Get,
  Param,
  ParseBoolPipe,
  ParseEnumPipe,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import { IMPORT_KINDS, type ImportKind, type ImportReport } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ImportsService } from './imports.service';
import { ApiView } from '../openapi/api-view';

/** What multer hands over for a file field (memory storage). */
interface UploadedSpreadsheet {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

const MAX_BYTES = 10 * 1024 * 1024;

@ApiTags('import / export')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * Imports a CSV or XLSX (Chinese headers accepted). Any bad row → 422 with every problem by line and column,
   * and nothing imported — unless `importValidRows=true`. Upsert by natural key: the same file twice changes nothing.
   * `dryRun=true` checks the file and counts what the valid rows would do (200, errors listed), importing nothing.
   */
  @Roles('admin')
  @Post(':kind')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_BYTES, files: 1 } }))
  @ApiView('ImportReport')
  import(
    @CurrentPrincipal() p: Principal,
    @Param('kind', new ParseEnumPipe(IMPORT_KINDS)) kind: ImportKind,
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Query('importValidRows', new ParseBoolPipe({ optional: true })) importValidRows?: boolean,
    @Query('dryRun', new ParseBoolPipe({ optional: true })) dryRun?: boolean,
  ): Promise<ImportReport> {
    if (!file)
      throw new BadRequestException({ message: ['file: attach the CSV or XLSX as form field "file"'] });
    return this.imports.import(p, kind, file, importValidRows ?? false, dryRun ?? false);
  }
}

@ApiTags('import / export')
@ApiBearerAuth()
@Controller('api/exports')
export class ExportsController {
  constructor(private readonly imports: ImportsService) {}

  /** The records as a spreadsheet with Chinese headers, in the format the import reads back. */
  @Roles('admin', 'officer')
  @Get(':kind')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'the file, as an attachment', schema: { type: 'string', format: 'binary' } })
  async export(
    @Param('kind', new ParseEnumPipe(IMPORT_KINDS)) kind: ImportKind,
    @Query('format', new ParseEnumPipe(['csv', 'xlsx'], { optional: true })) format?: 'csv' | 'xlsx',
  ): Promise<StreamableFile> {
    const file = await this.imports.export(kind, format ?? 'csv');
    return new StreamableFile(file.body, {
      type: file.type,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
