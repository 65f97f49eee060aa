import { translate, type MessageKey, type MessageParams } from '../i18n/messages';
import {
  checkSourceDraft,
  emptyDraft,
  endpointUrl,
  exampleCurl,
  fieldText,
  kindText,
  metricText,
  pageCount,
  problemReason,
  sortSources,
  timeOf,
} from './exchange-model';
import type { ExchangeSourceView } from '@park/contracts';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

const source = (patch: Partial<ExchangeSourceView>): ExchangeSourceView => ({
  id: 'id',
  name: '名称',
  kind: 'other',
  scopes: [],
  keyPrefix: 'pk_x',
  rateLimitPerMinute: 60,
  dropFolder: null,
  revokedAt: null,
  lastUsedAt: null,
  demo: false,
  createdBy: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...patch,
});

describe('the exchange page model', () => {
  it('names kinds and metrics in Chinese, with units', () => {
    expect(kindText('power-company', zh)).toBe('供电公司');
    expect(kindText('hr-bureau', zh)).toBe('人社局');
    expect(kindText('something-new', zh)).toBe('其他');
    expect(metricText('electricity-kwh', zh)).toBe('用电量（kWh）');
    expect(metricText('tax', zh)).toBe('税收（万元）');
    expect(metricText('insured-employees', zh)).toBe('参保人数（人）');
    expect(metricText('energy-other-tce', en)).toBe('Other energy (coal equivalent) (tce)');
  });

  it('checks the new-source form as the API does', () => {
    expect(checkSourceDraft({ ...emptyDraft(), name: '  ' })).toEqual({
      ok: false,
      errors: { name: 'exchange.form.error.name' },
    });
    expect(
      checkSourceDraft({ ...emptyDraft('other'), name: 'x', rateLimit: '0', dropFolder: '../etc' }),
    ).toEqual({
      ok: false,
      errors: {
        scopes: 'exchange.form.error.scopes',
        rateLimit: 'exchange.form.error.rateLimit',
        dropFolder: 'exchange.form.error.dropFolder',
      },
    });
    expect(checkSourceDraft({ ...emptyDraft(), name: 'x', rateLimit: '1.5' })).toMatchObject({ ok: false });
    expect(
      checkSourceDraft({
        kind: 'tax-bureau',
        name: ' 区税务局 ',
        scopes: ['revenue', 'tax'],
        rateLimit: ' 30 ',
        dropFolder: ' tax ',
      }),
    ).toEqual({
      ok: true,
      body: {
        kind: 'tax-bureau',
        name: '区税务局',
        scopes: ['tax', 'revenue'],
        rateLimitPerMinute: 30,
        dropFolder: 'tax',
      },
    });
    expect(checkSourceDraft({ ...emptyDraft(), name: 'x' })).toMatchObject({
      ok: true,
      body: { scopes: ['electricity-kwh'], rateLimitPerMinute: 60, dropFolder: null },
    });
  });

  it('gives a refused row’s reason in words, the server’s words for a code it does not know', () => {
    expect(
      problemReason({ row: 3, status: 'rejected', code: 'UNKNOWN_ENTERPRISE', message: 'uscc: …' }, zh),
    ).toBe('园区没有使用该统一社会信用代码的在册企业');
    for (const code of [
      'OUT_OF_SCOPE',
      'INVALID_PERIOD',
      'INVALID_VALUE',
      'INVALID_USCC',
      'UNKNOWN_METRIC',
      'DUPLICATE_ROW',
    ])
      expect(problemReason({ row: 1, status: 'rejected', code }, zh)).toMatch(/[\u4e00-\u9fff]/);
    expect(
      problemReason({ row: 1, status: 'rejected', code: 'NEW_CODE', message: 'value: too big' }, zh),
    ).toBe('value: too big');
    expect(problemReason({ row: 1, status: 'rejected', code: 'toString' }, zh)).toBe('toString');
    expect(fieldText('uscc', zh)).toBe('统一社会信用代码');
    expect(fieldText('period', zh)).toBe('期间');
    expect(fieldText(undefined, zh)).toBe('—');
  });

  it('lists live sources first, by kind', () => {
    const sorted = sortSources([
      source({ id: 'a', kind: 'other' }),
      source({ id: 'b', kind: 'tax-bureau', revokedAt: '2026-02-01T00:00:00Z' }),
      source({ id: 'c', kind: 'hr-bureau' }),
      source({ id: 'd', kind: 'power-company' }),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('reads times, builds the help panel’s address and example, counts pages', () => {
    expect(timeOf('2025-02-05T02:00:00.000Z')).toBe(Date.UTC(2025, 1, 5, 2));
    expect(timeOf(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(timeOf(null)).toBeNaN();
    expect(endpointUrl('https://park.example/')).toBe('https://park.example/api/exchange/v1/figures');
    const curl = exampleCurl('https://park.example');
    expect(curl).toContain('curl -X POST https://park.example/api/exchange/v1/figures');
    expect(curl).toContain('Authorization: Bearer pk_');
    const body = JSON.parse(/-d '(.*)'$/m.exec(curl)![1]) as { rows: unknown[] };
    expect(body.rows).toEqual([
      { uscc: '91320681MA1PARK01Y', metric: 'electricity-kwh', period: '2026-11', value: 182500 },
    ]);
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
