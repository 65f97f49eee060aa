import fc from 'fast-check';
import {
  addressOn,
  digestDayDue,
  digestPeriod,
  dueSteps,
  heldForDigest,
  onDutyAt,
  parkDayOf,
  parkTimeOn,
  routeMatches,
  stepRecipients,
  type DutyShift,
  type EscalationStep,
  type RoutedAlert,
} from './duty-routing';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 2026-12-07 08:00 Beijing time. */
const EIGHT_AM = Date.UTC(2026, 11, 7, 0, 0, 0);

const alert = (overrides: Partial<RoutedAlert> = {}): RoutedAlert => ({
  status: 'open',
  severity: 'critical',
  ruleKind: 'threshold',
  enterpriseId: 'ent-a',
  carrierId: 'carrier-1',
  openedAt: EIGHT_AM,
  ...overrides,
});

const step = (
  position: number,
  afterMinutes: number,
  overrides: Partial<EscalationStep> = {},
): EscalationStep => ({
  position,
  afterMinutes,
  target: 'duty-officer',
  people: [],
  channelIds: ['sms'],
  severities: [],
  ruleKinds: [],
  enterpriseIds: [],
  carrierIds: [],
  enabled: true,
  ...overrides,
});

const shift = (name: string, duty: DutyShift['duty'], startsAt: number, endsAt: number): DutyShift => ({
  name,
  duty,
  phone: '13800000000',
  email: `${name}@park.example`,
  startsAt,
  endsAt,
});

describe('who is on duty', () => {
  const day = shift('张伟', 'officer', EIGHT_AM, EIGHT_AM + 12 * HOUR);
  const night = shift('李娜', 'officer', EIGHT_AM + 12 * HOUR, EIGHT_AM + 24 * HOUR);
  const leader = shift('王强', 'leader', EIGHT_AM, EIGHT_AM + 24 * HOUR);

  it('counts a shift from its start, up to but not including its end', () => {
    expect(onDutyAt([day, night], EIGHT_AM)).toEqual([day]);
    expect(onDutyAt([day, night], EIGHT_AM + 12 * HOUR - 1)).toEqual([day]);
    expect(onDutyAt([day, night], EIGHT_AM + 12 * HOUR)).toEqual([night]);
    expect(onDutyAt([day, night], EIGHT_AM - 1)).toEqual([]);
  });

  it('returns every overlapping shift, and one duty when asked', () => {
    const handover = shift('赵敏', 'officer', EIGHT_AM + 11 * HOUR, EIGHT_AM + 13 * HOUR);
    expect(onDutyAt([day, night, handover, leader], EIGHT_AM + 11.5 * HOUR)).toEqual([day, handover, leader]);
    expect(onDutyAt([day, night, handover, leader], EIGHT_AM + 11.5 * HOUR, 'leader')).toEqual([leader]);
  });

  it('property: a shift is on duty exactly inside [startsAt, endsAt)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer(),
        (s, len, at) => {
          const one = shift('x', 'officer', s, s + len);
          expect(onDutyAt([one], at).length === 1).toBe(s <= at && at < s + len);
        },
      ),
    );
  });
});

