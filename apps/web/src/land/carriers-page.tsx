/**
 * 产业载体 — industrial carriers: a searchable, paged list of the park's carriers, each with its occupancy (leased /
 * leasable floor area, the API's occupancy figure and a bar), vacancy and its tenants linked to their enterprise
 * records; and at /carriers/<id> one carrier's profile (facts, occupancy, current and former tenants with area,
 * share, dates and admission outcome, the parcels it stands on), where the admin adds and ends tenancies; and the
 * 准入清单 tab (admission-list.tsx). For the park roles GET /api/carriers allows (admin, officer, operator).
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { formatDateTime, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { PAGE_SIZE } from '../records/enterprise-records';
import { mayEdit } from '../session/access';
import type { Session } from '../session/session';
import { tenantRows, vacantArea } from './carrier-occupancy';
import { EndTenancyForm, TenantEditor } from './tenant-edit';
import { LandApi, type AdmissionOutcome, type Carrier, type Tenancy } from './land-api';
import {
  AppLink,
  BackLink,
  LoadError,
  Loading,
  Pager,
  ProfileNotReady,
  SearchForm,
} from '../records/records-ui';
import { AdmissionList } from './admission-list';
import { OccupancyBar } from './land-ui';
import '../records/records.css';
import './land.css';

/** Floor area is stored in square metres; the SI symbol reads the same in both languages. */
const M2 = 'm²';
/** Tenants named on a carrier's card in the list; the rest are counted. */
const CARD_TENANTS = 6;

const ADMISSION_LABELS: Readonly<Record<AdmissionOutcome, MessageKey>> = {
  encouraged: 'carriers.admission.encouraged',
  restricted: 'carriers.admission.restricted',
  unlisted: 'carriers.admission.unlisted',
};

interface Props {
  readonly session: Session;
  readonly carrierId: string | null;
  readonly onNavigate: (path: string) => void;
  readonly onUnauthorized: () => void;
}

const CARRIER_ERRORS = { notFound: 'carriers.notFound', failed: 'carriers.loadError' } as const;
const CARRIER_SEARCH = {
  label: 'carriers.search.label',
  placeholder: 'carriers.search.placeholder',
} as const;
const CARRIER_PAGE_OF: MessageKey = 'carriers.pageOf';

const carrierPath = (id: string) => `/carriers/${encodeURIComponent(id)}`;
const enterprisePath = (id: string) => `/enterprises/${encodeURIComponent(id)}`;

export function CarriersPage({ session, carrierId, onNavigate, onUnauthorized }: Props) {
  const api = useMemo(() => new LandApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  return carrierId ? (
    <CarrierProfile
      key={carrierId}
      api={api}
      id={carrierId}
      canEdit={mayEdit(session.user, 'carriers')}
      onNavigate={onNavigate}
    />
  ) : (
    <CarriersTabs api={api} canEdit={mayEdit(session.user, 'admission')} onNavigate={onNavigate} />
  );
}

type CarriersTab = 'list' | 'admission';

/** The list page's two tabs: the carriers, and the admission list that decides who may become a tenant. */
function CarriersTabs(props: { api: LandApi; canEdit: boolean; onNavigate: (path: string) => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<CarriersTab>(() =>
    new URLSearchParams(window.location.search).get('tab') === 'admission' ? 'admission' : 'list',
  );
  const tabs: readonly CarriersTab[] = ['list', 'admission'];
  return (
    <>
      <div className="records records__tabs" role="tablist" aria-label={t('carriers.heading')}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'button button--primary' : 'button'}
            onClick={() => setTab(id)}
          >
            {t(id === 'list' ? 'carriers.tab.list' : 'carriers.tab.admission')}
          </button>
        ))}
      </div>
      {tab === 'list' ? (
        <CarrierList api={props.api} onNavigate={props.onNavigate} />
      ) : (
        <AdmissionList api={props.api} canEdit={props.canEdit} />
      )}
    </>
  );
}

