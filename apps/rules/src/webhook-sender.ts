import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  pinnedLookup,
  resolveWebhookTarget,
  systemResolver,
  type HostResolver,
  type WebhookAllowList,
} from '@park/notifications';

/** The HTTP side of webhook delivery, behind a port so the dispatcher is tested without a network. */
export interface WebhookSender {
  /**
   * POSTs `body`; resolves with the HTTP status, rejects on a network error, a timeout, or a target the SSRF
   * check refuses (WebhookTargetError).
   */
  post(
    url: string,
    body: string,
    headers: Readonly<Record<string, string>>,
    timeoutMs: number,
  ): Promise<number>;
}

export const WEBHOOK_SENDER = Symbol('WebhookSender');

/**
 * The adapter: node:http(s) to the address the SSRF check approved (webhook-target.ts). Each call resolves the
 * host once, refuses a non-public, non-allow-listed address, and connects with a `lookup` pinned to the checked
 * address on a fresh connection (no pooled socket, no second resolution), so a DNS answer that changes between
 * the check and the connect cannot redirect the call. Redirects are not followed (a signed call goes where it was
 * set up, and a redirect could point anywhere). TLS still verifies the certificate against the URL's host name.
 */
export class PinnedWebhookSender implements WebhookSender {
  constructor(
    private readonly allow: WebhookAllowList,
    private readonly resolve: HostResolver = systemResolver,
  ) {}

  async post(
    url: string,
    body: string,
    headers: Readonly<Record<string, string>>,
    timeoutMs: number,
  ): Promise<number> {
    const signal = AbortSignal.timeout(timeoutMs);
    const target = await resolveWebhookTarget(url, this.allow, this.resolve);
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const req = request(
        target.url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            ...headers,
          },
          lookup: pinnedLookup(target),
          agent: false,
          signal,
        },
        (res: IncomingMessage) => {
          // The status is the answer; the body is read and dropped so the connection ends cleanly.
          res.on('error', reject);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.resume();
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
