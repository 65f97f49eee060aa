import {
  checkShift,
  checkStep,
  clockOf,
  fromParkInput,
  nextPosition,
  shiftsOnDay,
  toParkInput,
  weekDays,
  weekStart,
  type ShiftForm,
  type StepForm,
} from './duty-model';

/** Wednesday 2026-12-09 10:00 park time. */
const WED = Date.UTC(2026, 11, 9, 2, 0);
const MON = Date.UTC(2026, 11, 6, 16, 0); // Monday 2026-12-07 00:00 park time

describe('the roster week', () => {
  it('starts on the park-time Monday, whatever day and hour it is', () => {
    expect(weekStart(WED)).toBe(MON);
    expect(weekStart(MON)).toBe(MON);
    expect(weekStart(MON - 1)).toBe(MON - 7 * 86_400_000);
    expect(weekStart(WED, 1)).toBe(MON + 7 * 86_400_000);
  });

  it('has seven park-time days', () => {
    const days = weekDays(MON);
    expect(days.map((d) => d.day)).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
  });

  it('lists a night shift on both days it touches, officers before leaders', () => {
    const [mon, tue] = weekDays(MON);
    const night = {
      id: 'n',
      duty: 'officer',
      name: '李娜',
      startsAt: MON + 20 * 3_600_000,
      endsAt: MON + 32 * 3_600_000,
    };
    const leader = { id: 'l', duty: 'leader', name: '王强', startsAt: MON, endsAt: MON + 86_400_000 };
    expect(shiftsOnDay([leader, night], mon).map((s) => s.id)).toEqual(['n', 'l']);
    expect(shiftsOnDay([leader, night], tue).map((s) => s.id)).toEqual(['n']);
    expect(clockOf(night.startsAt)).toBe('20:00');
  });
});

describe('the shift form', () => {
  const form: ShiftForm = {
    duty: 'officer',
    name: ' 张伟 ',
    phone: '13800001111',
    email: '',
    startsAt: '2026-12-07T08:00',
    endsAt: '2026-12-07T20:00',
    note: '',
  };

  it('reads its times as park time', () => {
    expect(fromParkInput('2026-12-07T08:00')).toBe(Date.UTC(2026, 11, 7, 0, 0));
    expect(toParkInput(Date.UTC(2026, 11, 7, 0, 0))).toBe('2026-12-07T08:00');
    expect(fromParkInput('tomorrow')).toBeNull();
  });

  it('sends a valid shift trimmed, blanks as null', () => {
    expect(checkShift(form)).toEqual({
      ok: true,
      value: {
        duty: 'officer',
        name: '张伟',
        phone: '13800001111',
        email: null,
        startsAt: Date.UTC(2026, 11, 7, 0, 0),
        endsAt: Date.UTC(2026, 11, 7, 12, 0),
        note: null,
      },
    });
  });

  it('refuses a shift nobody can be reached on, that ends before it starts, or lasts over a week', () => {
    expect(checkShift({ ...form, phone: '' })).toMatchObject({
      ok: false,
      errors: { phone: 'duty.error.reachable' },
    });
    expect(checkShift({ ...form, phone: '12345' })).toMatchObject({
      ok: false,
      errors: { phone: 'duty.error.phone' },
    });
    expect(checkShift({ ...form, endsAt: '2026-12-07T08:00' })).toMatchObject({
      ok: false,
      errors: { endsAt: 'duty.error.order' },
    });
    expect(checkShift({ ...form, endsAt: '2026-12-15T08:00' })).toMatchObject({
      ok: false,
      errors: { endsAt: 'duty.error.tooLong' },
    });
  });
});

describe('the chain step form', () => {
  const form: StepForm = {
    position: '2',
    afterMinutes: '10',
    target: 'duty-leader',
    peopleName: '',
    peoplePhone: '',
    peopleEmail: '',
    channelIds: ['c1'],
    severities: ['critical'],
    ruleKinds: [],
    enterpriseIds: [],
    carrierIds: [],
    enabled: true,
  };

  it('sends whole minutes and a position, and names a person only for target people', () => {
    expect(checkStep(form)).toEqual({
      ok: true,
      value: {
        position: 2,
        afterMinutes: 10,
        target: 'duty-leader',
        people: [],
        channelIds: ['c1'],
        severities: ['critical'],
        ruleKinds: [],
        enterpriseIds: [],
        carrierIds: [],
        enabled: true,
      },
    });
    expect(
      checkStep({ ...form, target: 'people', peopleName: '陈总', peopleEmail: 'chen@park.example' }),
    ).toMatchObject({
      ok: true,
      value: { people: [{ name: '陈总', phone: null, email: 'chen@park.example' }] },
    });
  });

  it('sends the routing filters as chosen, and keeps the carriers set over the API', () => {
    const routed = { ...form, ruleKinds: ['state-signal'], enterpriseIds: ['e1', 'e2'], carrierIds: ['k1'] };
    expect(checkStep(routed)).toMatchObject({
      ok: true,
      value: { ruleKinds: ['state-signal'], enterpriseIds: ['e1', 'e2'], carrierIds: ['k1'] },
    });
  });

  it('refuses fractions, no channel, or a person without an address', () => {
    expect(checkStep({ ...form, afterMinutes: '1.5' })).toMatchObject({
      ok: false,
      errors: { afterMinutes: 'duty.error.afterMinutes' },
    });
    expect(checkStep({ ...form, channelIds: [] })).toMatchObject({
      ok: false,
      errors: { channelIds: 'duty.error.channels' },
    });
    expect(checkStep({ ...form, target: 'people', peopleName: '陈总' })).toMatchObject({
      ok: false,
      errors: { peoplePhone: 'duty.error.reachable' },
    });
  });

  it('offers the next free position', () => {
    expect(nextPosition([])).toBe(1);
    expect(nextPosition([{ position: 1 }, { position: 3 }])).toBe(4);
  });
});
