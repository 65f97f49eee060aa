/**
 * @apps/rules — the rules app's public entry (rules engine, alert relay, escalation, maintenance, webhooks,
 * notifications, duty): what another app composes it from. Its own main.ts starts it as a microservice.
 */
export { rulesConfigSpec, type RulesConfig } from './rules.config';
export { RulesFeaturesModule, RulesModule, rulesBusSettings } from './rules.module';
export { RulesMetrics } from './rules-metrics';
export { startRules } from './main';
