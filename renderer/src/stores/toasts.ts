import { create } from 'zustand';

export type ToastKind = 'error' | 'success' | 'info';
export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  detail?: string;
  /** A way to act on it ("Voir les alertes"). */
  link?: { href: string; label: string };
  /** The detail is words for the user (booth names), not a code for whoever digs further. */
  plainDetail?: boolean;
}

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME: Record<ToastKind, number> = { error: 10_000, success: 4_000, info: 5_000 };

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(t) {
    const id = nextId++;
    // The same error repeating (e.g. a poll) should not stack a tower of toasts.
    const dup = get().toasts.find((x) => x.message === t.message && x.detail === t.detail && x.kind === t.kind);
    if (dup) return dup.id;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { ...t, id }] }));
    setTimeout(() => get().dismiss(id), LIFETIME[t.kind]);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) }));
  },
}));
