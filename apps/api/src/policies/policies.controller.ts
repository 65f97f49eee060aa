import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type {
  EnterprisePoliciesView,
  PolicyListItem,
  PolicyMatchesView,
  PolicyNoticeResult,
  PolicyView,
} from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { PoliciesService } from './policies.service';
import { PolicyNotices } from './policy-notices';
import { CreatePolicyDto, NotifyPolicyDto, PolicyListQuery, UpdatePolicyDto } from './policy.dto';

/** Everyone reads the library (the list); an energy manager without the park-wide counts. */
const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;
/** Who qualifies across the park: the committee, not an enterprise. */
const MATCH_READERS = ['admin', 'officer', 'operator', 'staff'] as const;

/** 惠企政策: the policy library, its matching lists and notices (docs/policies.md). */
@ApiTags('policies 惠企政策')
@ApiBearerAuth()
@Controller('api/policies')
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly notices: PolicyNotices,
  ) {}

  @Roles(...READERS)
  @Get()
  @ApiOperation({ summary: 'The policy library, with how many enterprises qualify and nearly do today' })
  @ApiView('PolicyList')
  list(@CurrentPrincipal() p: Principal, @Query() q: PolicyListQuery): Promise<PolicyListItem[]> {
    return this.policies.list(p, q.q);
  }

  /**
   * Not an energy manager's: a record route with an id is one enterprise's for them (the tenant walk holds every
   * such route to it), and a policy is the park's; they read it in the list.
   */
  @Roles(...MATCH_READERS)
  @Get(':id')
  @ApiView('Policy')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PolicyView> {
    return this.policies.get(id);
  }

  @Roles(...MATCH_READERS)
  @Get(':id/matches')
  @ApiOperation({
    summary: 'Who qualifies (each condition with the actual value) and who nearly does (with what they lack)',
  })
  @ApiView('PolicyMatches')
  matches(@Param('id', ParseUUIDPipe) id: string): Promise<PolicyMatchesView> {
    return this.policies.matches(id);
  }

  @Edits('policies')
  @Post()
  @ApiOperation({
    summary: 'Add a policy to the library; audited',
    description: 'Refused (400 INVALID_RECORD naming the condition) for criteria that cannot be matched.',
  })
  @ApiView('Policy')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreatePolicyDto): Promise<PolicyView> {
    return this.policies.create(p, body);
  }

  @Edits('policies')
  @Patch(':id')
  @ApiView('Policy')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePolicyDto,
  ): Promise<PolicyView> {
    return this.policies.update(p, id, body);
  }

  @Edits('policies')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.policies.remove(p, id);
  }

  @Edits('policies')
  @Post(':id/notify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Send the policy's notice to each qualifying enterprise not notified yet (all of them with force)",
    description:
      'Through every enabled channel whose event types include `policy` that may carry the enterprise, and to its contact by e-mail. channels: 0 in the answer means no channel carries notices and nothing was sent.',
  })
  @ApiView('PolicyNotice')
  notify(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: NotifyPolicyDto,
  ): Promise<PolicyNoticeResult> {
    return this.notices.notify(p, id, body.force === true);
  }
}

/** The policies one enterprise qualifies or nearly qualifies for (可申报政策); an energy manager's own only. */
@ApiTags('policies 惠企政策')
@ApiBearerAuth()
@Controller('api/enterprises/:id/policies')
export class EnterprisePoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Roles(...READERS)
  @Get()
  @ApiView('EnterprisePolicies')
  list(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnterprisePoliciesView> {
    return this.policies.ofEnterprise(p, id);
  }
}
