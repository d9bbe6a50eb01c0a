import { PeriodicTask } from './periodic-task';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicTask', () => {
  it('runs at once, then every interval, never two passes at a time, and survives a failed pass', async () => {
    let running = 0;
    let overlapped = false;
    let passes = 0;
    const task = new PeriodicTask('test', async () => {
      passes += 1;
      overlapped ||= running > 0;
      running += 1;
      await sleep(35); // longer than the interval: the ticks in between are skipped
      running -= 1;
      if (passes === 1) throw new Error('first pass fails');
    });
    task.start(10);
    expect(passes).toBe(1);
    await sleep(120);
    await task.stop();
    const after = passes;
    await sleep(50);
    expect(overlapped).toBe(false);
    expect(after).toBeGreaterThanOrEqual(2);
    expect(passes).toBe(after); // stopped
  });

  it('does not let a pass that hangs hold up stop() for longer than it is told', async () => {
    const task = new PeriodicTask('test', () => new Promise(() => undefined));
    task.start(1000);
    const started = Date.now();
    await task.stop(50);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
