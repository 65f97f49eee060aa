import type { ChannelAdapter, ProviderAnswer } from './channel';
import { adapterFor, sendWithTimeout } from './send-with-timeout';
import { testMessage } from './test-message';

const message = testMessage('值班群', Date.UTC(2026, 11, 7, 8, 0, 0));

function adapter(send: ChannelAdapter['send']): ChannelAdapter {
  return { kind: 'dingtalk', validate: () => [], send };
}

describe('sendWithTimeout', () => {
  it('answers what the provider answered, kept to 1,000 characters', async () => {
    const long: ProviderAnswer = { ok: false, status: 400, answer: 'x'.repeat(5_000) };
    const answer = await sendWithTimeout(
      adapter(() => Promise.resolve(long)),
      {},
      message,
      null,
      1_000,
    );
    expect(answer).toEqual({ ok: false, status: 400, answer: 'x'.repeat(1_000) });
  });

  it('gives up on a provider that never answers, aborting the send, even when the adapter ignores the signal', async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    const answer = await sendWithTimeout(
      adapter((_config, _message, _recipient, s) => {
        signal = s;
        return new Promise<ProviderAnswer>(() => undefined);
      }),
      {},
      message,
      null,
      100,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(answer).toEqual({ ok: false, status: null, answer: 'timeout: no answer within 100 ms' });
    expect(signal?.aborted).toBe(true);
  });

  it('turns a failure to reach the provider into a failed answer with its reason', async () => {
    const answer = await sendWithTimeout(
      adapter(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9'))),
      {},
      message,
      { name: '王工', address: '13800138000' },
      1_000,
    );
    expect(answer).toEqual({
      ok: false,
      status: null,
      answer: 'unreachable: connect ECONNREFUSED 127.0.0.1:9',
    });
  });

  it('finds the adapter of a known kind only, not of an inherited property name', () => {
    const robot = adapter(() => Promise.resolve({ ok: true, status: 200, answer: '' }));
    expect(adapterFor({ dingtalk: robot }, 'dingtalk')).toBe(robot);
    expect(adapterFor({ dingtalk: robot }, 'constructor')).toBeUndefined();
  });
});

describe('testMessage', () => {
  it('says it is a test that needs nothing done, and carries no link', () => {
    expect(message.title).toBe('【测试消息】通知渠道测试');
    expect(message.lines).toEqual([
      ['渠道', '值班群'],
      ['时间', '2026-12-07 16:00'],
      ['说明', '收到这条消息，说明渠道设置正确；这不是报警，无需处理。'],
    ]);
    expect(message.link).toBeNull();
  });
});
