import fc from 'fast-check';
import {
  AlertTransitionError,
  nextAlertState,
  type AlertPolicy,
  type AlertState,
  type AlertTrigger,
  type AlertVerdict,
} from './alert-lifecycle';

const T0 = Date.UTC(2026, 11, 7, 8);
const MINUTE = 60_000;

const trigger = (over: Partial<AlertTrigger> = {}): AlertVerdict => ({
  kind: 'trigger',
  ruleId: 'rule-1',
  subjectType: 'device',
  subjectId: 'GAS-01',
  deviceId: 'GAS-01',
  enterpriseId: 'ent-1',
  metric: 'lel',
  unit: '%LEL',
  level: 1,
  severity: 'warning',
  change: 'opened',
  value: 30,
  limit: 25,
  readingTs: T0,
  at: T0 + 100,
  explanation: { zh: '一级报警', en: 'level 1' },
  ...over,
});

const clear = (over: Partial<Extract<AlertVerdict, { kind: 'clear' }>> = {}): AlertVerdict => ({
  kind: 'clear',
  readingTs: T0 + 10 * MINUTE,
  at: T0 + 10 * MINUTE + 100,
  explanation: { zh: '已恢复', en: 'back below' },
  ...over,
});

/** The alert `trigger()` opens. */
function openAlert(over: Partial<AlertState> = {}): AlertState {
  const { next } = nextAlertState(null, trigger());
  return { ...next!, ...over };
}

const REPEAT: AlertPolicy = { repeatEventEveryMs: MINUTE };
const OVERDUE: AlertPolicy = {
  overdue: {
    afterMs: { critical: 5 * MINUTE, warning: 15 * MINUTE, info: 60 * MINUTE },
    remindEveryMs: 10 * MINUTE,
  },
};

const eventsOf = (existing: AlertState | null, verdict: AlertVerdict, policy?: AlertPolicy) =>
  nextAlertState(existing, verdict, policy).events.map(
    (e) => `${e.type}@${e.at - T0}${e.actor ? `:${e.actor}` : ''}`,
  );