describe('the chain steps due for an alert', () => {
  const chain = [step(1, 0), step(2, 10, { target: 'people' }), step(3, 30, { target: 'duty-leader' })];

  it('fires the first step at once and each next one at its minute, in order', () => {
    expect(dueSteps(chain, alert(), new Set(), EIGHT_AM).map((s) => s.position)).toEqual([1]);
    expect(dueSteps(chain, alert(), new Set([1]), EIGHT_AM + 10 * MINUTE - 1)).toEqual([]);
    expect(dueSteps(chain, alert(), new Set([1]), EIGHT_AM + 10 * MINUTE).map((s) => s.position)).toEqual([
      2,
    ]);
    expect(dueSteps(chain, alert(), new Set([1, 2]), EIGHT_AM + 30 * MINUTE).map((s) => s.position)).toEqual([
      3,
    ]);
  });

  it('fires every step whose time passed while nobody checked, in chain order', () => {
    expect(
      dueSteps([...chain].reverse(), alert(), new Set(), EIGHT_AM + HOUR).map((s) => s.position),
    ).toEqual([1, 2, 3]);
  });

  it('stops once the alert is acknowledged or resolved, and never starts while maintenance holds it', () => {
    for (const status of ['acknowledged', 'resolved', 'suppressed'])
      expect(dueSteps(chain, alert({ status }), new Set(), EIGHT_AM + HOUR)).toEqual([]);
  });

  it('holds info alerts for the digest; never warning or critical ones', () => {
    expect(dueSteps(chain, alert({ severity: 'info' }), new Set(), EIGHT_AM + HOUR)).toEqual([]);
    expect(heldForDigest('info')).toBe(true);
    expect(heldForDigest('warning')).toBe(false);
    expect(heldForDigest('critical')).toBe(false);
  });

  it('skips disabled steps and steps whose filters leave the alert out', () => {
    const steps = [
      step(1, 0, { enabled: false }),
      step(2, 0, { severities: ['warning'] }),
      step(3, 0, { ruleKinds: ['device-offline'] }),
      step(4, 0, { enterpriseIds: ['ent-b'] }),
      step(5, 0, { carrierIds: ['carrier-2'] }),
      step(6, 0, {
        severities: ['critical'],
        ruleKinds: ['threshold'],
        enterpriseIds: ['ent-a'],
        carrierIds: ['carrier-1'],
      }),
    ];
    expect(dueSteps(steps, alert(), new Set(), EIGHT_AM).map((s) => s.position)).toEqual([6]);
  });

  it('an area filter leaves out an enterprise located in no carrier', () => {
    expect(routeMatches(step(1, 0, { carrierIds: ['carrier-1'] }), alert({ carrierId: null }))).toBe(false);
    expect(routeMatches(step(1, 0), alert({ carrierId: null }))).toBe(true);
  });

  it('property: a step fires at most once, never early, and only for an open alert', () => {
    const arbStep = fc.record({
      position: fc.integer({ min: 1, max: 20 }),
      afterMinutes: fc.integer({ min: 0, max: 600 }),
      enabled: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbStep, { selector: (s) => s.position, maxLength: 8 }),
        fc.constantFrom('open', 'acknowledged', 'resolved', 'suppressed'),
        fc.constantFrom('info' as const, 'warning' as const, 'critical' as const),
        fc.integer({ min: 0, max: 1_000 }),
        (raw, status, severity, minutesLater) => {
          const steps = raw.map((r) => step(r.position, r.afterMinutes, { enabled: r.enabled }));
          const a = alert({ status, severity });
          const now = EIGHT_AM + minutesLater * MINUTE;
          const fired = new Set<number>();
          // Checking again and again at one instant fires each due step once in all.
          const firstTime = dueSteps(steps, a, fired, now);
          firstTime.forEach((s) => fired.add(s.position));
          expect(dueSteps(steps, a, fired, now)).toEqual([]);
          for (const s of firstTime) {
            expect(s.enabled).toBe(true);
            expect(EIGHT_AM + s.afterMinutes * MINUTE).toBeLessThanOrEqual(now);
          }
          if (status !== 'open' || severity === 'info') expect(firstTime).toEqual([]);
          else
            expect(firstTime.length).toBe(
              steps.filter((s) => s.enabled && s.afterMinutes <= minutesLater).length,
            );
        },
      ),
    );
  });
});

