/**
 * Aliyun SMS (短信服务, dysmsapi 2017-05-25, SendSms) with the RPC signature v1 (HMAC-SHA1), as its documentation
 * specifies — https://www.alibabacloud.com/help/en/sms/signature-method, and in Chinese with the worked example
 * used below, https://help.aliyun.com/document_detail/56189.html (HTTP 协议及签名):
 *
 *   1. sort every request parameter except Signature by name; percent-encode names and values as UTF-8, where
 *      A–Z a–z 0–9 - _ . ~ stay, a space is %20 (not +), * is %2A, ~ stays; join `name=value` with &;
 *   2. StringToSign = "GET" + "&" + percentEncode("/") + "&" + percentEncode(the canonicalized query);
 *   3. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)), sent percent-encoded.
 *
 * The documented example (AccessKeyId testId, secret testSecret, 2017-07-12T02:42:19Z, nonce
 * 45e25e9b-0a6f-4070-8c85-2956eda1b466 …) signs to zJDF+Lrzhj/ThnlvIToysFRq6t4= (aliyun-sms.spec.ts).
 * The answer `{"Code":"OK","Message":"OK","BizId":…,"RequestId":…}` means accepted; a refusal carries another Code
 * (SignatureDoesNotMatch, InvalidTimeStamp.Expired, isv.BUSINESS_LIMIT_CONTROL …).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { SystemClock, type Clock } from '@park/clock';
import {
  isAlertMessage,
  SMS_ALERTS_ONLY_ANSWER,
  type ChannelAdapter,
  type NotificationMessage,
  type ProviderAnswer,
  type Recipient,
} from './channel';
import { ConfigReader, checked, type Checked } from './config-reader';
import { httpAnswer, httpRequest, invalidConfigAnswer, jsonOf } from './provider-http';
import { e164Mobile, smsTemplateParams } from './sms-template';

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com';

export interface AliyunSmsConfig {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The approved 签名 (shown as 【…】 before the text). */
  readonly signName: string;
  /** The approved template, `SMS_…`. */
  readonly templateCode: string;
  /** The service address; the default unless a test points it at a local stand-in. */
  readonly endpoint: string;
}

/** RFC 3986 percent-encoding as the signature rules require (encodeURIComponent leaves !'()* alone). */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalizedQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join('&');
}

/** Base64(HMAC-SHA1(secret + "&", method & %2F & percentEncode(canonicalized query))), not yet percent-encoded. */
export function aliyunRpcSignature(
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
  secret: string,
) {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** "2017-07-12T02:42:19Z": ISO 8601 in UTC without milliseconds, as the Timestamp parameter requires. */
export function aliyunTimestamp(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The signed SendSms request address: `endpoint/?Signature=…&` + the canonicalized query. */
export function aliyunSendSmsUrl(
  config: AliyunSmsConfig,
  phoneNumber: string,
  templateParam: string,
  nowMs: number,
  nonce: string,
): string {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: phoneNumber,
    RegionId: 'cn-hangzhou',
    SignName: config.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: config.templateCode,
    TemplateParam: templateParam,
    Timestamp: aliyunTimestamp(nowMs),
    Version: '2017-05-25',
  };
  const signature = aliyunRpcSignature('GET', params, config.accessKeySecret);
  return `${config.endpoint.replace(/\/+$/, '')}/?Signature=${percentEncode(signature)}&${canonicalizedQuery(params)}`;
}

export function readAliyunSmsConfig(config: unknown): Checked<AliyunSmsConfig> {
  const reader = new ConfigReader(config);
  const accessKeyId = reader.text('accessKeyId', 'AccessKey ID', { max: 128, pattern: /^[A-Za-z0-9]+$/ });
  const accessKeySecret = reader.text('accessKeySecret', 'AccessKey Secret', { max: 128 });
  const signName = reader.text('signName', '短信签名', { max: 32 });
  const templateCode = reader.text('templateCode', '模板 CODE', {
    max: 64,
    pattern: /^SMS_\d+$/,
    hint: '应为控制台“模板管理”中以 SMS_ 开头的模板 CODE',
  });
  const endpoint = reader.url('endpoint', '服务地址', { fallback: ALIYUN_SMS_ENDPOINT });
  return checked(reader, {
    accessKeyId,
    accessKeySecret,
    signName,
    templateCode,
    endpoint: endpoint?.origin ?? ALIYUN_SMS_ENDPOINT,
  });
}

export class AliyunSmsAdapter implements ChannelAdapter<AliyunSmsConfig> {
  readonly kind = 'aliyun-sms' as const;

  constructor(
    private readonly clock: Clock = new SystemClock(),
    private readonly nonce: () => string = randomUUID,
  ) {}

  validate(config: unknown): string[] {
    return readAliyunSmsConfig(config).problems;
  }

  async send(
    config: AliyunSmsConfig,
    message: NotificationMessage,
    recipient: Recipient | null,
    signal: AbortSignal,
  ): Promise<ProviderAnswer> {
    const valid = readAliyunSmsConfig(config);
    if (!('config' in valid)) return invalidConfigAnswer(valid.problems);
    const mobile = recipient ? e164Mobile(recipient.address) : null;
    if (!mobile) return { ok: false, status: null, answer: '收件人没有有效的手机号码，未发送' };
    if (!isAlertMessage(message)) return SMS_ALERTS_ONLY_ANSWER;
    // Mainland numbers go without the country code; others as 00 + country code, as SendSms documents.
    const phoneNumber = mobile.startsWith('+86') ? mobile.slice(3) : `00${mobile.slice(1)}`;
    const url = aliyunSendSmsUrl(
      valid.config,
      phoneNumber,
      JSON.stringify(smsTemplateParams(message)),
      this.clock.now(),
      this.nonce(),
    );
    const reply = await httpRequest(url, { method: 'GET' }, signal);
    return httpAnswer(reply, jsonOf(reply)?.Code === 'OK');
  }
}
