/**
 * Tencent Cloud SMS (短信, SendSms, API version 2021-01-11) signed with TC3-HMAC-SHA256 exactly as the "签名方法 v3"
 * documentation specifies — the same text for every product: SMS's https://www.tencentcloud.com/document/product/382/40467
 * and, with the worked example used in tencent-sms.spec.ts, https://cloud.tencent.com/document/api/213/30654:
 *
 *   CanonicalRequest = "POST\n/\n\n" + "content-type:application/json; charset=utf-8\nhost:<host>\n" + "\n"
 *                      + "content-type;host\n" + hex(SHA256(payload))
 *   StringToSign     = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n"
 *                      + hex(SHA256(CanonicalRequest))              (date: the timestamp's UTC day, YYYY-MM-DD)
 *   SecretSigning    = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")
 *   Signature        = hex(HMAC(SecretSigning, StringToSign))
 *   Authorization    = "TC3-HMAC-SHA256 Credential=" + SecretId + "/" + date + "/" + service + "/tc3_request, "
 *                      + "SignedHeaders=content-type;host, Signature=" + Signature
 *
 * The request carries X-TC-Action, X-TC-Version, X-TC-Region and X-TC-Timestamp (seconds; the server refuses one more
 * than 5 minutes off). The answer `{"Response":{"SendStatusSet":[{"Code":"Ok",…}],"RequestId":…}}` is accepted only
 * when every number's Code is "Ok"; a refused request answers `{"Response":{"Error":{"Code":…,"Message":…}}}` (e.g.
 * AuthFailure.SignatureFailure), still with HTTP 200.
 */
import { createHash, createHmac } from 'node:crypto';
import { SystemClock, type Clock } from '@park/clock';
import {
  isAlertMessage,
  SMS_ALERTS_ONLY_ANSWER,
  type AlertNotificationMessage,
  type ChannelAdapter,
  type NotificationMessage,
  type ProviderAnswer,
  type Recipient,
} from './channel';
import { ConfigReader, checked, type Checked } from './config-reader';
import { httpAnswer, httpRequest, invalidConfigAnswer, jsonOf } from './provider-http';
import { SMS_TEMPLATE_PARAMS, e164Mobile, smsTemplateParams } from './sms-template';

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com';
export const TENCENT_SMS_VERSION = '2021-01-11';
export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface TencentSmsConfig {
  readonly secretId: string;
  readonly secretKey: string;
  /** The SMS application's SdkAppId (短信应用 ID, 1400…). */
  readonly sdkAppId: string;
  /** The approved 签名 text. */
  readonly signName: string;
  /** The approved template's ID. */
  readonly templateId: string;
  readonly region: string;
  readonly endpoint: string;
}

