/**
 * The one way the HTTP adapters talk to a provider: Node's fetch with the dispatcher's AbortSignal, the answer read
 * as text and kept (trimmed) for the delivery record. A provider's refusal is an answer; only a failure to reach it
 * (refused connection, DNS, abort on timeout) throws, as the port requires.
 */
import type { ProviderAnswer } from './channel';

/** The most of a provider's answer a delivery record keeps (ProviderAnswer.answer). */
export const ANSWER_MAX_CHARS = 1_000;

export interface HttpReply {
  readonly status: number;
  readonly body: string;
}

export async function httpRequest(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  signal: AbortSignal,
): Promise<HttpReply> {
  const response = await fetch(url, { ...init, signal, redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

/** POST a JSON body (UTF-8), as every robot and Tencent Cloud expect. */
export function postJson(
  url: string,
  body: unknown,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  return httpRequest(
    url,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
      body: JSON.stringify(body),
    },
    signal,
  );
}

/** The reply as JSON, or null when it is not JSON (a proxy's HTML error page). */
export function jsonOf(reply: HttpReply): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(reply.body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function trimAnswer(text: string): string {
  return text.length > ANSWER_MAX_CHARS ? `${text.slice(0, ANSWER_MAX_CHARS - 1)}…` : text;
}

/** A provider's answer over HTTP: accepted only with HTTP 2xx and the provider's own success code. */
export function httpAnswer(reply: HttpReply, accepted: boolean): ProviderAnswer {
  return {
    ok: accepted && reply.status >= 200 && reply.status < 300,
    status: reply.status,
    answer: trimAnswer(reply.body),
  };
}

/** What a send answers when the channel's configuration is not valid: nothing was sent, nothing to retry. */
export function invalidConfigAnswer(problems: readonly string[]): ProviderAnswer {
  return { ok: false, status: null, answer: trimAnswer(`配置无效，未发送：${problems.join('；')}`) };
}