function CarrierList({ api, onNavigate }: { api: LandApi; onNavigate: (path: string) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const loadPage = useCallback(
    async (signal: AbortSignal) => {
      const carriers = await api.carriers({ q: query, page, pageSize: PAGE_SIZE }, signal);
      // Each carrier's current tenants, for the names on its card (the figures are the API's own).
      const tenants = await Promise.all(carriers.items.map((c) => api.tenants(c.id, false, signal)));
      return { carriers, tenants: new Map(carriers.items.map((c, i) => [c.id, tenants[i]])) };
    },
    [api, query, page],
  );
  const [list, retry] = useLoad(loadPage);

  const search = (q: string) => {
    setPage(1);
    setQuery(q);
  };

  return (
    <div className="records land">
      <div className="records__header">
        <h1 className="records__title">{t('carriers.heading')}</h1>
        <SearchForm {...CARRIER_SEARCH} onSearch={search} />
      </div>
      {list.state === 'loading' && <Loading text={t('carriers.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} {...CARRIER_ERRORS} onRetry={retry} />}
      {list.state === 'ready' && list.data.carriers.items.length === 0 && (
        <p className="state state--empty">
          {query ? t('carriers.emptySearch', { q: query }) : t('carriers.empty')}
        </p>
      )}
      {list.state === 'ready' && list.data.carriers.items.length > 0 && (
        <>
          <ul className="carrier-cards">
            {list.data.carriers.items.map((c) => (
              <CarrierCard
                key={c.id}
                carrier={c}
                tenants={list.data.tenants.get(c.id) ?? []}
                onNavigate={onNavigate}
              />
            ))}
          </ul>
          <Pager
            page={list.data.carriers.page}
            pageSize={list.data.carriers.pageSize}
            total={list.data.carriers.total}
            label={CARRIER_PAGE_OF}
            onPage={setPage}
          />
        </>
      )}
    </div>
  );
}

/** The occupancy figures of a carrier, as the API states them, plus vacancy. */
function OccupancyFacts({ carrier }: { carrier: Carrier }) {
  const { t, language } = useI18n();
  const m2 = (v: number) => formatQuantity(v, M2, language);
  return (
    <div className="carrier-occupancy">
      <OccupancyBar percent={carrier.occupancy} />
      <p className="carrier-occupancy__of">
        {t('carriers.occupancyOf', { leased: m2(carrier.leasedAreaM2), floor: m2(carrier.floorAreaM2) })}
      </p>
      <dl className="carrier-occupancy__figures">
        <div>
          <dt>{t('carriers.floorArea')}</dt>
          <dd data-field="floor">{m2(carrier.floorAreaM2)}</dd>
        </div>
        <div>
          <dt>{t('carriers.leasedArea')}</dt>
          <dd data-field="leased">{m2(carrier.leasedAreaM2)}</dd>
        </div>
        <div>
          <dt>{t('carriers.vacantArea')}</dt>
          <dd data-field="vacant">{m2(vacantArea(carrier.leasedAreaM2, carrier.floorAreaM2))}</dd>
        </div>
        <div>
          <dt>{t('carriers.occupancy')}</dt>
          <dd data-field="occupancy">{formatQuantity(carrier.occupancy, '%', language)}</dd>
        </div>
        <div>
          <dt>{t('carriers.tenantCount')}</dt>
          <dd data-field="tenants">{formatQuantity(carrier.tenantCount, t('unit.enterprises'), language)}</dd>
        </div>
      </dl>
    </div>
  );
}

function CarrierCard(props: {
  carrier: Carrier;
  tenants: readonly Tenancy[];
  onNavigate: (path: string) => void;
}) {
  const { t, language } = useI18n();
  const { carrier: c, onNavigate } = props;
  const rows = tenantRows(props.tenants, c.floorAreaM2).filter((r) => r.current);
  const more = rows.length - CARD_TENANTS;
  return (
    <li className="carrier-card" data-id={c.id} data-code={c.code}>
      <div className="carrier-card__head">
        <h2 className="carrier-card__name">
          <AppLink path={carrierPath(c.id)} onNavigate={onNavigate}>
            {c.name}
          </AppLink>
        </h2>
        <span className="records-table__code">{c.code}</span>
      </div>
      <p className="records__muted carrier-card__operator">
        {t('carriers.operatorLine', { operator: c.operator ?? '—' })}
      </p>
      <OccupancyFacts carrier={c} />
      <div className="carrier-card__tenants">
        <h3 className="carrier-card__subtitle">{t('carriers.tenants.heading')}</h3>
        {rows.length === 0 ? (
          <p className="records__muted">{t('carriers.tenants.empty')}</p>
        ) : (
          <ul className="carrier-card__tenant-list">
            {rows.slice(0, CARD_TENANTS).map(({ tenancy }) => (
              <li key={tenancy.id}>
                <TenantLink tenancy={tenancy} onNavigate={onNavigate} />
                <span className="records__muted"> {formatQuantity(tenancy.areaM2, M2, language)}</span>
              </li>
            ))}
            {more > 0 && (
              <li className="records__muted">
                {t('carriers.tenants.more', { count: formatQuantity(more, t('unit.enterprises'), language) })}
              </li>
            )}
          </ul>
        )}
      </div>
    </li>
  );
}

function TenantLink({ tenancy, onNavigate }: { tenancy: Tenancy; onNavigate: (path: string) => void }) {
  return (
    <AppLink path={enterprisePath(tenancy.enterpriseId)} onNavigate={onNavigate}>
      {tenancy.enterprise?.name ?? tenancy.enterpriseId}
    </AppLink>
  );
}

function CarrierProfile({
  api,
  id,
  canEdit,
  onNavigate,
}: {
  api: LandApi;
  id: string;
  /** The tenant routes are admin only (carriers.controller.ts). */
  canEdit: boolean;
  onNavigate: (path: string) => void;
}) {
  const { t, language } = useI18n();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<string | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);
  const loadProfile = useCallback(
    async (signal: AbortSignal) => {
      const carrier = await api.carrier(id, signal);
      const [tenants, parcels] = await Promise.all([
        api.tenants(id, true, signal),
        api.parcelsOfCarrier(id, signal),
      ]);
      return { carrier, tenants, parcels: parcels.items };
    },
    [api, id],
  );
  const [profile, retry] = useLoad(loadProfile);
  // After a tenant joins or leaves, the occupancy is the API's to recompute: reload the profile.
  const afterSave = (message: MessageKey) => {
    setAdding(false);
    setEnding(null);
    setDone(message);
    retry();
  };
  const back = <BackLink path="/carriers" label={t('carriers.back')} onNavigate={onNavigate} />;
  if (profile.state !== 'ready')
    return (
      <ProfileNotReady
        back={back}
        load={profile}
        loadingText={t('carriers.profile.loading')}
        {...CARRIER_ERRORS}
        onRetry={retry}
      />
    );

  const { carrier: c, tenants, parcels } = profile.data;
  const rows = tenantRows(tenants, c.floorAreaM2);
  const current = rows.filter((r) => r.current);
  const ended = rows.filter((r) => !r.current);
  const field = (label: string, value: ReactNode) => (
    <div className="records__field">
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );

  const tenantTable = (list: typeof rows, withEnd: boolean, className: string) => (
    <div className="table-wrap">
      <table className={`evaluation ${className}`}>
        <thead>
          <tr>
            <th scope="col">{t('records.col.name')}</th>
            <th scope="col" className="num">
              {t('carriers.tenant.area')}
            </th>
            <th scope="col" className="num">
              {t('carriers.tenant.share')}
            </th>
            <th scope="col">{t('carriers.tenant.since')}</th>
            {withEnd && <th scope="col">{t('carriers.tenant.until')}</th>}
            <th scope="col">{t('carriers.tenant.admission')}</th>
            {canEdit && !withEnd && <th scope="col">{t('carriers.tenant.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {list.map(({ tenancy, share }) => (
            <tr key={tenancy.id} className="carrier-tenants__row" data-enterprise-id={tenancy.enterpriseId}>
              <td>
                <TenantLink tenancy={tenancy} onNavigate={onNavigate} />
              </td>
              <td className="num">{formatQuantity(tenancy.areaM2, M2, language)}</td>
              <td className="num">{formatQuantity(share, '%', language)}</td>
              <td>{tenancy.startDate}</td>
              {withEnd && <td>{tenancy.endDate ?? '—'}</td>}
              <td>
                <span className="records__tag">{t(ADMISSION_LABELS[tenancy.admission])}</span>
                {tenancy.overrideNote && (
                  <span className="records__muted carrier-tenants__note" title={t('carriers.tenant.note')}>
                    {' '}
                    {tenancy.overrideNote}
                  </span>
                )}
              </td>
              {canEdit && !withEnd && (
                <td>
                  <button
                    type="button"
                    className="button"
                    aria-expanded={ending === tenancy.id}
                    onClick={() => setEnding((now) => (now === tenancy.id ? null : tenancy.id))}
                  >
                    {t('carriers.tenant.end')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <div className="records records--profile land">
      {back}
      <div className="records__header">
        <h1 className="records__title">{c.name}</h1>
        <span className="records-table__code">{c.code}</span>
      </div>
      <dl className="records__facts">
        {field(t('carriers.col.code'), c.code)}
        {field(t('carriers.col.operator'), c.operator)}
        {field(t('records.address'), c.address)}
        {field(t('records.updatedAt'), formatDateTime(Date.parse(c.updatedAt)))}
      </dl>
      <section
        className="records__section carrier-profile__occupancy"
        aria-labelledby="carrier-occupancy-heading"
      >
        <h2 id="carrier-occupancy-heading" className="records__section-title">
          {t('carriers.occupancy')}
        </h2>
        <OccupancyFacts carrier={c} />
      </section>
      <section className="records__section" aria-labelledby="carrier-tenants-heading">
        <h2 id="carrier-tenants-heading" className="records__section-title">
          {t('carriers.tenants.heading')}
        </h2>
        {canEdit && (
          <div className="records-edit__bar">
            <button
              type="button"
              className="button"
              aria-expanded={adding}
              onClick={() => setAdding((a) => !a)}
            >
              {t('carriers.tenant.add')}
            </button>
          </div>
        )}
        {done && (
          <p className="records-edit__note records-edit__note--ok" role="status">
            {t(done)}
          </p>
        )}
        {canEdit && adding && (
          <TenantEditor
            api={api}
            carrierId={c.id}
            onSaved={() => afterSave('carriers.tenant.added')}
            onClose={() => setAdding(false)}
          />
        )}
        {current.length === 0 ? (
          <p className="state state--empty">{t('carriers.tenants.empty')}</p>
        ) : (
          tenantTable(current, false, 'carrier-tenants')
        )}
        {canEdit &&
          current
            .filter(({ tenancy }) => tenancy.id === ending)
            .map(({ tenancy }) => (
              <EndTenancyForm
                key={tenancy.id}
                api={api}
                tenancy={tenancy}
                onSaved={() => afterSave('carriers.tenant.ended')}
                onClose={() => setEnding(null)}
              />
            ))}
      </section>
      {ended.length > 0 && (
        <section className="records__section" aria-labelledby="carrier-ended-heading">
          <h2 id="carrier-ended-heading" className="records__section-title">
            {t('carriers.ended.heading')}
          </h2>
          {tenantTable(ended, true, 'carrier-tenants carrier-tenants--ended')}
        </section>
      )}
      <section className="records__section" aria-labelledby="carrier-parcels-heading">
        <h2 id="carrier-parcels-heading" className="records__section-title">
          {t('carriers.parcels.heading')}
        </h2>
        {parcels.length === 0 ? (
          <p className="state state--empty">{t('carriers.parcels.empty')}</p>
        ) : (
          <ul className="carrier-parcels">
            {parcels.map((p) => (
              <li key={p.id}>
                <AppLink path={`/parcels/${encodeURIComponent(p.id)}`} onNavigate={onNavigate}>
                  {p.code}
                </AppLink>{' '}
                {p.name} · {formatQuantity(p.areaMu, t('unit.mu'), language)} · {p.landUse}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