describe('nextAlertState — the engine opens and raises', () => {
  it('opens a new alert from the trigger, count 1, with an `opened` event by the rules service', () => {
    const t = nextAlertState(null, trigger(), REPEAT);
    expect(t.opensNew).toBe(true);
    expect(t.next).toEqual({
      ruleId: 'rule-1',
      subjectType: 'device',
      subjectId: 'GAS-01',
      deviceId: 'GAS-01',
      enterpriseId: 'ent-1',
      metric: 'lel',
      unit: '%LEL',
      value: 30,
      limit: 25,
      level: 1,
      severity: 'warning',
      status: 'open',
      count: 1,
      openedAt: T0 + 100,
      lastSeenAt: T0 + 100,
      lastReadingTs: T0,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      resolutionNote: null,
      assignedTo: null,
      assignedAt: null,
      escalatedAt: null,
      lastRemindedAt: null,
      lastRepeatEventAt: null,
      maintenanceId: null,
      suppressedAt: null,
      explanation: { zh: '一级报警', en: 'level 1' },
    });
    expect(t.events).toEqual([{ type: 'opened', at: T0 + 100, actor: null }]);
  });

  it('opens whatever change the engine names: the stored alert decides, not the verdict', () => {
    expect(eventsOf(null, trigger({ change: 'continuing', level: 2, severity: 'critical' }))).toEqual([
      'opened@100',
    ]);
  });

  it('holds a new alert back inside a maintenance window: `suppressed`, with the window and a `suppressed` event', () => {
    const t = nextAlertState(null, trigger(), { maintenanceWindow: 'mw-1' });
    expect(t.next).toMatchObject({
      status: 'suppressed',
      maintenanceId: 'mw-1',
      suppressedAt: T0 + 100,
      count: 1,
    });
    expect(t.events).toEqual([{ type: 'suppressed', at: T0 + 100, actor: null }]);
  });

  it('repeats: count + 1, last seen now, a `repeated` event when none was written yet', () => {
    const t = nextAlertState(
      openAlert(),
      trigger({ change: 'continuing', value: 28, readingTs: T0 + MINUTE, at: T0 + MINUTE }),
      REPEAT,
    );
    expect(t.opensNew).toBe(false);
    expect(t.next).toMatchObject({
      count: 2,
      lastSeenAt: T0 + MINUTE,
      lastReadingTs: T0 + MINUTE,
      value: 30, // 28 is nearer the limit than 30: the worst value stays
      lastRepeatEventAt: T0 + MINUTE,
      status: 'open',
      openedAt: T0 + 100,
    });
    expect(t.events).toEqual([{ type: 'repeated', at: T0 + MINUTE, actor: null }]);
  });

  it('keeps the value furthest past the limit, on either side of it', () => {
    const worse = nextAlertState(openAlert(), trigger({ value: 41, at: T0 + MINUTE }));
    expect(worse.next?.value).toBe(41);
    const below = nextAlertState(
      openAlert({ value: 15, limit: 18 }),
      trigger({ value: 12, limit: 18, at: T0 + MINUTE }),
    );
    expect(below.next?.value).toBe(12);
  });

  it('throttles `repeated` to one per repeatEventEveryMs, still counting; never with 0 or no policy', () => {
    const repeated = openAlert({ lastRepeatEventAt: T0 + MINUTE, count: 2 });
    const tooSoon = nextAlertState(repeated, trigger({ at: T0 + 2 * MINUTE - 1 }), REPEAT);
    expect(tooSoon.events).toEqual([]);
    expect(tooSoon.next).toMatchObject({
      count: 3,
      lastRepeatEventAt: T0 + MINUTE,
      lastSeenAt: T0 + 2 * MINUTE - 1,
    });
    expect(eventsOf(repeated, trigger({ at: T0 + 2 * MINUTE }), REPEAT)).toEqual(['repeated@120000']);
    expect(eventsOf(openAlert(), trigger({ at: T0 + MINUTE }), { repeatEventEveryMs: 0 })).toEqual([]);
    expect(nextAlertState(openAlert(), trigger({ at: T0 + MINUTE })).next?.lastRepeatEventAt).toBeNull();
  });

  it('never moves the last reading time back for a late reading', () => {
    const alert = openAlert({ lastReadingTs: T0 + 5 * MINUTE });
    expect(
      nextAlertState(alert, trigger({ readingTs: T0 + MINUTE, at: T0 + 6 * MINUTE })).next?.lastReadingTs,
    ).toBe(T0 + 5 * MINUTE);
  });

  it('takes the confirming device when the trigger names one, and keeps the stored one when it does not', () => {
    const line = openAlert({ subjectType: 'line', subjectId: 'L1', deviceId: 'M-1' });
    expect(
      nextAlertState(line, trigger({ subjectType: 'line', subjectId: 'L1', deviceId: 'M-2' })).next?.deviceId,
    ).toBe('M-2');
    expect(
      nextAlertState(line, trigger({ subjectType: 'line', subjectId: 'L1', deviceId: null })).next?.deviceId,
    ).toBe('M-1');
  });

  it('escalates: the new level with its severity, limit and explanation, an `escalated` event and no `repeated`', () => {
    const level2 = trigger({
      change: 'escalated',
      level: 2,
      severity: 'critical',
      limit: 50,
      value: 55,
      at: T0 + 2 * MINUTE,
      explanation: { zh: '二级报警', en: 'level 2' },
    });
    const t = nextAlertState(openAlert(), level2, REPEAT);
    expect(t.next).toMatchObject({
      level: 2,
      severity: 'critical',
      limit: 50,
      value: 55,
      count: 2,
      explanation: { zh: '二级报警', en: 'level 2' },
      lastRepeatEventAt: null,
    });
    expect(t.events).toEqual([{ type: 'escalated', at: T0 + 2 * MINUTE, actor: null }]);
  });

  it('de-escalates: back to level 1, its limit and explanation, the value of this reading, a `de-escalated` event', () => {
    const atLevel2 = openAlert({ level: 2, severity: 'critical', limit: 50, value: 70 });
    const t = nextAlertState(
      atLevel2,
      trigger({ change: 'de-escalated', value: 32, at: T0 + 3 * MINUTE }),
      REPEAT,
    );
    expect(t.next).toMatchObject({ level: 1, severity: 'warning', limit: 25, value: 32, count: 2 });
    expect(t.events).toEqual([{ type: 'de-escalated', at: T0 + 3 * MINUTE, actor: null }]);
  });

  it('raises an acknowledged alert as an open one, and it stays acknowledged', () => {
    const acked = openAlert({
      status: 'acknowledged',
      acknowledgedAt: T0 + MINUTE,
      acknowledgedBy: 'officer',
    });
    const t = nextAlertState(
      acked,
      trigger({ level: 2, severity: 'critical', limit: 50, at: T0 + 2 * MINUTE }),
    );
    expect(t.next).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'officer', level: 2, count: 2 });
    expect(t.events.map((e) => e.type)).toEqual(['escalated']);
    expect(eventsOf(acked, trigger({ at: T0 + 2 * MINUTE }), REPEAT)).toEqual(['repeated@120000']);
  });

  it('raises a suppressed alert silently: count, level and the repeat clock move, no event', () => {
    const held = openAlert({ status: 'suppressed', maintenanceId: 'mw-1', suppressedAt: T0 + 100 });
    const t = nextAlertState(
      held,
      trigger({ level: 2, severity: 'critical', limit: 50, value: 60, at: T0 + MINUTE }),
      REPEAT,
    );
    expect(t.next).toMatchObject({ status: 'suppressed', level: 2, value: 60, count: 2 });
    expect(t.events).toEqual([]);
    const repeat = nextAlertState(held, trigger({ at: T0 + MINUTE }), REPEAT);
    expect(repeat.events).toEqual([]);
    expect(repeat.next?.lastRepeatEventAt).toBe(T0 + MINUTE);
  });

  it('opens a new alert after the last one was resolved (re-open), with an `opened` event', () => {
    const resolved = openAlert({ status: 'resolved', resolvedAt: T0 + MINUTE, count: 4 });
    const t = nextAlertState(resolved, trigger({ at: T0 + 5 * MINUTE }), REPEAT);
    expect(t.opensNew).toBe(true);
    expect(t.next).toMatchObject({ status: 'open', count: 1, openedAt: T0 + 5 * MINUTE, resolvedAt: null });
    expect(t.events.map((e) => e.type)).toEqual(['opened']);
  });
});

