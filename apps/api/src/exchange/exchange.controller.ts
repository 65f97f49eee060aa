import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type {
  ExchangeBatchView,
  ExchangeSourceView,
  ExchangeUploadReport,
  IssuedSourceKey,
  Page,
} from '@park/contracts';
import type { ExchangeSourceEntity } from '@park/records';
import { CurrentPrincipal, CurrentSource, Edits, Roles, SourceKey } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { pageRequest } from '../records-common/list-query.dto';
import { BatchListQuery, CreateSourceDto, UpdateSourceDto, UploadDto, UploadQuery } from './exchange.dto';
import { ExchangeService } from './exchange.service';

/** The park's staff see the sources and their uploads; the admin and 经发/税务 staff (area `exchange`) manage them. */
const READERS = ['admin', 'staff'] as const;

/** 数据交换 (docs/data-exchange.md): the source systems, their keys and what they sent. */
@ApiTags('exchange 数据交换')
@ApiBearerAuth()
@Controller('api/exchange')
export class ExchangeController {
  constructor(private readonly exchange: ExchangeService) {}

  @Roles(...READERS)
  @Get('sources')
  @ApiView('ExchangeSourceList')
  sources(): Promise<ExchangeSourceView[]> {
    return this.exchange.sources();
  }

  /** The new source and its key: the key is in this answer once and never again. */
  @Edits('exchange')
  @Post('sources')
  @ApiView('IssuedSourceKey')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateSourceDto): Promise<IssuedSourceKey> {
    return this.exchange.create(p, body);
  }

  @Edits('exchange')
  @Patch('sources/:id')
  @ApiView('ExchangeSource')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSourceDto,
  ): Promise<ExchangeSourceView> {
    return this.exchange.update(p, id, body);
  }

  /** A new key for the source; the old one is refused from now on. A revoked source gets none (409). */
  @Edits('exchange')
  @Post('sources/:id/key')
  @ApiView('IssuedSourceKey')
  rotate(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<IssuedSourceKey> {
    return this.exchange.rotate(p, id);
  }

  /** The source's key is refused from now on; what it sent stays. */
  @Edits('exchange')
  @Post('sources/:id/revoke')
  @HttpCode(200)
  @ApiView('ExchangeSource')
  revoke(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ExchangeSourceView> {
    return this.exchange.revoke(p, id);
  }

  /** The uploads, newest first. */
  @Roles(...READERS)
  @Get('batches')
  @ApiView('ExchangeBatchPage')
  batches(@Query() q: BatchListQuery): Promise<Page<ExchangeBatchView>> {
    return this.exchange.batches({ sourceId: q.sourceId }, pageRequest(q));
  }

  @Roles(...READERS)
  @Get('batches/:id')
  @ApiView('ExchangeBatch')
  batch(@Param('id', ParseUUIDPipe) id: string): Promise<ExchangeBatchView> {
    return this.exchange.batch(id);
  }
}

/**
 * The inbound route the source systems call with their key (not a user's session): figures as JSON
 * (ExchangeUploadRequest) or as `text/csv` (header uscc,metric,period,value), answered row by row.
 */
@ApiTags('exchange 数据交换')
@Controller('api/exchange/v1')
export class ExchangeInboundController {
  constructor(private readonly exchange: ExchangeService) {}

  @SourceKey()
  @Post('figures')
  @HttpCode(200)
  @ApiHeader({
    name: 'X-Api-Key',
    required: false,
    description: 'the source key, instead of Authorization: Bearer',
  })
  @ApiOperation({
    summary: 'a source system sends figures (its key, not a session)',
    description:
      'Authorization: Bearer <source key> (or X-Api-Key). JSON { rows, dryRun?, reference? }, or Content-Type: ' +
      'text/csv with the header row uscc,metric,period,value (?dryRun=true). docs/data-exchange.md.',
  })
  @ApiView('ExchangeUploadReport')
  upload(
    @CurrentSource() source: ExchangeSourceEntity,
    @Body() body: UploadDto,
    @Query() q: UploadQuery,
  ): Promise<ExchangeUploadReport> {
    return this.exchange.upload(source, body.rows, {
      dryRun: body.dryRun ?? q.dryRun ?? false,
      via: 'api',
      reference: body.reference ?? null,
    });
  }
}
