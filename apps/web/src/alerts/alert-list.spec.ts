import type { AlertEvent, AlertView } from '@park/contracts';
import {
  applyEvents,
  applySnapshot,
  countByStatus,
  EMPTY_ALERT_LIST,
  filterAlerts,
  MAX_ALERTS,
  ringingAlerts,
  silenceKey,
  sortedAlerts,
  type AlertListState,
} from './alert-list';

const T0 = Date.UTC(2025, 10, 27, 1, 0, 0);

function alert(id: string, patch: Partial<AlertView> = {}): AlertView {
  return {
    id,
    ruleId: 'rule-gas',
    ruleName: { zh: '可燃气体浓度报警', en: 'Combustible gas concentration' },
    deviceId: 'demo-gas-001',
    deviceName: '储罐区可燃气体探测器 1#',
    location: '储罐区 T-101 东侧',
    enterpriseId: 'ent-1',
    enterpriseName: '启东示范化工有限公司',
    metric: 'lel',
    unit: '%LEL',
    value: 55,
    limit: 50,
    level: 2,
    severity: 'critical',
    status: 'open',
    count: 1,
    openedAt: T0,
    lastSeenAt: T0,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    explanation: { zh: '二级报警', en: 'level 2' },
    ...patch,
  };
}

function event(
  seq: number,
  type: AlertEvent['type'],
  view: AlertView,
  actor: string | null = null,
): AlertEvent {
  return { v: 1, seq, type, at: view.lastSeenAt, actor, alert: view };
}

const acknowledged = (view: AlertView, at = T0 + 60_000): AlertView => ({
  ...view,
  status: 'acknowledged',
  acknowledgedAt: at,
  acknowledgedBy: 'officer',
});

const statusOf = (state: AlertListState, id: string) => state.byId.get(id)?.alert.status;

