/**
 * The precedence per metric and the electricity → 标准煤 factor (GET/PUT /api/exchange/precedence): read by park
 * roles, changed by the admin and staff whose department edits the exchange. Each metric's origins in order, with
 * up/down/remove and an add list; 当量值 or 等价值 with the park's 等价值 figure (GB/T 2589-2020).
 */
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/error-text';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import { LoadError, Loading } from '../records/records-ui';
import { metricLabel, moveOrigin, originLabel } from './indicator-labels';
import type { IndicatorSettings, IndicatorsApi } from './indicators-api';

type Precedence = IndicatorSettings['precedence'];
type Metric = keyof Precedence;
type Origin = Precedence[Metric][number];

const SOURCES: readonly Origin[] = ['power-company', 'tax-bureau', 'hr-bureau', 'statistics-bureau', 'other'];
/** What each metric may list (as the API checks it: indicator-views.ts allowedOrigins). */
function allowed(metric: Metric): readonly Origin[] {
  if (metric === 'electricity-kwh') return [...SOURCES, 'metered'];
  if (metric === 'energy-other-tce') return SOURCES;
  return [...SOURCES, 'manual'];
}

export function IndicatorSettingsPanel({ api, canEdit }: { api: IndicatorsApi; canEdit: boolean }) {
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.settings(signal), [api]);
  const [settings, retry] = useLoad(load);
  return (
    <section className="records__section" aria-labelledby="precedence-heading">
      <h2 id="precedence-heading" className="records__section-title">
        {t('indicators.settings.heading')}
      </h2>
      <p>{t('indicators.settings.hint')}</p>
      {settings.state === 'loading' && <Loading text={t('indicators.settings.loading')} />}
      {settings.state === 'error' && <LoadError error={settings.error} onRetry={retry} />}
      {settings.state === 'ready' && <SettingsForm api={api} initial={settings.data} canEdit={canEdit} />}
    </section>
  );
}

function SettingsForm(props: { api: IndicatorsApi; initial: IndicatorSettings; canEdit: boolean }) {
  const { t } = useI18n();
  const { api, canEdit } = props;
  const [current, setCurrent] = useState(props.initial);
  const [precedence, setPrecedence] = useState<Precedence>(props.initial.precedence);
  const [basis, setBasis] = useState(props.initial.energyFactor.basis);
  const [factor, setFactor] = useState(String(props.initial.energyFactor.equivalentKgcePerKwh));
  const [status, setStatus] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: string }
  >({
    kind: 'idle',
  });
  useEffect(() => setStatus((s) => (s.kind === 'saved' ? s : { kind: 'idle' })), [precedence, basis, factor]);
  const set = (metric: Metric, order: Origin[]) => setPrecedence({ ...precedence, [metric]: order });
  const save = async () => {
    setStatus({ kind: 'saving' });
    try {
      const saved = await api.putSettings({
        precedence,
        energyFactor: { basis, equivalentKgcePerKwh: Number(factor) },
      });
      setCurrent(saved);
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'failed', message: describeError(error, t) });
    }
  };
  const label = (o: Origin) => t(originLabel(o));
  return (
    <>
      <div className="table-wrap">
        <table className="evaluation precedence__table">
          <thead>
            <tr>
              <th scope="col">{t('indicators.settings.metric')}</th>
              <th scope="col">{t('indicators.settings.order')}</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(precedence) as Metric[]).map((metric) => {
              const order = precedence[metric];
              const addable = allowed(metric).filter((o) => !order.includes(o));
              return (
                <tr key={metric} data-metric={metric}>
                  <th scope="row">{t(metricLabel(metric))}</th>
                  <td>
                    <ol className="precedence__origins">
                      {order.map((o, i) => (
                        <li key={o} className="precedence__origin">
                          {i + 1}. {label(o)}
                          {canEdit && (
                            <>
                              <button
                                type="button"
                                className="button button--small"
                                aria-label={t('indicators.settings.up', { origin: label(o) })}
                                disabled={i === 0}
                                onClick={() => set(metric, moveOrigin(order, i, -1))}
                              >
                                ↑
                              </button>
                              <button
                                type="button"
                                className="button button--small"
                                aria-label={t('indicators.settings.down', { origin: label(o) })}
                                disabled={i === order.length - 1}
                                onClick={() => set(metric, moveOrigin(order, i, 1))}
                              >
                                ↓
                              </button>
                              <button
                                type="button"
                                className="button button--small"
                                aria-label={t('indicators.settings.remove', { origin: label(o) })}
                                disabled={order.length === 1}
                                onClick={() =>
                                  set(
                                    metric,
                                    order.filter((x) => x !== o),
                                  )
                                }
                              >
                                ×
                              </button>
                            </>
                          )}
                        </li>
                      ))}
                      {canEdit && addable.length > 0 && (
                        <li>
                          <select
                            aria-label={`${t('indicators.settings.add')} · ${t(metricLabel(metric))}`}
                            value=""
                            onChange={(e) =>
                              e.target.value && set(metric, [...order, e.target.value as Origin])
                            }
                          >
                            <option value="">{t('indicators.settings.add')}</option>
                            {addable.map((o) => (
                              <option key={o} value={o}>
                                {label(o)}
                              </option>
                            ))}
                          </select>
                        </li>
                      )}
                    </ol>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="precedence__basis">
        <fieldset disabled={!canEdit}>
          <legend>{t('indicators.settings.basis')}</legend>
          {(['calorific', 'equivalent'] as const).map((b) => (
            <label key={b} className="precedence__radio">
              <input
                type="radio"
                name="tce-basis"
                value={b}
                checked={basis === b}
                onChange={() => setBasis(b)}
              />{' '}
              {t(`indicators.settings.basis.${b}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('indicators.settings.factor')}{' '}
          <input
            type="number"
            name="equivalentKgcePerKwh"
            min="0.001"
            max="1"
            step="0.001"
            value={factor}
            disabled={!canEdit || basis !== 'equivalent'}
            onChange={(e) => setFactor(e.target.value)}
          />
        </label>
      </div>
      <p className="records-edit__hint">
        {t('indicators.settings.factorHint')} ·{' '}
        {t('indicators.settings.inUse', { factor: String(current.kgcePerKwh) })}
      </p>
      {canEdit && (
        <button
          type="button"
          className="button button--primary"
          disabled={status.kind === 'saving'}
          onClick={() => void save()}
        >
          {status.kind === 'saving' ? t('indicators.settings.saving') : t('indicators.settings.save')}
        </button>
      )}
      {status.kind === 'saved' && (
        <p className="records-edit__note records-edit__note--ok" role="status">
          {t('indicators.settings.saved')}
        </p>
      )}
      {status.kind === 'failed' && (
        <p className="records-edit__note" role="alert">
          {t('indicators.settings.failed', { message: status.message })}
        </p>
      )}
    </>
  );
}
