/**
 * 地块档案 — land parcel records: the park map (every parcel's polygon, coloured by its enterprise's 亩均 grade or by
 * land use, with a legend; hover previews a parcel, click selects it) above a searchable, paged table of the
 * parcels; and at /parcels/<id> one parcel's profile (facts, the enterprise on it linked to its record, its
 * carrier, the enterprise's 亩均 figures over the years, the parcel's timeline). Read-only, for every role
 * GET /api/parcels allows; an energy manager sees only the parcels their enterprise uses, and neither grades nor
 * carriers (those APIs serve park roles only).
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '@park/auth';
import { formatDateTime, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { EvaluationRow, Grade } from '../plan/plan-api';
import { useLoad } from '../plan/use-load';
import { evaluationYears, PAGE_SIZE } from '../records/enterprise-records';
import { mayEdit } from '../session/access';
import { DocumentFiles } from '../records/document-files';
import type { Session } from '../session/session';
import { LandApi, PARK_READERS, type Parcel, type ParcelFeature } from './land-api';
import {
  AppLink,
  BackLink,
  EventTimeline,
  GradeBadge,
  LoadError,
  Loading,
  Pager,
  ProfileNotReady,
  SearchForm,
} from '../records/records-ui';
import { colourMap, type GradeCategory, type MapColouring } from './parcel-map';
import { ParcelDossier } from './parcel-dossier';
import { ParcelEditor } from './parcel-edit';
import { ParkMapView } from './park-map-view';
import { useLatestGrades } from './use-grades';
import { ProjectsApi } from '../projects/projects-api';
import { ProjectsOfRecord } from '../projects/projects-of-record';
import '../records/records.css';
import './land.css';

interface Props {
  readonly session: Session;
  readonly parcelId: string | null;
  readonly onNavigate: (path: string) => void;
  readonly onUnauthorized: () => void;
}

const GRADE_LABELS: Readonly<Record<GradeCategory, MessageKey>> = {
  A: 'plan.grade.A',
  B: 'plan.grade.B',
  C: 'plan.grade.C',
  D: 'plan.grade.D',
  ungraded: 'plan.grade.ungraded',
  none: 'parcels.map.noEnterprise',
};

const PARCEL_ERRORS = { notFound: 'parcels.notFound', failed: 'parcels.loadError' } as const;
const PARCEL_SEARCH = { label: 'parcels.search.label', placeholder: 'parcels.search.placeholder' } as const;
const PARCEL_PAGE_OF: MessageKey = 'parcels.pageOf';

const SELECTED_FILL = '#1f7ae0';
const NEUTRAL_FILL = '#d0d5dd';

const parcelPath = (id: string) => `/parcels/${encodeURIComponent(id)}`;
const enterprisePath = (id: string) => `/enterprises/${encodeURIComponent(id)}`;
const carrierPath = (id: string) => `/carriers/${encodeURIComponent(id)}`;

export function ParcelsPage({ session, parcelId, onNavigate, onUnauthorized }: Props) {
  const api = useMemo(() => new LandApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const role = session.user.role;
  const projects = useMemo(
    () => new ProjectsApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const files = useMemo(
    () => new DocumentFiles(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  return parcelId ? (
    <ParcelProfile
      key={parcelId}
      api={api}
      projects={projects}
      files={files}
      id={parcelId}
      role={role}
      canEdit={mayEdit(session.user, 'parcels')}
      canEditEvents={mayEdit(session.user, 'events')}
      onNavigate={onNavigate}
    />
  ) : (
    <ParcelList api={api} role={role} onNavigate={onNavigate} />
  );
}

interface Names {
  readonly enterprises: ReadonlyMap<string, string>;
  readonly carriers: ReadonlyMap<string, string>;
}

/** Enterprise names (every role, scoped) and carrier names (park roles) by id; empty until loaded or if refused. */
function useNames(api: LandApi, role: Role): Names {
  const [names, setNames] = useState<Names>({ enterprises: new Map(), carriers: new Map() });
  useEffect(() => {
    const controller = new AbortController();
    const parkReader = PARK_READERS.includes(role);
    void Promise.all([
      api.enterpriseNames(controller.signal).catch(() => new Map<string, string>()),
      parkReader
        ? api.carrierNames(controller.signal).catch(() => new Map<string, string>())
        : new Map<string, string>(),
    ]).then(([enterprises, carriers]) => {
      if (!controller.signal.aborted) setNames({ enterprises, carriers });
    });
    return () => controller.abort();
  }, [api, role]);
  return names;
}

