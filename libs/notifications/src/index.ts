/**
 * @park/notifications — alert notifications beyond the browser: the channel port, the adapters (企业微信 and 钉钉
 * robots, 飞书, e-mail, Aliyun and Tencent Cloud SMS) with their request signing, the Chinese message text, and the
 * check that an outbound target (a webhook's URL) is a public address or an allowed internal one.
 */
export * from './channel';
export * from './duty-routing';
export * from './digest-message';
export * from './report-message';
export * from './expiry-message';
export * from './policy-message';
export { WecomRobotAdapter, type WecomRobotConfig } from './wecom-robot';
export { DingtalkRobotAdapter, dingtalkSign, type DingtalkRobotConfig } from './dingtalk-robot';
export { FeishuBotAdapter, feishuSign, type FeishuBotConfig } from './feishu-bot';
export { SmtpEmailAdapter, type SmtpEmailConfig } from './smtp-email';
export * from './channel-adapters';
export * from './send-with-timeout';
export * from './test-message';
export {
  AliyunSmsAdapter,
  aliyunRpcSignature,
  ALIYUN_SMS_ENDPOINT,
  type AliyunSmsConfig,
} from './aliyun-sms';
export {
  TencentSmsAdapter,
  tc3Authorization,
  TENCENT_SMS_ENDPOINT,
  type TencentSmsConfig,
} from './tencent-sms';
export { SMS_TEMPLATE_PARAMS, SMS_PARAM_MAX_CHARS, type SmsTemplateParam } from './sms-template';
export * from './alert-message';
export * from './webhook-target';