describe('alert list: merging REST snapshots and socket.io events', () => {
  it('lists alerts newest first, whichever source they came from', () => {
    let state = applySnapshot(EMPTY_ALERT_LIST, [
      alert('a', { openedAt: T0 }),
      alert('c', { openedAt: T0 + 2000 }),
    ]);
    state = applyEvents(state, [event(7, 'opened', alert('b', { openedAt: T0 + 1000 }))]).state;
    state = applyEvents(state, [event(8, 'opened', alert('d', { openedAt: T0 + 3000 }))]).state;
    expect(sortedAlerts(state).map((a) => a.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('ignores an event delivered twice (same seq) and reports only the first as applied', () => {
    const opened = event(5, 'opened', alert('a'));
    const first = applyEvents(EMPTY_ALERT_LIST, [opened]);
    const again = applyEvents(first.state, [opened]);
    expect(first.applied).toEqual([opened]);
    expect(again.applied).toEqual([]);
    expect(again.state.byId.size).toBe(1);
  });

  it('does not let a replayed older event undo a newer one (reconnect catch-up after a live event)', () => {
    const opened = event(5, 'opened', alert('a'));
    const acked = event(6, 'acknowledged', acknowledged(alert('a')), 'officer');
    const { state } = applyEvents(EMPTY_ALERT_LIST, [opened, acked]);
    const replay = applyEvents(state, [opened]);
    expect(statusOf(replay.state, 'a')).toBe('acknowledged');
    expect(replay.applied).toEqual([]);
  });

  it('keeps the newer view when a REST snapshot taken earlier arrives after a live event', () => {
    const live = applyEvents(EMPTY_ALERT_LIST, [event(9, 'acknowledged', acknowledged(alert('a')))]).state;
    const staleSnapshot = applySnapshot(live, [alert('a')]);
    expect(statusOf(staleSnapshot, 'a')).toBe('acknowledged');
    expect(staleSnapshot.byId.get('a')?.seq).toBe(9);
  });

  it('takes a snapshot that is further along than the last event (a repeat raised the count silently)', () => {
    const live = applyEvents(EMPTY_ALERT_LIST, [event(3, 'opened', alert('a'))]).state;
    const repeated = applySnapshot(live, [alert('a', { count: 4, lastSeenAt: T0 + 30_000, value: 61 })]);
    expect(repeated.byId.get('a')?.alert).toMatchObject({ count: 4, value: 61 });
    // …and a later event still applies on top of it.
    const acked = applyEvents(repeated, [
      event(4, 'acknowledged', acknowledged(alert('a', { count: 4, lastSeenAt: T0 + 30_000 }))),
    ]);
    expect(statusOf(acked.state, 'a')).toBe('acknowledged');
    expect(acked.applied).toHaveLength(1);
  });

  it('remembers the highest seq seen, to ask for what was missed on reconnect', () => {
    expect(EMPTY_ALERT_LIST.lastSeq).toBeNull();
    const { state } = applyEvents(EMPTY_ALERT_LIST, [
      event(12, 'opened', alert('a')),
      event(10, 'opened', alert('b')),
    ]);
    expect(state.lastSeq).toBe(12);
    expect(applySnapshot(state, [alert('c')]).lastSeq).toBe(12);
  });

  it('drops the oldest resolved alerts past the cap, never an unresolved one', () => {
    const many = Array.from({ length: MAX_ALERTS + 5 }, (_, i) =>
      alert(`r${i}`, { status: 'resolved', openedAt: T0 + i, resolvedAt: T0 + i + 1 }),
    );
    const old = alert('old-open', { openedAt: T0 - 1_000_000 });
    const state = applySnapshot(EMPTY_ALERT_LIST, [old, ...many]);
    expect(state.byId.size).toBe(MAX_ALERTS);
    expect(state.byId.has('old-open')).toBe(true);
    expect(state.byId.has('r0')).toBe(false);
    expect(state.byId.has(`r${MAX_ALERTS + 4}`)).toBe(true);
  });
});

describe('alert list: filters and counts', () => {
  const list = [
    alert('a', { severity: 'critical', status: 'open' }),
    alert('b', { severity: 'warning', level: 1, status: 'acknowledged', enterpriseName: '东方精细化工' }),
    alert('c', { severity: 'info', status: 'resolved', deviceName: '污水总排口', location: null }),
  ];

  it('filters by status, severity and text over enterprise, device and location', () => {
    const all = { status: 'all', severity: 'all', text: '' } as const;
    expect(filterAlerts(list, { ...all, status: 'open' }).map((a) => a.id)).toEqual(['a']);
    expect(filterAlerts(list, { ...all, severity: 'warning' }).map((a) => a.id)).toEqual(['b']);
    expect(filterAlerts(list, { ...all, text: '东方' }).map((a) => a.id)).toEqual(['b']);
    expect(filterAlerts(list, { ...all, text: '污水' }).map((a) => a.id)).toEqual(['c']);
    expect(filterAlerts(list, { ...all, text: 'T-101' }).map((a) => a.id)).toEqual(['a', 'b']);
    expect(filterAlerts(list, { ...all, text: 'DEMO-GAS' })).toHaveLength(3);
    expect(filterAlerts(list, { ...all, text: '   ' })).toHaveLength(3);
  });

  it('counts alerts per status', () => {
    expect(countByStatus(list)).toEqual({ all: 3, open: 1, acknowledged: 1, resolved: 1, suppressed: 0 });
    expect(countByStatus([])).toEqual({ all: 0, open: 0, acknowledged: 0, resolved: 0, suppressed: 0 });
  });
});

describe('alert list: alerts held back by a maintenance window', () => {
  const maintenance = { id: 'w1', reason: '更换探头', startsAt: T0, endsAt: T0 + 3_600_000 };
  const held = alert('m', { status: 'suppressed', maintenance, suppressedAt: T0 });

  it('never rings for a suppressed alert, even a critical one', () => {
    expect(held.severity).toBe('critical');
    expect(ringingAlerts([held], new Set())).toEqual([]);
  });

  it('takes the live version over the held-back one, whichever arrives first', () => {
    const live: AlertView = { ...held, status: 'open', openedAt: T0 + 3_600_000, lastSeenAt: T0 + 3_600_000 };
    const fromEvents = applyEvents(EMPTY_ALERT_LIST, [
      { v: 1, seq: 5, type: 'opened', at: T0 + 3_600_000, actor: null, alert: live },
    ]).state;
    // A list load that still saw it suppressed arrives late: the live alert stays.
    expect(sortedAlerts(applySnapshot(fromEvents, [held]))[0].status).toBe('open');
    const fromSnapshot = applySnapshot(EMPTY_ALERT_LIST, [held]);
    const moved = applyEvents(fromSnapshot, [
      { v: 1, seq: 5, type: 'opened', at: T0 + 3_600_000, actor: null, alert: live },
    ]);
    expect(moved.applied).toHaveLength(1);
    expect(sortedAlerts(moved.state)[0].status).toBe('open');
  });

  it('counts and filters suppressed alerts on their own', () => {
    expect(countByStatus([held, alert('x')])).toMatchObject({ open: 1, suppressed: 1 });
    expect(
      filterAlerts([held, alert('x')], { status: 'suppressed', severity: 'all', text: '' }).map((a) => a.id),
    ).toEqual(['m']);
  });
});

describe('alert list: what the alarm rings for', () => {
  it('rings for open critical alerts only, until they are acknowledged', () => {
    const list = [
      alert('crit'),
      alert('warn', { severity: 'warning', level: 1 }),
      acknowledged(alert('acked')),
    ];
    expect(ringingAlerts(list, new Set()).map((a) => a.id)).toEqual(['crit']);
  });

  it('stays silent for muted alerts, but rings again for a new one or an escalation', () => {
    const first = alert('a');
    const silenced = new Set([silenceKey(first)]);
    expect(ringingAlerts([first], silenced)).toEqual([]);
    expect(ringingAlerts([first, alert('b')], silenced).map((a) => a.id)).toEqual(['b']);
    const escalated = alert('w', { severity: 'warning', level: 1 });
    const mutedAtLevel1 = new Set([silenceKey(escalated)]);
    expect(ringingAlerts([{ ...escalated, severity: 'critical', level: 2 }], mutedAtLevel1)).toHaveLength(1);
  });
});