describe('nextAlertState — the engine clears', () => {
  it('resolves an open alert: no officer, the engine’s explanation as the note, a `resolved` event', () => {
    const t = nextAlertState(openAlert(), clear());
    expect(t.next).toMatchObject({
      status: 'resolved',
      resolvedAt: T0 + 10 * MINUTE + 100,
      resolvedBy: null,
      resolutionNote: '已恢复 / back below',
      lastReadingTs: T0 + 10 * MINUTE,
      lastSeenAt: T0 + 10 * MINUTE + 100,
    });
    expect(t.events).toEqual([{ type: 'resolved', at: T0 + 10 * MINUTE + 100, actor: null }]);
  });

  it('resolves acknowledged and suppressed alerts alike', () => {
    for (const status of ['acknowledged', 'suppressed'] as const)
      expect(nextAlertState(openAlert({ status }), clear()).next?.status).toBe('resolved');
  });

  it('does nothing when there is no unresolved alert', () => {
    expect(nextAlertState(null, clear())).toEqual({ next: null, opensNew: false, events: [] });
    const resolved = openAlert({ status: 'resolved' });
    expect(nextAlertState(resolved, clear())).toEqual({ next: resolved, opensNew: false, events: [] });
  });

  it('with suppressedOnly (a rule without auto-resolve) resolves only a held-back alert', () => {
    const open = openAlert();
    expect(nextAlertState(open, clear({ suppressedOnly: true }))).toEqual({
      next: open,
      opensNew: false,
      events: [],
    });
    const held = openAlert({ status: 'suppressed', maintenanceId: 'mw-1' });
    expect(eventsOf(held, clear({ suppressedOnly: true }))).toEqual(['resolved@600100']);
  });

  it('keeps the later reading time when the clear is about an older reading', () => {
    const alert = openAlert({ lastReadingTs: T0 + 20 * MINUTE });
    expect(nextAlertState(alert, clear()).next?.lastReadingTs).toBe(T0 + 20 * MINUTE);
  });
});

