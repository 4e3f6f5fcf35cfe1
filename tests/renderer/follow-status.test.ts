import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followStatus } from '@renderer/stores/followStatus';

describe('followStatus (the sync and Notion stores keep their status fresh with it)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('listens to the push event, reads now and every 15 s, keeps polling after a failed read, and stops both', async () => {
    const off = vi.fn();
    const subscribe = vi.fn(() => off);
    let reads = 0;
    const load = vi.fn(async () => {
      reads++;
      if (reads === 2) throw new Error('core busy');
    });
    const stop = followStatus(subscribe, load);
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2); // this one fails, quietly
    await vi.advanceTimersByTimeAsync(15_000);
    expect(load).toHaveBeenCalledTimes(3);
    stop();
    expect(off).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(3);
  });
});
