import type { ChannelAdapter, NotificationMessage, ProviderAnswer, Recipient } from './channel';

/** The longest provider answer kept (the delivery record's limit). */
const MAX_ANSWER_CHARS = 1_000;

/**
 * One send through an adapter, bounded in time, never throwing: the dispatcher and the admin's test button both
 * call this, so a test message behaves exactly as an alert's would. After `timeoutMs` the send's signal is aborted
 * and the answer is a timeout — also when the adapter ignores the signal (a provider that accepts the connection
 * and never answers must not hold anything up). An adapter's throw (the provider could not be reached) becomes a
 * failed answer with its message.
 */
export async function sendWithTimeout<Config>(
  adapter: ChannelAdapter<Config>,
  config: Config,
  message: NotificationMessage,
  recipient: Recipient | null,
  timeoutMs: number,
): Promise<ProviderAnswer> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ProviderAnswer>((resolve) => {
    timer = setTimeout(() => {
      abort.abort(new Error(`no answer within ${timeoutMs} ms`));
      resolve({ ok: false, status: null, answer: `timeout: no answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const sent = adapter.send(config, message, recipient, abort.signal).then(
    (answer): ProviderAnswer => ({ ...answer, answer: answer.answer.slice(0, MAX_ANSWER_CHARS) }),
    (error: unknown): ProviderAnswer => ({
      ok: false,
      status: null,
      answer: (abort.signal.aborted
        ? `timeout: no answer within ${timeoutMs} ms`
        : `unreachable: ${error instanceof Error ? error.message : String(error)}`
      ).slice(0, MAX_ANSWER_CHARS),
    }),
  );
  try {
    return await Promise.race([sent, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The adapter of a stored channel's kind, or undefined for a kind this build does not know. */
export function adapterFor(
  adapters: Readonly<Partial<Record<string, ChannelAdapter>>>,
  kind: string,
): ChannelAdapter | undefined {
  return Object.prototype.hasOwnProperty.call(adapters, kind) ? adapters[kind] : undefined;
}
