import type { MessageHandler } from '@nestjs/microservices';
import { planConsumers, type BusConsumersOptions, type DeclaredHandler } from './bus-transport';

const naming: BusConsumersOptions = {
  namespace: 'run-1',
  topic: (key) => {
    if (!['telemetry', 'deviceStatus'].includes(key)) throw new Error(`no topic ${key}`);
    return `park.${key}.run-1`;
  },
  instanceId: 'api-7',
};

const handler = (() => Promise.resolve()) as unknown as MessageHandler;
const declared = (
  pattern: string,
  extras: Record<string, unknown>,
  isEventHandler = true,
): DeclaredHandler => ({
  pattern,
  handler,
  isEventHandler,
  extras,
});

describe('planConsumers', () => {
  it('makes one consumer per group, its topics named on the wire, the group per instance and namespace', () => {
    const plans = planConsumers(
      [
        declared('telemetry', { group: 'rules', maxWaitMs: 10 }),
        declared('deviceStatus', { group: 'rules', maxWaitMs: 10 }),
        declared('telemetry', { group: 'api.{instance}.telemetry', fromBeginning: false }),
      ],
      naming,
    );
    expect(plans.map((p) => p.options)).toEqual([
      {
        groupId: 'rules.run-1',
        topics: ['park.telemetry.run-1', 'park.deviceStatus.run-1'],
        fromBeginning: true,
        maxWaitMs: 10,
      },
      { groupId: 'api.api-7.telemetry.run-1', topics: ['park.telemetry.run-1'], fromBeginning: false },
    ]);
    expect([...plans[0].handlers.keys()]).toEqual(['park.telemetry.run-1', 'park.deviceStatus.run-1']);
  });

  it("applies the deployment's overrides to the group's whole consumer", () => {
    const [plan] = planConsumers(
      [
        declared('telemetry', { group: 'rules', maxWaitMs: 10 }),
        declared('deviceStatus', { group: 'rules', maxWaitMs: 10 }),
      ],
      { ...naming, overrides: { rules: { maxWaitMs: 40 } } },
    );
    expect(plan.options.maxWaitMs).toBe(40);
  });

  it('names no namespace when there is none', () => {
    const [plan] = planConsumers([declared('telemetry', { group: 'telemetry-writer' })], {
      ...naming,
      namespace: '',
    });
    expect(plan.options.groupId).toBe('telemetry-writer');
  });

  it.each<[string, DeclaredHandler[], BusConsumersOptions, RegExp]>([
    ['a request-response handler', [declared('telemetry', { group: 'g' }, false)], naming, /events only/],
    ['a handler without a group', [declared('telemetry', {})], naming, /names no consumer group/],
    ['a topic the contract lacks', [declared('telemetri', { group: 'g' })], naming, /no topic telemetri/],
    [
      'two handlers of one topic in one group',
      [declared('telemetry', { group: 'g' }), declared('telemetry', { group: 'g' })],
      naming,
      /two handlers of telemetry/,
    ],
    [
      'handlers of one group that disagree on how it consumes',
      [declared('telemetry', { group: 'g' }), declared('deviceStatus', { group: 'g', fromBeginning: false })],
      naming,
      /disagree/,
    ],
    [
      'a per-instance group without an instance id',
      [declared('telemetry', { group: 'api.{instance}' })],
      { ...naming, instanceId: undefined },
      /no instance id/,
    ],
  ])('refuses %s', (_what, handlers, settings, message) => {
    expect(() => planConsumers(handlers, settings)).toThrow(message);
  });
});