export interface Tc3Request {
  readonly secretId: string;
  readonly secretKey: string;
  /** The product: `sms` here, `cvm` in the documentation's example. */
  readonly service: string;
  /** The Host header as sent, e.g. sms.tencentcloudapi.com. */
  readonly host: string;
  /** The JSON body exactly as sent. */
  readonly payload: string;
  /** X-TC-Timestamp, seconds. */
  readonly timestamp: number;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function tc3CanonicalRequest(host: string, payload: string): string {
  return [
    'POST',
    '/',
    '',
    `content-type:${TC3_CONTENT_TYPE}\nhost:${host}\n`,
    'content-type;host',
    sha256Hex(payload),
  ].join('\n');
}

export function tc3StringToSign(request: Tc3Request): string {
  const scope = `${tc3Date(request.timestamp)}/${request.service}/tc3_request`;
  return [
    'TC3-HMAC-SHA256',
    String(request.timestamp),
    scope,
    sha256Hex(tc3CanonicalRequest(request.host, request.payload)),
  ].join('\n');
}

export function tc3Signature(request: Tc3Request): string {
  const secretDate = hmac(`TC3${request.secretKey}`, tc3Date(request.timestamp));
  const secretService = hmac(secretDate, request.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  return createHmac('sha256', secretSigning).update(tc3StringToSign(request), 'utf8').digest('hex');
}

export function tc3Authorization(request: Tc3Request): string {
  const scope = `${tc3Date(request.timestamp)}/${request.service}/tc3_request`;
  return (
    `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, ` +
    `SignedHeaders=content-type;host, Signature=${tc3Signature(request)}`
  );
}

export function readTencentSmsConfig(config: unknown): Checked<TencentSmsConfig> {
  const reader = new ConfigReader(config);
  const secretId = reader.text('secretId', 'SecretId', { max: 128, pattern: /^[A-Za-z0-9]+$/ });
  const secretKey = reader.text('secretKey', 'SecretKey', { max: 128 });
  const sdkAppId = reader.text('sdkAppId', 'SdkAppId（短信应用 ID）', {
    max: 20,
    pattern: /^\d+$/,
    hint: '应为短信控制台“应用管理”中的数字 ID',
  });
  const signName = reader.text('signName', '短信签名', { max: 32 });
  const templateId = reader.text('templateId', '模板 ID', {
    max: 20,
    pattern: /^\d+$/,
    hint: '应为正文模板的数字 ID',
  });
  const region = reader.optionalText('region', '地域', { max: 32 }) ?? 'ap-guangzhou';
  const endpoint = reader.url('endpoint', '服务地址', { fallback: TENCENT_SMS_ENDPOINT });
  return checked(reader, {
    secretId,
    secretKey,
    sdkAppId,
    signName,
    templateId,
    region,
    endpoint: endpoint?.origin ?? TENCENT_SMS_ENDPOINT,
  });
}

/** The SendSms body: one number, the template's parameters in SMS_TEMPLATE_PARAMS order. */
export function tencentSendSmsBody(
  config: TencentSmsConfig,
  phoneNumber: string,
  message: AlertNotificationMessage,
) {
  const params = smsTemplateParams(message);
  return {
    PhoneNumberSet: [phoneNumber],
    SmsSdkAppId: config.sdkAppId,
    SignName: config.signName,
    TemplateId: config.templateId,
    TemplateParamSet: SMS_TEMPLATE_PARAMS.map((name) => params[name]),
    SessionContext: message.event.alert.id,
  };
}

export class TencentSmsAdapter implements ChannelAdapter<TencentSmsConfig> {
  readonly kind = 'tencent-sms' as const;

  constructor(private readonly clock: Clock = new SystemClock()) {}

  validate(config: unknown): string[] {
    return readTencentSmsConfig(config).problems;
  }

  async send(
    config: TencentSmsConfig,
    message: NotificationMessage,
    recipient: Recipient | null,
    signal: AbortSignal,
  ): Promise<ProviderAnswer> {
    const valid = readTencentSmsConfig(config);
    if (!('config' in valid)) return invalidConfigAnswer(valid.problems);
    const mobile = recipient ? e164Mobile(recipient.address) : null;
    if (!mobile) return { ok: false, status: null, answer: '收件人没有有效的手机号码，未发送' };
    if (!isAlertMessage(message)) return SMS_ALERTS_ONLY_ANSWER;
    const { secretId, secretKey, region, endpoint } = valid.config;
    const payload = JSON.stringify(tencentSendSmsBody(valid.config, mobile, message));
    const timestamp = Math.floor(this.clock.now() / 1000);
    const host = new URL(endpoint).host;
    const authorization = tc3Authorization({ secretId, secretKey, service: 'sms', host, payload, timestamp });
    // The body goes out byte for byte as it was signed.
    const reply = await httpRequest(
      endpoint,
      {
        method: 'POST',
        headers: {
          'Content-Type': TC3_CONTENT_TYPE,
          Authorization: authorization,
          'X-TC-Action': 'SendSms',
          'X-TC-Version': TENCENT_SMS_VERSION,
          'X-TC-Region': region,
          'X-TC-Timestamp': String(timestamp),
        },
        body: payload,
      },
      signal,
    );
    return httpAnswer(reply, allSent(jsonOf(reply)));
  }
}

function allSent(json: Record<string, unknown> | null): boolean {
  const response = json?.Response as { SendStatusSet?: unknown; Error?: unknown } | undefined;
  const set = response?.SendStatusSet;
  return (
    response !== undefined &&
    response.Error === undefined &&
    Array.isArray(set) &&
    set.length > 0 &&
    set.every((status) => (status as { Code?: unknown }).Code === 'Ok')
  );
}