describe('nextAlertState — officers act', () => {
  const at = T0 + 3 * MINUTE;

  it('acknowledges an open alert, naming who and when', () => {
    const t = nextAlertState(openAlert(), { kind: 'acknowledge', actor: 'officer', at });
    expect(t.next).toMatchObject({ status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: 'officer' });
    expect(t.events).toEqual([{ type: 'acknowledged', at, actor: 'officer' }]);
  });

  it.each(['acknowledged', 'suppressed', 'resolved'] as const)(
    'refuses to acknowledge an alert that is %s',
    (status) => {
      expect(() =>
        nextAlertState(openAlert({ status }), { kind: 'acknowledge', actor: 'officer', at }),
      ).toThrow(new AlertTransitionError(`alert is ${status}, only an open alert can be acknowledged`));
    },
  );

  it.each(['open', 'acknowledged', 'suppressed'] as const)(
    'resolves an alert that is %s, with the officer’s note',
    (status) => {
      const t = nextAlertState(openAlert({ status }), {
        kind: 'resolve',
        actor: 'officer',
        note: '已处置',
        at,
      });
      expect(t.next).toMatchObject({
        status: 'resolved',
        resolvedAt: at,
        resolvedBy: 'officer',
        resolutionNote: '已处置',
      });
      expect(t.events).toEqual([{ type: 'resolved', at, actor: 'officer' }]);
    },
  );

  it('refuses to resolve a resolved alert', () => {
    expect(() =>
      nextAlertState(openAlert({ status: 'resolved' }), { kind: 'resolve', actor: 'officer', note: 'x', at }),
    ).toThrow(new AlertTransitionError('alert is already resolved'));
  });

  it.each(['open', 'acknowledged', 'suppressed'] as const)(
    'assigns an alert that is %s, its status unchanged',
    (status) => {
      const t = nextAlertState(openAlert({ status }), {
        kind: 'assign',
        actor: 'admin',
        assignee: 'li.lei',
        at,
      });
      expect(t.next).toMatchObject({ status, assignedTo: 'li.lei', assignedAt: at });
      expect(t.events).toEqual([{ type: 'assigned', at, actor: 'admin' }]);
    },
  );

  it('refuses to assign a resolved alert, and any action on no alert', () => {
    expect(() =>
      nextAlertState(openAlert({ status: 'resolved' }), {
        kind: 'assign',
        actor: 'admin',
        assignee: 'x',
        at,
      }),
    ).toThrow(new AlertTransitionError('a resolved alert cannot be assigned'));
    expect(() => nextAlertState(null, { kind: 'acknowledge', actor: 'officer', at })).toThrow(
      AlertTransitionError,
    );
  });
});

describe('nextAlertState — escalation by time', () => {
  const check = (at: number): AlertVerdict => ({ kind: 'overdue-check', at });
  const opened = openAlert({ openedAt: T0, severity: 'critical' });

  it('marks an open alert `overdue` once it has waited its severity’s time, not a millisecond before', () => {
    expect(nextAlertState(opened, check(T0 + 5 * MINUTE - 1), OVERDUE)).toEqual({
      next: opened,
      opensNew: false,
      events: [],
    });
    const t = nextAlertState(opened, check(T0 + 5 * MINUTE), OVERDUE);
    expect(t.next?.escalatedAt).toBe(T0 + 5 * MINUTE);
    expect(t.events).toEqual([{ type: 'overdue', at: T0 + 5 * MINUTE, actor: null }]);
  });

  it('gives each severity its own time', () => {
    expect(
      eventsOf(openAlert({ openedAt: T0, severity: 'warning' }), check(T0 + 14 * MINUTE), OVERDUE),
    ).toEqual([]);
    expect(
      eventsOf(openAlert({ openedAt: T0, severity: 'warning' }), check(T0 + 15 * MINUTE), OVERDUE),
    ).toEqual(['overdue@900000']);
    expect(eventsOf(openAlert({ openedAt: T0, severity: 'info' }), check(T0 + 59 * MINUTE), OVERDUE)).toEqual(
      [],
    );
  });

  it('then reminds every remindEveryMs since the last overdue or reminder', () => {
    const overdue = { ...opened, escalatedAt: T0 + 5 * MINUTE };
    expect(eventsOf(overdue, check(T0 + 15 * MINUTE - 1), OVERDUE)).toEqual([]);
    const first = nextAlertState(overdue, check(T0 + 15 * MINUTE), OVERDUE);
    expect(first.next).toMatchObject({ escalatedAt: T0 + 5 * MINUTE, lastRemindedAt: T0 + 15 * MINUTE });
    expect(first.events.map((e) => e.type)).toEqual(['reminder']);
    expect(eventsOf(first.next, check(T0 + 25 * MINUTE - 1), OVERDUE)).toEqual([]);
    expect(eventsOf(first.next, check(T0 + 25 * MINUTE), OVERDUE)).toEqual(['reminder@1500000']);
  });

  it.each(['acknowledged', 'suppressed', 'resolved'] as const)(
    'never escalates an alert that is %s',
    (status) => {
      expect(eventsOf({ ...opened, status }, check(T0 + 600 * MINUTE), OVERDUE)).toEqual([]);
    },
  );

  it('needs the overdue policy', () => {
    expect(() => nextAlertState(opened, check(T0))).toThrow('an overdue check needs the overdue policy');
  });
});

