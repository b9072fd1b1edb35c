import { describe, expect, test, vi } from 'vitest';
import { lazyComponent } from './lazy-component.js';

describe('lazyComponent', () => {
  test('loads once and then hands out the component itself, not a promise', async () => {
    const load = vi.fn(async () => ({ default: 'Screen' }));
    const lazy = lazyComponent(load);
    expect(load).not.toHaveBeenCalled();
    const first = lazy.get();
    expect(first).toBeInstanceOf(Promise);
    expect(lazy.get()).toBe(first);
    expect(await first).toBe('Screen');
    expect(lazy.get()).toBe('Screen');
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('a failed load is tried again on the next use', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce({ default: 'Screen' });
    const lazy = lazyComponent<string>(load);
    await expect(lazy.get()).rejects.toThrow('offline');
    expect(await lazy.get()).toBe('Screen');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