function ParcelList({
  api,
  role,
  onNavigate,
}: {
  api: LandApi;
  role: Role;
  onNavigate: (path: string) => void;
}) {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const loadPage = useCallback(
    (signal: AbortSignal) => api.parcels({ q: query, page, pageSize: PAGE_SIZE }, signal),
    [api, query, page],
  );
  const [list, retry] = useLoad(loadPage);
  const loadMap = useCallback((signal: AbortSignal) => api.parcelMap(signal), [api]);
  const [map, retryMap] = useLoad(loadMap);
  const parkReader = PARK_READERS.includes(role);
  const grades = useLatestGrades(api, parkReader);
  const names = useNames(api, role);
  // Shared by the map and the table: hovering a row previews its parcel on the map; the map's selection marks the row.
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const search = (q: string) => {
    setPage(1);
    setQuery(q);
  };

  return (
    <div className="records land">
      <div className="records__header">
        <h1 className="records__title">{t('parcels.heading')}</h1>
        <SearchForm {...PARCEL_SEARCH} onSearch={search} />
      </div>

      <section className="records__section land-map" aria-labelledby="parcels-map-heading">
        <h2 id="parcels-map-heading" className="records__section-title">
          {t('parcels.map.heading')}
        </h2>
        {map.state === 'loading' && <Loading text={t('parcels.map.loading')} />}
        {map.state === 'error' && <LoadError error={map.error} {...PARCEL_ERRORS} onRetry={retryMap} />}
        {map.state === 'ready' && map.data.features.length === 0 && (
          <p className="state state--empty">{t('parcels.map.empty')}</p>
        )}
        {map.state === 'ready' && map.data.features.length > 0 && (
          <ParcelMap
            features={map.data.features}
            grades={grades?.byId ?? null}
            names={names}
            hoveredId={hoveredId}
            selectedId={selectedId}
            onHover={setHoveredId}
            onSelect={setSelectedId}
            onNavigate={onNavigate}
          />
        )}
      </section>

      {list.state === 'loading' && <Loading text={t('parcels.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} {...PARCEL_ERRORS} onRetry={retry} />}
      {list.state === 'ready' && list.data.items.length === 0 && (
        <p className="state state--empty">
          {query ? t('parcels.emptySearch', { q: query }) : t('parcels.empty')}
        </p>
      )}
      {list.state === 'ready' && list.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="evaluation records-table parcels-table">
              <thead>
                <tr>
                  <th scope="col">{t('parcels.col.code')}</th>
                  <th scope="col">{t('parcels.col.name')}</th>
                  <th scope="col">{t('parcels.col.owner')}</th>
                  <th scope="col">{t('parcels.col.enterprise')}</th>
                  <th scope="col" className="num">
                    {t('parcels.col.area')}
                  </th>
                  <th scope="col">{t('parcels.col.landUse')}</th>
                  {grades && <th scope="col">{t('records.col.grade', { year: grades.year })}</th>}
                  <th scope="col">{t('records.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <tr
                    key={p.id}
                    className={`records-table__row${p.id === selectedId ? ' records-table__row--selected' : ''}`}
                    data-id={p.id}
                    onMouseEnter={() => setHoveredId(p.id)}
                    onMouseLeave={() => setHoveredId(null)}
                  >
                    <td className="records-table__code">
                      <AppLink path={parcelPath(p.id)} onNavigate={onNavigate}>
                        {p.code}
                      </AppLink>
                    </td>
                    <td className="parcels-table__name">{p.name}</td>
                    <td>{p.owner ?? '—'}</td>
                    <td className="parcels-table__enterprise">
                      <EnterpriseLink id={p.enterpriseId} names={names} onNavigate={onNavigate} />
                    </td>
                    <td className="num parcels-table__area">
                      {formatQuantity(p.areaMu, t('unit.mu'), language)}
                    </td>
                    <td>{p.landUse}</td>
                    {grades && (
                      <td className="records-table__grade">
                        {p.enterpriseId ? (
                          <GradeBadge grade={grades.byId.get(p.enterpriseId) ?? null} />
                        ) : (
                          <span className="records__muted">—</span>
                        )}
                      </td>
                    )}
                    <td>
                      <ParcelTags parcel={p} dash />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            label={PARCEL_PAGE_OF}
            onPage={setPage}
          />
        </>
      )}
    </div>
  );
}

function EnterpriseLink(props: { id: string | null; names: Names; onNavigate: (path: string) => void }) {
  if (!props.id) return <span className="records__muted">—</span>;
  const name = props.names.enterprises.get(props.id);
  // Until the names arrive (or if the user may not list enterprises) the link still works, by id.
  return (
    <AppLink path={enterprisePath(props.id)} onNavigate={props.onNavigate}>
      {name ?? props.id.slice(0, 8)}
    </AppLink>
  );
}

/** 低效用地 and 盘活 tags; a dash (in a table cell) or nothing when the parcel has neither. */
function ParcelTags(props: { parcel: Pick<Parcel, 'inefficient' | 'revitalizedYear'>; dash?: boolean }) {
  const { t } = useI18n();
  const { parcel } = props;
  if (!parcel.inefficient && parcel.revitalizedYear === null)
    return props.dash ? <span className="records__muted">—</span> : null;
  return (
    <span className="records__tags">
      {parcel.inefficient && (
        <span className="records__tag land__tag--inefficient">{t('parcels.inefficient')}</span>
      )}
      {parcel.revitalizedYear !== null && (
        <span className="records__tag">{t('parcels.revitalized', { year: parcel.revitalizedYear })}</span>
      )}
    </span>
  );
}

/** The map, its colouring switch and legend, and the card of the hovered or selected parcel. */
function ParcelMap(props: {
  features: readonly ParcelFeature[];
  grades: ReadonlyMap<string, Grade> | null;
  names: Names;
  hoveredId: string | null;
  selectedId: string | null;
  onHover: (id: string | null) => void;
  onSelect: (id: string | null) => void;
  onNavigate: (path: string) => void;
}) {
  const { t, language } = useI18n();
  const { features, grades, names, hoveredId, selectedId, onNavigate } = props;
  const [choice, setChoice] = useState<MapColouring>('grade');
  const colouring: MapColouring = grades ? choice : 'use';
  const { fills, legend } = useMemo(
    () => colourMap(features, colouring, grades ?? new Map()),
    [features, colouring, grades],
  );
  const totalMu = features.reduce((sum, f) => sum + f.properties.areaMu, 0);
  const count = (n: number) => formatQuantity(n, t(n === 1 ? 'parcels.unitOne' : 'parcels.unit'), language);
  const mu = (v: number) => formatQuantity(v, t('unit.mu'), language);
  const caption = t('parcels.map.caption', { count: count(features.length), area: mu(totalMu) });
  const shown = features.find((f) => f.id === (hoveredId ?? selectedId)) ?? null;

  return (
    <div className="land-map__body">
      <ParkMapView
        features={features}
        fills={fills}
        selectedId={selectedId}
        hoveredId={hoveredId}
        caption={caption}
        onHover={props.onHover}
        onSelect={(id) => props.onSelect(id === selectedId ? null : id)}
      />
      <aside className="land-map__side">
        <div className="land-map__colouring" role="group" aria-label={t('parcels.map.colourBy')}>
          <span className="records__muted">{t('parcels.map.colourBy')}</span>
          {grades && (
            <button
              type="button"
              className="button"
              aria-pressed={colouring === 'grade'}
              onClick={() => setChoice('grade')}
            >
              {t('parcels.map.byGrade')}
            </button>
          )}
          <button
            type="button"
            className="button"
            aria-pressed={colouring === 'use'}
            onClick={() => setChoice('use')}
          >
            {t('parcels.map.byUse')}
          </button>
        </div>
        <ul className="land-legend" aria-label={t('parcels.map.legend')}>
          {legend.map((entry) => (
            <li key={entry.key} className="land-legend__item" data-key={entry.key}>
              <span className="land-legend__swatch" style={{ background: entry.colour }} aria-hidden="true" />
              <span className="land-legend__label">
                {colouring === 'grade' ? t(GRADE_LABELS[entry.key as GradeCategory]) : entry.key}
              </span>
              <span className="land-legend__figures">
                {count(entry.count)} · {mu(entry.areaMu)}
              </span>
            </li>
          ))}
          <li className="land-legend__item">
            <span className="land-legend__swatch land-legend__swatch--dashed" aria-hidden="true" />
            <span className="land-legend__label">{t('parcels.map.inefficientOutline')}</span>
          </li>
        </ul>
        {shown ? (
          <ParcelCard
            feature={shown}
            grade={
              grades && shown.properties.enterpriseId
                ? (grades.get(shown.properties.enterpriseId) ?? null)
                : null
            }
            showGrade={grades !== null}
            selected={shown.id === selectedId}
            names={names}
            onNavigate={onNavigate}
            onClear={() => props.onSelect(null)}
          />
        ) : (
          <p className="records__muted land-map__hint">{t('parcels.map.hint')}</p>
        )}
      </aside>
    </div>
  );
}

function ParcelCard(props: {
  feature: ParcelFeature;
  grade: Grade | null;
  showGrade: boolean;
  selected: boolean;
  names: Names;
  onNavigate: (path: string) => void;
  onClear: () => void;
}) {
  const { t, language } = useI18n();
  const { feature, names, onNavigate } = props;
  const p = feature.properties;
  const carrierName = p.carrierId ? names.carriers.get(p.carrierId) : undefined;
  return (
    <div className={`land-card${props.selected ? ' land-card--selected' : ''}`} data-id={feature.id}>
      {props.selected && <p className="land-card__kicker">{t('parcels.map.selected')}</p>}
      <h3 className="land-card__title">
        <span className="records-table__code">{p.code}</span> {p.name}
      </h3>
      <dl className="land-card__facts">
        <dt>{t('parcels.col.area')}</dt>
        <dd className="land-card__area">{formatQuantity(p.areaMu, t('unit.mu'), language)}</dd>
        <dt>{t('parcels.col.landUse')}</dt>
        <dd>{p.landUse}</dd>
        <dt>{t('parcels.col.enterprise')}</dt>
        <dd>
          <EnterpriseLink id={p.enterpriseId} names={names} onNavigate={onNavigate} />
        </dd>
        {p.carrierId && (
          <>
            <dt>{t('parcels.carrier')}</dt>
            <dd>
              {carrierName ? (
                <AppLink path={carrierPath(p.carrierId)} onNavigate={onNavigate}>
                  {carrierName}
                </AppLink>
              ) : (
                '—'
              )}
            </dd>
          </>
        )}
        {props.showGrade && (
          <>
            <dt>{t('plan.col.grade')}</dt>
            <dd>{p.enterpriseId ? <GradeBadge grade={props.grade} /> : '—'}</dd>
          </>
        )}
      </dl>
      <ParcelTags parcel={p} />
      {props.selected && (
        <div className="land-card__actions">
          <AppLink path={parcelPath(feature.id)} onNavigate={onNavigate}>
            {t('parcels.open')}
          </AppLink>
          <button type="button" className="button" onClick={props.onClear}>
            {t('parcels.map.clear')}
          </button>
        </div>
      )}
    </div>
  );
}

interface MuYear {
  readonly year: number;
  readonly row: EvaluationRow;
}

function ParcelProfile(props: {
  api: LandApi;
  projects: ProjectsApi;
  files: DocumentFiles;
  id: string;
  role: Role;
  /** PATCH /api/parcels/{id} (parcels.controller.ts @Edits('parcels')): admin and 规划建设 staff. */
  canEdit: boolean;
  canEditEvents: boolean;
  onNavigate: (path: string) => void;
}) {
  const { api, id, role, canEdit, onNavigate } = props;
  const { t, language } = useI18n();
  const parkReader = PARK_READERS.includes(role);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Parcel | null>(null);
  // The editor's enterprise picker: every enterprise by name (loaded for an admin only).
  const [enterpriseNames, setEnterpriseNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!canEdit) return;
    const controller = new AbortController();
    api.enterpriseNames(controller.signal).then(
      (names) => {
        if (!controller.signal.aborted) setEnterpriseNames(names);
      },
      () => undefined, // The picker then offers "no enterprise" only; the profile stands without it.
    );
    return () => controller.abort();
  }, [api, canEdit]);
  const loadProfile = useCallback(
    async (signal: AbortSignal) => {
      // The parcel first: a refusal (outside an energy manager's scope) is the one error to show.
      const parcel = await api.parcel(id, signal);
      const [events, enterprise, carrier] = await Promise.all([
        api.parcelEvents(id, signal),
        parcel.enterpriseId ? api.enterprise(parcel.enterpriseId, signal).catch(() => null) : null,
        parcel.carrierId && parkReader ? api.carrier(parcel.carrierId, signal).catch(() => null) : null,
      ]);
      return { parcel, events, enterprise, carrier };
    },
    [api, id, parkReader],
  );
  const [profile, retry] = useLoad(loadProfile);
  const loadMap = useCallback((signal: AbortSignal) => api.parcelMap(signal), [api]);
  const [map] = useLoad(loadMap);
  const enterpriseId = profile.state === 'ready' ? profile.data.parcel.enterpriseId : null;
  const loadMu = useCallback(
    async (signal: AbortSignal): Promise<MuYear[]> => {
      if (!enterpriseId || !parkReader) return [];
      const years = evaluationYears(Date.now()).sort((a, b) => a - b);
      const rows = await Promise.all(years.map((year) => api.evaluation(year, signal)));
      return years.flatMap((year, i) => {
        const row = rows[i].find((r) => r.id === enterpriseId);
        return row ? [{ year, row }] : [];
      });
    },
    [api, enterpriseId, parkReader],
  );
  const [mu, retryMu] = useLoad(loadMu);

  const back = <BackLink path="/parcels" label={t('parcels.back')} onNavigate={onNavigate} />;
  if (profile.state !== 'ready')
    return (
      <ProfileNotReady
        back={back}
        load={profile}
        loadingText={t('parcels.profile.loading')}
        {...PARCEL_ERRORS}
        onRetry={retry}
      />
    );

  const { events, enterprise, carrier } = profile.data;
  const p = saved ?? profile.data.parcel;
  // After a save the using enterprise may be another one: its name from the editor's list.
  const enterpriseName =
    (enterprise?.id === p.enterpriseId ? enterprise?.name : undefined) ??
    (p.enterpriseId ? enterpriseNames.get(p.enterpriseId) : undefined);
  const unitMu = t('unit.mu');
  const field = (label: string, value: ReactNode) => (
    <div className="records__field">
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
  const mapFeatures = map.state === 'ready' ? map.data.features : [];
  // The small map only says where the parcel lies: the others neutral, this one in the accent colour.
  const mapFills = new Map(mapFeatures.map((f) => [f.id, f.id === p.id ? SELECTED_FILL : NEUTRAL_FILL]));

  return (
    <div className="records records--profile land">
      {back}
      <div className="records__header">
        <h1 className="records__title">
          <span className="records-table__code">{p.code}</span> {p.name}
        </h1>
        <ParcelTags parcel={p} />
      </div>
      {canEdit && (
        <div className="records-edit__bar">
          <button
            type="button"
            className="button"
            aria-expanded={editing}
            onClick={() => setEditing((e) => !e)}
          >
            {t('parcels.edit.open')}
          </button>
        </div>
      )}
      {canEdit && editing && (
        <ParcelEditor
          api={api}
          parcel={p}
          enterprises={enterpriseNames}
          onSaved={setSaved}
          onClose={() => setEditing(false)}
        />
      )}
      <div className="land-profile">
        <dl className="records__facts land-profile__facts">
          {field(t('parcels.col.code'), p.code)}
          {field(t('parcels.col.area'), formatQuantity(p.areaMu, unitMu, language))}
          {field(t('parcels.col.landUse'), p.landUse)}
          {field(t('parcels.col.owner'), p.owner)}
          {field(
            t('parcels.col.enterprise'),
            p.enterpriseId ? (
              <AppLink path={enterprisePath(p.enterpriseId)} onNavigate={onNavigate}>
                {enterpriseName ?? p.enterpriseId}
              </AppLink>
            ) : (
              t('parcels.enterprise.none')
            ),
          )}
          {p.carrierId &&
            field(
              t('parcels.carrier'),
              carrier ? (
                <AppLink path={carrierPath(carrier.id)} onNavigate={onNavigate}>
                  {carrier.name}
                </AppLink>
              ) : null,
            )}
          {field(t('records.updatedAt'), formatDateTime(Date.parse(p.updatedAt)))}
        </dl>
        {mapFeatures.some((f) => f.id === p.id) && (
          <ParkMapView
            compact
            features={mapFeatures}
            fills={mapFills}
            selectedId={p.id}
            hoveredId={null}
            caption={`${p.code} ${p.name}`}
            onHover={() => undefined}
            onSelect={(other) => other !== p.id && onNavigate(parcelPath(other))}
          />
        )}
      </div>

      <ParcelDossier parcel={p} />

      {parkReader && p.enterpriseId && (
        <section className="records__section" aria-labelledby="parcels-mu-heading">
          <h2 id="parcels-mu-heading" className="records__section-title">
            {t('parcels.mu.heading')}
          </h2>
          {mu.state === 'loading' && <Loading text={t('parcels.mu.loading')} />}
          {mu.state === 'error' && <LoadError error={mu.error} {...PARCEL_ERRORS} onRetry={retryMu} />}
          {mu.state === 'ready' && mu.data.length === 0 && (
            <p className="state state--empty">{t('parcels.mu.empty')}</p>
          )}
          {mu.state === 'ready' && mu.data.length > 0 && (
            <>
              <div className="table-wrap">
                <table className="evaluation parcels-mu">
                  <thead>
                    <tr>
                      <th scope="col">{t('records.indicators.name')}</th>
                      {mu.data.map(({ year }) => (
                        <th key={year} scope="col" className="num">
                          {t('records.year', { year })}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <MuRow label={t('plan.col.land')} data={mu.data} value={(r) => r.landMu} unit={unitMu} />
                    <MuRow
                      label={t('plan.col.taxPerMu')}
                      data={mu.data}
                      value={(r) => r.values.taxPerMu ?? null}
                      unit={t('unit.wanYuanPerMu')}
                    />
                    <MuRow
                      label={t('plan.col.salesPerMu')}
                      data={mu.data}
                      value={(r) => r.values.salesPerMu ?? null}
                      unit={t('unit.wanYuanPerMu')}
                    />
                    <MuRow
                      label={t('plan.col.score')}
                      data={mu.data}
                      value={(r) => r.score}
                      unit={t('unit.points')}
                    />
                    <tr data-field="grade">
                      <th scope="row">{t('plan.col.grade')}</th>
                      {mu.data.map(({ year, row }) => (
                        <td key={year} className="num">
                          <GradeBadge grade={row.grade} />
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
              <p className="records__muted">{t('parcels.mu.note')}</p>
            </>
          )}
        </section>
      )}

      <ProjectsOfRecord api={props.projects} link={{ parcelId: p.id }} onNavigate={onNavigate} />

      {/* The events' documents: attached and deleted as the events are written (edit area `events`). */}
      <EventTimeline
        events={events}
        headingId="parcels-events-heading"
        documents={{ files: props.files, canEdit: props.canEditEvents }}
      />
    </div>
  );
}

function MuRow(props: {
  label: string;
  data: readonly MuYear[];
  value: (row: EvaluationRow) => number | null;
  unit: string;
}) {
  const { t, language } = useI18n();
  return (
    <tr>
      <th scope="row">{props.label}</th>
      {props.data.map(({ year, row }) => {
        const v = props.value(row);
        return (
          <td key={year} className="num">
            {v === null ? t('records.notReported') : formatQuantity(v, props.unit, language)}
          </td>
        );
      })}
    </tr>
  );
}
