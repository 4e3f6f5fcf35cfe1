import { create } from 'zustand';
import type { AssistantMessage, AssistantStatus, Conversation, DraftKind, ProposedAction } from '@shared/model/assistant';
import { api } from '../api';
import i18n from '../i18n';
import { onDataChanged } from './dataFeed';

export interface PullState {
  model: string;
  done: number;
  total: number;
  failed: boolean;
}

interface AssistantState {
  status: AssistantStatus | null;
  statusLoading: boolean;
  conversations: Conversation[];
  q: string;
  currentId: string | null;
  messages: AssistantMessage[];
  /** The turn being answered (Stop targets it). */
  turnId: string | null;
  /** Text streamed so far per running turn (events may come before the conversation is open). */
  live: Record<string, string>;
  pull: PullState | null;
  loadStatus(): Promise<void>;
  loadConversations(): Promise<void>;
  setQuery(q: string): void;
  open(id: string | null): Promise<void>;
  send(text: string, draft?: { kind: DraftKind; eventId?: string; supplier?: string }): Promise<void>;
  stop(): Promise<void>;
  decide(id: string, confirm: boolean): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
  selectModel(model: string): Promise<void>;
  configure(patch: { address?: string; embedModel?: string | null }): Promise<void>;
  pullModel(model: string): Promise<void>;
  /** Live: streamed text, turn ends, pull progress, conversation list. Returns the stop function. */
  watch(): () => void;
}

const lang = () => (i18n.language === 'en' ? 'en' : 'fr');

function upsert(messages: AssistantMessage[], m: AssistantMessage): AssistantMessage[] {
  const i = messages.findIndex((x) => x.id === m.id);
  if (i === -1) return [...messages, m];
  const copy = messages.slice();
  copy[i] = { ...m, actions: m.actions.length ? m.actions : messages[i]!.actions };
  return copy;
}

/** The assistant pane: conversations of the signed-in person, streamed answers, proposed actions. */
/** Turns whose end event has come: a read of the conversation that started before it still says running. */
const endedTurns = new Set<string>();

export const useAssistant = create<AssistantState>((set, get) => ({
  status: null,
  statusLoading: false,
  conversations: [],
  q: '',
  currentId: null,
  messages: [],
  turnId: null,
  live: {},
  pull: null,
  async loadStatus() {
    set({ statusLoading: true });
    try {
      set({ status: await api.call('assistant.status', {}, { silent: true }) });
    } finally {
      set({ statusLoading: false });
    }
  },
  async loadConversations() {
    set({ conversations: await api.call('assistant.conversations.list', { q: get().q }, { silent: true }) });
  },
  setQuery(q) {
    set({ q });
    void get().loadConversations();
  },
  async open(id) {
    if (!id) {
      set({ currentId: null, messages: [], turnId: null });
      return;
    }
    const r = await api.call('assistant.conversations.get', { id });
    const running = r.messages.find((m) => m.status === 'running' && !endedTurns.has(m.id));
    set({ currentId: id, messages: r.messages, turnId: running?.id ?? null });
  },
  async send(text, draft) {
    const { currentId } = get();
    const r = await api.call('assistant.send', {
      text,
      lang: lang(),
      ...(currentId ? { conversationId: currentId } : {}),
      ...(draft ? { draft } : {}),
    });
    if (r.conversationId !== currentId) set({ currentId: r.conversationId, messages: [] });
    // open() reads the turn's own message: still running (Stop shows) or already over. Setting
    // turnId from r here would bring back a turn whose end event came first (a turn can fail at
    // once, e.g. no model), leaving Stop on screen and every next question refused.
    await get().open(r.conversationId);
    void get().loadConversations();
  },
  async stop() {
    const t = get().turnId;
    if (t) await api.call('assistant.stop', { turnId: t });
  },
  async decide(id, confirm) {
    const a: ProposedAction = await api.call(confirm ? 'assistant.actions.confirm' : 'assistant.actions.cancel', { id });
    set({ messages: get().messages.map((m) => ({ ...m, actions: m.actions.map((x) => (x.id === a.id ? a : x)) })) });
  },
  async rename(id, title) {
    await api.call('assistant.conversations.rename', { id, title });
    await get().loadConversations();
  },
  async remove(id) {
    await api.call('assistant.conversations.delete', { id });
    if (get().currentId === id) set({ currentId: null, messages: [], turnId: null });
    await get().loadConversations();
  },
  async selectModel(model) {
    set({ status: await api.call('assistant.selectModel', { model }) });
  },
  async configure(patch) {
    set({ status: await api.call('assistant.configure', patch) });
  },
  async pullModel(model) {
    const jobId = `pull-${Date.now()}`;
    set({ pull: { model, done: 0, total: 1, failed: false } });
    const off = api.subscribe('job.progress', (ev) => {
      if (ev.jobId === jobId) set({ pull: { model, done: ev.done, total: ev.total, failed: false } });
    });
    try {
      set({ status: await api.call('assistant.pull', { model, jobId }), pull: null });
    } catch (e) {
      set({ pull: { model, done: 0, total: 1, failed: true } });
      throw e;
    } finally {
      off();
    }
  },
  watch() {
    const offDelta = api.subscribe('assistant.delta', (ev) => {
      const live = get().live;
      set({ live: { ...live, [ev.turnId]: (live[ev.turnId] ?? '') + ev.text } });
    });
    const offTurn = api.subscribe('assistant.turn', (ev) => {
      if (ev.status !== 'running') endedTurns.add(ev.turnId);
      if (ev.conversationId !== get().currentId) return;
      if (ev.status === 'running') {
        if (ev.message) set({ messages: upsert(get().messages, ev.message), turnId: ev.turnId });
        return;
      }
      set({ turnId: get().turnId === ev.turnId ? null : get().turnId });
      // The stored message carries the cards, checks and proposed actions.
      void get()
        .open(ev.conversationId)
        .finally(() => {
          const { [ev.turnId]: _done, ...rest } = get().live;
          set({ live: rest });
        });
    });
    const offList = onDataChanged(['assistant_conversations'], () => get().loadConversations());
    return () => {
      offDelta();
      offTurn();
      offList();
    };
  },
}));
