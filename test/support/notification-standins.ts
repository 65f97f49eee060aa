/**
 * Local stand-ins for the notification providers that cannot be reached from here (企业微信, 钉钉 and 飞书 robots,
 * Aliyun and Tencent Cloud SMS): small HTTP servers on 127.0.0.1 that check a request the way the provider does —
 * the robot's key or token, the JSON shape, and the signature recomputed from the secret, with the provider's own
 * refusal when it does not match — record what they received, and can be told to fail (HTTP 500) or to hang.
 *
 * The signatures are recomputed here from the providers' documented formulas, deliberately not with the adapters'
 * signing functions: a stand-in that shared the signer would accept any mistake in it. (The signers themselves are
 * checked against the providers' published examples in libs/notifications/src/*.spec.ts.)
 *
 * The refusal codes are the providers': 钉钉 310000 (sign not match / invalid timestamp) and 300005 (token is not
 * exist); 飞书 19021 (sign match fail or timestamp is not within one hour) and 19001 (token invalid); 企业微信 93000
 * (invalid webhook url); Aliyun SignatureDoesNotMatch, InvalidTimeStamp.Expired, SignatureNonceUsed,
 * InvalidAccessKeyId.NotFound; Tencent AuthFailure.SignatureFailure, AuthFailure.SignatureExpire,
 * AuthFailure.SecretIdNotFound. For a malformed body the stand-ins answer a generic refusal (the robots'
 * exact code for each shape error is not reproduced).
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Whether the stand-in accepted it (signature, token, shape all as the provider requires). */
  readonly accepted: boolean;
  /** What it answered. */
  readonly answer: unknown;
}

interface Verdict {
  readonly status: number;
  readonly json: unknown;
  readonly accepted: boolean;
}

type Judge = (request: { method: string; url: URL; headers: IncomingHttpHeaders; body: string }) => Verdict;

export class ProviderStandin {
  readonly received: ReceivedRequest[] = [];
  private mode: 'answer' | 'fail' | 'hang' = 'answer';

  private constructor(
    private readonly server: Server,
    /** http://127.0.0.1:<port> */
    readonly origin: string,
  ) {}

  static async start(judge: Judge): Promise<ProviderStandin> {
    // The handler needs the stand-in, which needs the server's port: filled in once listening.
    const self: { standin?: ProviderStandin } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () =>
        self.standin?.handle(judge, req.method ?? 'GET', req.url ?? '/', req.headers, chunks, res),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self.standin = new ProviderStandin(server, `http://127.0.0.1:${port}`);
    return self.standin;
  }

  /** Answer every request with HTTP 500 until `answerNormally()`. */
  failWith500(): void {
    this.mode = 'fail';
  }

  /** Accept connections and never answer until `answerNormally()` or `close()`. */
  hang(): void {
    this.mode = 'hang';
  }

  answerNormally(): void {
    this.mode = 'answer';
  }

