import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useToasts } from '@renderer/stores/toasts';

beforeEach(() => {
  vi.useFakeTimers();
  useToasts.setState({ toasts: [] });
});
afterEach(() => vi.useRealTimers());

describe('toast stack', () => {
  it('shows an error and takes it away after its lifetime', () => {
    useToasts.getState().push({ kind: 'error', message: 'Only an admin can change these settings.' });
    expect(useToasts.getState().toasts).toHaveLength(1);
    vi.advanceTimersByTime(9_999);
    expect(useToasts.getState().toasts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(useToasts.getState().toasts).toHaveLength(0);
  });

  it('does not stack the same message twice', () => {
    const a = useToasts.getState().push({ kind: 'error', message: 'OpsDeck is not reachable' });
    const b = useToasts.getState().push({ kind: 'error', message: 'OpsDeck is not reachable' });
    expect(b).toBe(a);
    expect(useToasts.getState().toasts).toHaveLength(1);
  });

  it('keeps at most five, dropping the oldest', () => {
    for (let i = 1; i <= 7; i++) useToasts.getState().push({ kind: 'info', message: `message ${i}` });
    expect(useToasts.getState().toasts.map((t) => t.message)).toEqual(['message 3', 'message 4', 'message 5', 'message 6', 'message 7']);
  });

  it('can be dismissed by the user', () => {
    const id = useToasts.getState().push({ kind: 'success', message: 'Saved' });
    useToasts.getState().dismiss(id);
    expect(useToasts.getState().toasts).toEqual([]);
  });
});
