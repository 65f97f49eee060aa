import { CHANNEL_KINDS } from './channel';
import { CHANNEL_ADAPTERS, createChannelAdapters } from './channel-adapters';

describe('channel adapters', () => {
  it('has one adapter for every channel kind an admin can choose, under its own kind', () => {
    expect(Object.keys(CHANNEL_ADAPTERS).sort()).toEqual([...CHANNEL_KINDS].sort());
    for (const kind of CHANNEL_KINDS) expect(createChannelAdapters()[kind].kind).toBe(kind);
  });

  it('refuses an empty configuration for every kind, in Chinese', () => {
    for (const kind of CHANNEL_KINDS) {
      const problems = CHANNEL_ADAPTERS[kind].validate({});
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(problem).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
