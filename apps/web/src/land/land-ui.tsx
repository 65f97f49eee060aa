/** The carriers page's occupancy bar. */
import { formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { barWidth } from './carrier-occupancy';

/** Occupancy as a bar and a figure: the bar clamped at 100 %, the figure not. */
export function OccupancyBar({ percent }: { percent: number }) {
  const { t, language } = useI18n();
  const text = formatQuantity(percent, '%', language);
  return (
    <span className="occupancy">
      <span
        className="bar occupancy__bar"
        role="meter"
        aria-label={t('carriers.occupancy')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={barWidth(percent)}
        aria-valuetext={text}
      >
        <span className="bar__fill" style={{ width: `${barWidth(percent)}%` }} />
      </span>
      <span className="occupancy__value">{text}</span>
    </span>
  );
}
