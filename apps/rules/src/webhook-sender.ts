/** The HTTP side of webhook delivery, behind a port so the dispatcher is tested without a network. */
export interface WebhookSender {
  /** POSTs `body`; resolves with the HTTP status, rejects on a network error or timeout. */
  post(
    url: string,
    body: string,
    headers: Readonly<Record<string, string>>,
    timeoutMs: number,
  ): Promise<number>;
}

export const WEBHOOK_SENDER = Symbol('WebhookSender');

/** The adapter: Node's fetch with a timeout. Redirects are not followed (a signed call goes where it was set up). */
export class FetchWebhookSender implements WebhookSender {
  async post(url: string, body: string, headers: Readonly<Record<string, string>>, timeoutMs: number) {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  }
}
