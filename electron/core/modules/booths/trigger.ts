/**
 * dslrBooth / LumaBooth URL triggers: GET ?event_type=<event>&param1=…&param2=… (protocols §5).
 * Pure: takes the request target (path + query, or a full URL) and returns a typed trigger or a
 * reason the agent answers 400 with. Nothing here touches the database.
 */
export const TRIGGER_TYPES = [
  'session_start',
  'countdown_start',
  'countdown',
  'capture_start',
  'file_download',
  'processing_start',
  'sharing_screen',
  'printing',
  'file_upload',
  'session_end',
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export interface Trigger {
  type: TriggerType;
  /** param1…paramN in order, decoded (Windows paths come back with their backslashes). */
  params: string[];
  /** printing only: number of copies (1 when dslrBooth omitted it). */
  copies?: number;
  file?: string;
  printer?: string;
  boothMode?: string;
}

export type TriggerParse = { ok: true; trigger: Trigger } | { ok: false; error: string };

const MAX_COPIES = 99;
const MAX_PARAM = 1000;

function isTriggerType(s: string): s is TriggerType {
  return (TRIGGER_TYPES as readonly string[]).includes(s);
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Splits the query by hand: URLSearchParams silently keeps broken %-escapes, we want to refuse them. */
function queryPairs(target: string): Array<[string, string]> | string {
  const q = target.indexOf('?');
  if (q < 0) return [];
  const pairs: Array<[string, string]> = [];
  for (const part of target
    .slice(q + 1)
    .split('#')[0]!
    .split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const v = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (k === null || v === null) return `Malformed percent-encoding in "${part.slice(0, 60)}"`;
    pairs.push([k, v]);
  }
  return pairs;
}

export function parseTrigger(target: string): TriggerParse {
  if (typeof target !== 'string' || target.length > 8000) return { ok: false, error: 'Trigger URL missing or too long' };
  const pairs = queryPairs(target);
  if (typeof pairs === 'string') return { ok: false, error: pairs };
  const byKey = new Map<string, string>();
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    const prev = byKey.get(key);
    // A repeat with the same value is harmless (some setups append the params twice); a
    // conflicting repeat is ambiguous and must not be guessed.
    if (prev !== undefined && prev !== v) return { ok: false, error: `Parameter "${key}" given twice with different values` };
    if (v.length > MAX_PARAM) return { ok: false, error: `Parameter "${key}" is too long` };
    byKey.set(key, v);
  }
  const type = (byKey.get('event_type') ?? '').trim();
  if (!type) return { ok: false, error: 'Missing event_type' };
  if (!isTriggerType(type)) return { ok: false, error: `Unknown event_type "${type.slice(0, 40)}"` };
  // Only event_type and param1…paramN, in order with no gap: anything else is not dslrBooth and
  // must not be guessed at (param2 without param1 counted a print of an unnamed file).
  let last = 0;
  for (const key of byKey.keys()) {
    if (key === 'event_type') continue;
    const m = /^param([1-9]\d?)$/.exec(key);
    if (!m) return { ok: false, error: `Unknown parameter "${key.slice(0, 40)}"` };
    last = Math.max(last, Number(m[1]));
  }
  const params: string[] = [];
  for (let i = 1; i <= last; i++) {
    if (!byKey.has(`param${i}`)) return { ok: false, error: `param${i} is missing while param${last} is given` };
    params.push(byKey.get(`param${i}`)!);
  }
  const trigger: Trigger = { type, params };
  const whole = (raw: string, what: string, min: number, max: number): number | string => {
    if (!/^\d{1,6}$/.test(raw)) return `${type}: ${what} "${raw.slice(0, 20)}" is not a whole number`;
    const n = Number(raw);
    return n < min || n > max ? `${type}: ${what} must be ${min} to ${max}, got ${n}` : n;
  };
  if (type === 'printing') {
    trigger.file = params[0]?.trim() || undefined;
    if (!trigger.file) return { ok: false, error: 'printing: param1 (the printed file) is missing' };
    const raw = (params[1] ?? '').trim();
    if (raw === '') trigger.copies = 1;
    else {
      const n = whole(raw, 'copies', 1, MAX_COPIES);
      if (typeof n === 'string') return { ok: false, error: n };
      trigger.copies = n;
    }
    trigger.printer = params[2] || undefined;
  } else if (type === 'session_start') {
    trigger.boothMode = params[0]?.trim().toLowerCase() || undefined;
    if (trigger.boothMode !== undefined && !/^[a-z_-]{1,30}$/.test(trigger.boothMode))
      return { ok: false, error: `session_start: booth mode "${trigger.boothMode.slice(0, 20)}" is not a mode` };
  } else if (type === 'countdown_start' || type === 'countdown') {
    const raw = (params[0] ?? '').trim();
    if (raw !== '') {
      const n = whole(raw, type === 'countdown' ? 'percent' : 'seconds', 0, type === 'countdown' ? 100 : 3600);
      if (typeof n === 'string') return { ok: false, error: n };
    }
  } else if (type === 'file_download' || type === 'file_upload') {
    trigger.file = params[0]?.trim() || undefined;
    if (!trigger.file) return { ok: false, error: `${type}: param1 (the file) is missing` };
  } else if (type === 'processing_start') {
    // The final file is the last parameter (photo mode lists the originals before it).
    trigger.file = params[params.length - 1]?.trim() || undefined;
    if (!trigger.file) return { ok: false, error: 'processing_start: the final file is missing' };
  }
  return { ok: true, trigger };
}

export type CounterKind = 'session' | 'capture' | 'print' | 'digital' | 'gif' | 'upload' | 'signal';

const ANIMATED = /\.(gif|mp4|mov|webm)$/i;

/** What a trigger counts. Triggers that count nothing are still kept (kind 'signal') with their raw URL. */
export function counterFor(t: Trigger): { kind: CounterKind; count: number } {
  switch (t.type) {
    case 'session_start':
      return { kind: 'session', count: 1 };
    case 'capture_start':
      return { kind: 'capture', count: 1 };
    case 'printing':
      return { kind: 'print', count: t.copies ?? 1 };
    case 'processing_start':
      return { kind: t.file && ANIMATED.test(t.file) ? 'gif' : 'digital', count: 1 };
    case 'file_upload':
      return { kind: 'upload', count: 1 };
    default:
      return { kind: 'signal', count: 1 };
  }
}