describe('a step’s recipients and their addresses', () => {
  const officer = shift('张伟', 'officer', 0, 1);
  const leader = shift('王强', 'leader', 0, 1);
  const contact = { name: '刘安全', phone: '13911112222', email: 'safety@ent-a.example' };

  it('draws each target from the roster, the alert’s own enterprise contact, or the named people', () => {
    const context = { onDuty: [officer, leader], enterpriseContact: contact };
    expect(stepRecipients({ target: 'duty-officer', people: [] }, context).map((p) => p.name)).toEqual([
      '张伟',
    ]);
    expect(stepRecipients({ target: 'duty-leader', people: [] }, context).map((p) => p.name)).toEqual([
      '王强',
    ]);
    expect(stepRecipients({ target: 'enterprise-contact', people: [] }, context)).toEqual([contact]);
    expect(
      stepRecipients({ target: 'enterprise-contact', people: [] }, { ...context, enterpriseContact: null }),
    ).toEqual([]);
    const named = { name: '陈总', phone: null, email: 'chen@park.example' };
    expect(stepRecipients({ target: 'people', people: [named] }, context)).toEqual([named]);
  });

  it('tells a person on two overlapping shifts once', () => {
    const again = { ...officer, startsAt: 0, endsAt: 2 };
    expect(
      stepRecipients(
        { target: 'duty-officer', people: [] },
        { onDuty: [officer, again], enterpriseContact: null },
      ),
    ).toHaveLength(1);
  });

  it('addresses e-mail to the e-mail, SMS to the phone, and a robot to its group with the phone to @mention', () => {
    expect(addressOn('email', contact)).toEqual({ name: '刘安全', address: 'safety@ent-a.example' });
    expect(addressOn('aliyun-sms', contact)).toEqual({ name: '刘安全', address: '13911112222' });
    expect(addressOn('tencent-sms', contact)).toEqual({ name: '刘安全', address: '13911112222' });
    expect(addressOn('dingtalk', contact)).toEqual({ name: '刘安全', address: '13911112222' });
    expect(addressOn('wecom', contact)).toEqual({ name: '刘安全', address: '13911112222' });
    expect(addressOn('feishu', contact)).toEqual({ name: '刘安全', address: '' });
  });

  it('has no address for a person without one of that kind', () => {
    const noEmail = { name: '赵六', phone: '13700000000', email: '  ' };
    const noPhone = { name: '钱七', phone: null, email: 'q@park.example' };
    expect(addressOn('email', noEmail)).toBeNull();
    expect(addressOn('aliyun-sms', noPhone)).toBeNull();
    expect(addressOn('dingtalk', noPhone)).toEqual({ name: '钱七', address: '' });
  });
});

describe('the daily digest', () => {
  it('names the Beijing calendar day', () => {
    expect(parkDayOf(Date.UTC(2026, 11, 6, 15, 59))).toBe('2026-12-06');
    expect(parkDayOf(Date.UTC(2026, 11, 6, 16, 0))).toBe('2026-12-07');
    expect(parkTimeOn('2026-12-07', 8 * 60)).toBe(EIGHT_AM);
  });

  it('is due from 08:00 Beijing time, once a day', () => {
    expect(digestDayDue(null, EIGHT_AM - 1)).toBeNull();
    expect(digestDayDue(null, EIGHT_AM)).toBe('2026-12-07');
    expect(digestDayDue('2026-12-06', EIGHT_AM + 5 * HOUR)).toBe('2026-12-07');
    expect(digestDayDue('2026-12-07', EIGHT_AM + 5 * HOUR)).toBeNull();
    expect(digestDayDue('2026-12-07', EIGHT_AM + 24 * HOUR)).toBe('2026-12-08');
  });

  it('covers the alerts since the last digest, or the last day for a first one', () => {
    expect(digestPeriod(EIGHT_AM - 24 * HOUR, EIGHT_AM)).toEqual({
      from: EIGHT_AM - 24 * HOUR,
      to: EIGHT_AM,
    });
    expect(digestPeriod(null, EIGHT_AM)).toEqual({ from: EIGHT_AM - 24 * HOUR, to: EIGHT_AM });
  });

  it('property: at most one digest day is due per day, and never before its time', () => {
    fc.assert(
      fc.property(fc.integer({ min: EIGHT_AM - 48 * HOUR, max: EIGHT_AM + 48 * HOUR }), (now) => {
        const day = digestDayDue(null, now);
        if (day === null) expect(now).toBeLessThan(parkTimeOn(parkDayOf(now), 8 * 60));
        else {
          expect(day).toBe(parkDayOf(now));
          expect(digestDayDue(day, now)).toBeNull();
        }
      }),
    );
  });
});
