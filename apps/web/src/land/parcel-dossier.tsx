/**
 * 一地一档 — a parcel's 出让与合同 facts on its profile: 不动产权证号, 出让日期, 出让年限 with the 到期日期 the API computes
 * (ParcelView.transferEndDate) and the 剩余年限 counted from today in Beijing, 容积率, 投资强度 (万元/亩), and the 出让合同
 * with its agreed terms. Every field says "—" when the dossier has no value yet.
 */
import type { ReactNode } from 'react';
import { formatNumber, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { beijingToday } from '../records/enterprise-form';
import type { Parcel } from './land-api';
import { remainingTerm } from './parcel-form';

export function ParcelDossier({ parcel: p }: { parcel: Parcel }) {
  const { t, language } = useI18n();
  const field = (name: string, label: string, value: ReactNode, wide = false) => (
    <div className={wide ? 'records__field land-dossier__wide' : 'records__field'} data-field={name}>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
  const remaining = remainingTerm(p.transferEndDate, beijingToday(Date.now()));
  const remainingText =
    remaining === null
      ? null
      : remaining === 'expired'
        ? t('parcels.remaining.expired')
        : remaining.years > 0
          ? t('parcels.remaining.yearsMonths', { years: remaining.years, months: remaining.months })
          : t('parcels.remaining.months', { months: remaining.months });

  return (
    <section className="records__section" aria-labelledby="parcels-dossier-heading">
      <h2 id="parcels-dossier-heading" className="records__section-title">
        {t('parcels.dossier.heading')}
      </h2>
      <dl className="records__facts land-dossier">
        {field('certificateNo', t('parcels.field.certificateNo'), p.certificateNo)}
        {field('transferDate', t('parcels.field.transferDate'), p.transferDate)}
        {field(
          'transferTermYears',
          t('parcels.field.transferTerm'),
          p.transferTermYears === null ? null : t('parcels.term.years', { years: p.transferTermYears }),
        )}
        {field(
          'transferEndDate',
          t('parcels.field.transferEndDate'),
          p.transferEndDate ?? <span className="records__muted">{t('parcels.endDate.needs')}</span>,
        )}
        {field(
          'remaining',
          t('parcels.field.remaining'),
          remaining === 'expired' ? (
            <span className="land-dossier__expired">{remainingText}</span>
          ) : (
            remainingText
          ),
        )}
        {field(
          'plotRatio',
          t('parcels.field.plotRatio'),
          p.plotRatio === null ? null : formatNumber(p.plotRatio, language),
        )}
        {field(
          'investmentIntensity',
          t('parcels.field.investmentIntensityShort'),
          p.investmentIntensity === null
            ? null
            : formatQuantity(p.investmentIntensity, t('unit.wanYuanPerMu'), language),
        )}
        {field('contractNo', t('parcels.field.contractNo'), p.contractNo)}
        {field(
          'contractTerms',
          t('parcels.field.contractTerms'),
          p.contractTerms === null ? null : <span className="land-dossier__terms">{p.contractTerms}</span>,
          true,
        )}
      </dl>
    </section>
  );
}