  /** The requests it accepted. */
  accepted(): ReceivedRequest[] {
    return this.received.filter((r) => r.accepted);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    judge: Judge,
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    chunks: Buffer[],
    res: ServerResponse,
  ): void {
    const url = new URL(path, this.origin);
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.mode === 'hang') {
      this.received.push({ method, url, headers, body, accepted: false, answer: null });
      return;
    }
    if (this.mode === 'fail') {
      this.received.push({ method, url, headers, body, accepted: false, answer: 'Internal Server Error' });
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    const verdict = judge({ method, url, headers, body });
    this.received.push({ method, url, headers, body, accepted: verdict.accepted, answer: verdict.json });
    res
      .writeHead(verdict.status, { 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(verdict.json));
  }
}

const ok = (json: unknown): Verdict => ({ status: 200, json, accepted: true });
const refuse = (json: unknown, status = 200): Verdict => ({ status, json, accepted: false });

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const hmacBase64 = (key: string, message: string) =>
  createHmac('sha256', Buffer.from(key, 'utf8')).update(message, 'utf8').digest('base64');

// --- 企业微信 group robot ----------------------------------------------------------------------------------------

/** POST /cgi-bin/webhook/send?key=… with {"msgtype":"markdown","markdown":{"content":≤ 4096 bytes}}. */
export function startWecomStandin(key: string): Promise<ProviderStandin> {
  return ProviderStandin.start(({ method, url, body }) => {
    if (
      method !== 'POST' ||
      url.pathname !== '/cgi-bin/webhook/send' ||
      url.searchParams.get('key') !== key
    ) {
      return refuse({ errcode: 93000, errmsg: 'invalid webhook url, hint: [standin]' });
    }
    const json = parseJson(body);
    const markdown = json?.markdown as { content?: unknown } | undefined;
    if (json?.msgtype !== 'markdown' || typeof markdown?.content !== 'string' || markdown.content === '') {
      return refuse({ errcode: 40008, errmsg: 'invalid message type, hint: [standin]' });
    }
    if (Buffer.byteLength(markdown.content) > 4096) {
      return refuse({ errcode: 40058, errmsg: 'markdown.content exceed max length 4096, hint: [standin]' });
    }
    return ok({ errcode: 0, errmsg: 'ok' });
  });
}

// --- 钉钉 custom robot with 加签 --------------------------------------------------------------------------------

/** POST /robot/send?access_token=…&timestamp=<ms>&sign=urlEncode(base64(HmacSHA256(secret, ts\nsecret))). */
export function startDingtalkStandin(accessToken: string, secret: string): Promise<ProviderStandin> {
  return ProviderStandin.start(({ method, url, body }) => {
    if (
      method !== 'POST' ||
      url.pathname !== '/robot/send' ||
      url.searchParams.get('access_token') !== accessToken
    ) {
      return refuse({ errcode: 300005, errmsg: 'token is not exist' });
    }
    const timestamp = url.searchParams.get('timestamp') ?? '';
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) {
      return refuse({ errcode: 310000, errmsg: 'invalid timestamp' });
    }
    // searchParams has already URL-decoded the sign once: compare with the plain base64.
    if (url.searchParams.get('sign') !== hmacBase64(secret, `${timestamp}\n${secret}`)) {
      return refuse({ errcode: 310000, errmsg: 'sign not match' });
    }
    const json = parseJson(body);
    const markdown = json?.markdown as { title?: unknown; text?: unknown } | undefined;
    if (
      json?.msgtype !== 'markdown' ||
      typeof markdown?.title !== 'string' ||
      typeof markdown.text !== 'string'
    ) {
      return refuse({ errcode: 40035, errmsg: '缺少参数 json' });
    }
    return ok({ errcode: 0, errmsg: 'ok' });
  });
}

// --- 飞书 custom bot with 签名校验 ------------------------------------------------------------------------------

/** POST /open-apis/bot/v2/hook/<token> with {timestamp (s), sign = base64(HmacSHA256(ts\nsecret, "")), msg_type…}. */
export function startFeishuStandin(hookToken: string, secret: string): Promise<ProviderStandin> {
  return ProviderStandin.start(({ method, url, body }) => {
    if (method !== 'POST' || url.pathname !== `/open-apis/bot/v2/hook/${hookToken}`) {
      return refuse({ code: 19001, data: {}, msg: 'param invalid: incoming webhook access token invalid' });
    }
    const json = parseJson(body);
    const timestamp = typeof json?.timestamp === 'string' ? json.timestamp : '';
    const expected = hmacBase64(`${timestamp}\n${secret}`, '');
    if (
      !/^\d+$/.test(timestamp) ||
      Math.abs(Date.now() / 1000 - Number(timestamp)) > 3_600 ||
      json?.sign !== expected
    ) {
      return refuse({
        code: 19021,
        data: {},
        msg: 'sign match fail or timestamp is not within one hour from current time',
      });
    }
    const post = (json.content as { post?: { zh_cn?: { title?: unknown; content?: unknown } } } | undefined)
      ?.post?.zh_cn;
    if (json.msg_type !== 'post' || typeof post?.title !== 'string' || !Array.isArray(post.content)) {
      return refuse({ code: 9499, data: {}, msg: 'Bad Request' });
    }
    return ok({ code: 0, data: {}, msg: 'success' });
  });
}

// --- Aliyun SMS (dysmsapi SendSms, RPC signature v1) -------------------------------------------------------------

const percentEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** GET /?Signature=…&AccessKeyId=…&Action=SendSms&… signed with HMAC-SHA1(secret + "&", GET&%2F&…). */
export function startAliyunSmsStandin(
  accessKeyId: string,
  accessKeySecret: string,
): Promise<ProviderStandin> {
  const usedNonces = new Set<string>();
  return ProviderStandin.start(({ method, url }) => {
    const params = Object.fromEntries(url.searchParams);
    const requestId = randomUUID().toUpperCase();
    if (params.AccessKeyId !== accessKeyId) {
      return refuse(
        {
          RequestId: requestId,
          Code: 'InvalidAccessKeyId.NotFound',
          Message: 'Specified access key is not found.',
        },
        404,
      );
    }
    const at = Date.parse(params.Timestamp ?? '');
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp ?? '') ||
      Math.abs(Date.now() - at) > 15 * 60_000
    ) {
      return refuse(
        {
          RequestId: requestId,
          Code: 'InvalidTimeStamp.Expired',
          Message: 'Specified time stamp or date value is expired.',
        },
        400,
      );
    }
    const { Signature: signature, ...signed } = params;
    const canonical = Object.keys(signed)
      .sort()
      .map((name) => `${percentEncode(name)}=${percentEncode(signed[name])}`)
      .join('&');
    const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
    const expected = createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
    if (signature !== expected) {
      return refuse(
        {
          RequestId: requestId,
          Code: 'SignatureDoesNotMatch',
          Message: `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
        },
        400,
      );
    }
    if (usedNonces.has(signed.SignatureNonce ?? '')) {
      return refuse(
        {
          RequestId: requestId,
          Code: 'SignatureNonceUsed',
          Message: 'Specified signature nonce was used already.',
        },
        400,
      );
    }
    usedNonces.add(signed.SignatureNonce ?? '');
    if (
      signed.Action !== 'SendSms' ||
      signed.Version !== '2017-05-25' ||
      !signed.PhoneNumbers ||
      !signed.SignName ||
      !signed.TemplateCode ||
      parseJson(signed.TemplateParam ?? '') === null
    ) {
      return refuse({ RequestId: requestId, Code: 'isv.INVALID_PARAMETERS', Message: '参数异常' });
    }
    return ok({ Message: 'OK', RequestId: requestId, BizId: `${Date.now()}^0`, Code: 'OK' });
  });
}

// --- Tencent Cloud SMS (SendSms 2021-01-11, TC3-HMAC-SHA256) -----------------------------------------------------

/** POST / with X-TC-* headers and Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…. */
export function startTencentSmsStandin(
  secretId: string,
  secretKey: string,
  sdkAppId: string,
): Promise<ProviderStandin> {
  return ProviderStandin.start(({ method, headers, body }) => {
    const requestId = randomUUID();
    const error = (code: string, message: string) =>
      refuse({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const timestamp = Number(headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
      return error('AuthFailure.SignatureExpire', 'Signature expired. Timestamp is more than 5 minutes off.');
    }
    const match =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        String(headers.authorization ?? ''),
      );
    if (!match) return error('AuthFailure.InvalidAuthorization', 'Authorization header is malformed.');
    const [, id, date, service, signedHeaders, signature] = match;
    if (id !== secretId) return error('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
    if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10) || service !== 'sms') {
      return error('AuthFailure.SignatureFailure', 'Credential scope does not match the request.');
    }
    const names = signedHeaders.split(';');
    if (!names.includes('content-type') || !names.includes('host')) {
      return error('AuthFailure.SignatureFailure', 'content-type and host must be signed.');
    }
    const canonicalHeaders = names
      .map(
        (name) =>
          `${name}:${String(headers[name] ?? '')
            .trim()
            .toLowerCase()}\n`,
      )
      .join('');
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const canonicalRequest = [method, '/', '', canonicalHeaders, signedHeaders, sha256(body)].join('\n');
    const stringToSign = [
      'TC3-HMAC-SHA256',
      String(timestamp),
      `${date}/${service}/tc3_request`,
      sha256(canonicalRequest),
    ].join('\n');
    const mac = (key: Buffer | string, text: string) =>
      createHmac('sha256', key).update(text, 'utf8').digest();
    const signingKey = mac(mac(mac(`TC3${secretKey}`, date), service), 'tc3_request');
    if (createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex') !== signature) {
      return error(
        'AuthFailure.SignatureFailure',
        'The provided credentials could not be validated. Please check your signature is correct.',
      );
    }
    if (headers['x-tc-action'] !== 'SendSms' || headers['x-tc-version'] !== '2021-01-11') {
      return error('InvalidAction', 'The action or version does not exist.');
    }
    const json = parseJson(body);
    const phones = json?.PhoneNumberSet;
    if (
      !Array.isArray(phones) ||
      phones.length === 0 ||
      json?.SmsSdkAppId !== sdkAppId ||
      typeof json.SignName !== 'string' ||
      typeof json.TemplateId !== 'string' ||
      !Array.isArray(json.TemplateParamSet)
    ) {
      return error('InvalidParameterValue', 'The request body is not a valid SendSms request.');
    }
    return ok({
      Response: {
        SendStatusSet: phones.map((phone, i) => ({
          SerialNo: `5000:${requestId}:${i}`,
          PhoneNumber: String(phone),
          Fee: 1,
          SessionContext: typeof json.SessionContext === 'string' ? json.SessionContext : '',
          Code: 'Ok',
          Message: 'send success',
          IsoCode: 'CN',
        })),
        RequestId: requestId,
      },
    });
  });
}