describe('nextAlertState — maintenance windows end', () => {
  const check: AlertVerdict = { kind: 'maintenance-check', at: T0 + 30 * MINUTE };
  const held = openAlert({ status: 'suppressed', maintenanceId: 'mw-1', suppressedAt: T0 + 100, count: 3 });

  it('puts a suppressed alert live when no window holds it: opened now, the window kept, an `opened` event', () => {
    const t = nextAlertState(held, check, { maintenanceWindow: null });
    expect(t.opensNew).toBe(false);
    expect(t.next).toMatchObject({
      status: 'open',
      openedAt: T0 + 30 * MINUTE,
      lastSeenAt: T0 + 30 * MINUTE,
      maintenanceId: 'mw-1',
      suppressedAt: T0 + 100,
      count: 3,
    });
    expect(t.events).toEqual([{ type: 'opened', at: T0 + 30 * MINUTE, actor: null }]);
  });

  it('keeps it held while its window lasts, and follows it to the next window that holds it', () => {
    expect(nextAlertState(held, check, { maintenanceWindow: 'mw-1' })).toEqual({
      next: held,
      opensNew: false,
      events: [],
    });
    const moved = nextAlertState(held, check, { maintenanceWindow: 'mw-2' });
    expect(moved.next).toEqual({ ...held, maintenanceId: 'mw-2' });
    expect(moved.events).toEqual([]);
  });

  it('leaves alerts that are not held back alone', () => {
    const open = openAlert();
    expect(nextAlertState(open, check, { maintenanceWindow: null })).toEqual({
      next: open,
      opensNew: false,
      events: [],
    });
  });
});

describe('nextAlertState — properties', () => {
  // A failure prints its seed and path; replay it with fc.assert(property, { seed, path }).
  const triggers = fc.array(
    fc.record({
      level: fc.constantFrom(1 as const, 2 as const),
      value: fc.integer({ min: 0, max: 100 }),
      gapMs: fc.integer({ min: 1, max: 3 * MINUTE }),
      readingLagMs: fc.integer({ min: -MINUTE, max: MINUTE }),
    }),
    { minLength: 1, maxLength: 40 },
  );

  it('over any run of triggers: one alert, count = triggers, worst value kept, repeats ≥ the throttle apart', () => {
    fc.assert(
      fc.property(triggers, fc.integer({ min: 0, max: 5 * MINUTE }), (steps, repeatEventEveryMs) => {
        let alert: AlertState | null = null;
        let at = T0;
        let level = 0;
        let lastRepeat = -Infinity;
        steps.forEach((s, i) => {
          at += s.gapMs;
          const before: AlertState | null = alert;
          const t = nextAlertState(
            before,
            trigger({ level: s.level, value: s.value, limit: 25, at, readingTs: at + s.readingLagMs }),
            { repeatEventEveryMs },
          );
          expect(t.opensNew).toBe(i === 0);
          const types = t.events.map((e) => e.type);
          if (i === 0) expect(types).toEqual(['opened']);
          else if (s.level !== level) expect(types).toEqual([s.level > level ? 'escalated' : 'de-escalated']);
          else if (types.length > 0) {
            expect(types).toEqual(['repeated']);
            expect(repeatEventEveryMs).toBeGreaterThan(0);
            expect(at - lastRepeat).toBeGreaterThanOrEqual(repeatEventEveryMs);
            lastRepeat = at;
          }
          level = s.level;
          alert = t.next;
          expect(alert).toMatchObject({ count: i + 1, level: s.level, status: 'open', lastSeenAt: at });
          if (before && s.level === before.level)
            expect(Math.abs(alert!.value - 25)).toBe(
              Math.max(Math.abs(before.value - 25), Math.abs(s.value - 25)),
            );
        });
      }),
    );
  });

  it('never changes the alert it is given', () => {
    const verdicts = fc.constantFrom<AlertVerdict>(
      trigger({ at: T0 + MINUTE }),
      trigger({ level: 2, severity: 'critical', at: T0 + MINUTE }),
      clear(),
      { kind: 'acknowledge', actor: 'o', at: T0 + MINUTE },
      { kind: 'assign', actor: 'o', assignee: 'a', at: T0 + MINUTE },
      { kind: 'resolve', actor: 'o', note: 'n', at: T0 + MINUTE },
      { kind: 'overdue-check', at: T0 + 100 * MINUTE },
      { kind: 'maintenance-check', at: T0 + 100 * MINUTE },
    );
    const statuses = fc.constantFrom('open' as const, 'acknowledged' as const, 'suppressed' as const);
    fc.assert(
      fc.property(statuses, verdicts, (status, verdict) => {
        const alert = Object.freeze(openAlert({ status, escalatedAt: status === 'open' ? null : T0 }));
        const copy = structuredClone(alert);
        try {
          nextAlertState(alert, verdict, { ...REPEAT, ...OVERDUE, maintenanceWindow: null });
        } catch (e) {
          expect(e).toBeInstanceOf(AlertTransitionError);
        }
        expect(alert).toEqual(copy);
      }),
    );
  });
});
