import { PeriodicTask } from './periodic-task';

/** A run that stays under way until the test lets it finish. */
function controlledRun(): {
  run: () => Promise<void>;
  starts: () => number;
  finish: (error?: Error) => void;
} {
  let started = 0;
  let settle: ((error?: Error) => void) | null = null;
  return {
    run: () => {
      started += 1;
      return new Promise<void>((resolve, reject) => {
        settle = (error) => (error ? reject(error) : resolve());
      });
    },
    starts: () => started,
    finish: (error) => settle?.(error),
  };
}

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('skips the ticks that come while a run is under way, and runs again on the next tick after it', async () => {
    const { run, starts, finish } = controlledRun();
    const task = new PeriodicTask(run, () => undefined);
    task.start(100);

    await jest.advanceTimersByTimeAsync(350);
    expect(starts()).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(starts()).toBe(2);
    finish();
    await task.stop();
  });

  it('reports a failed run and keeps ticking', async () => {
    const { run, starts, finish } = controlledRun();
    const errors: unknown[] = [];
    const task = new PeriodicTask(run, (error) => errors.push(error));
    task.start(100);

    await jest.advanceTimersByTimeAsync(100);
    finish(new Error('database down'));
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toEqual([new Error('database down')]);
    expect(starts()).toBe(2);
    finish();
    await task.stop();
  });

  it('stop waits for the run under way and no tick follows', async () => {
    const { run, starts, finish } = controlledRun();
    const task = new PeriodicTask(run, () => undefined);
    task.start(100);
    await jest.advanceTimersByTimeAsync(100);

    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(500);
    expect(starts()).toBe(1);
  });
});
