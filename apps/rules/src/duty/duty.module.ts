import { Module, type DynamicModule } from '@nestjs/common';
import { createChannelAdapters } from '@park/notifications';
import { DigestRepository, EscalationRepository, repositoryProvider } from '@park/records';
import { RULES_CONFIG, type RulesConfig } from '../rules.config';
import { DIGEST_ADAPTERS, DigestService } from './digest.service';
import { EscalationChainService } from './escalation-chain.service';

/**
 * Who gets what, and when (docs/notifications.md): the escalation chain's later steps on the escalation timers,
 * and the daily digest of info alerts. Part of the rules service (and so of the standalone mode). The chain's
 * 0-minute steps and the enterprise contacts' first message are queued with the alert itself, by the records
 * (EscalationRepository.routeIn in the alert's transaction); the notification dispatcher sends every delivery.
 * Runs on the app's records, bus and clock (the global infrastructure modules).
 */
@Module({})
export class DutyModule {
  static forRoot(config: RulesConfig): DynamicModule {
    return {
      module: DutyModule,
      providers: [
        { provide: RULES_CONFIG, useValue: config },
        { provide: DIGEST_ADAPTERS, useFactory: () => createChannelAdapters() },
        repositoryProvider(EscalationRepository),
        repositoryProvider(DigestRepository),
        EscalationChainService,
        DigestService,
      ],
    };
  }
}
