/**
 * Notion property values → plain values, without I/O. Each reader returns a value or throws a
 * `ValueProblem` whose message says what is wrong, in words a user can act on in Notion.
 */

export class ValueProblem extends Error {}

export type Prop = { type?: string; [k: string]: unknown } | undefined | null;
export interface DateRange {
  start: number;
  end: number | null;
  allDay: boolean;
}
export interface FileRef {
  name: string;
  url: string;
  hosted: boolean;
}

const richPlain = (arr: unknown): string =>
  Array.isArray(arr) ? arr.map((t) => String((t as { plain_text?: string }).plain_text ?? '')).join('') : '';

/** Minutes east of UTC that `tz` is at `utcMs`. */
function zoneOffsetMin(tz: string, utcMs: number): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * A Notion date string → ms UTC. With an offset ("…+01:00" / "Z") it is exact; a wall-clock time
 * with `time_zone` is resolved in that zone; a bare date is local midnight of the device.
 */
export function parseNotionDate(s: string, timeZone: string | null): { ms: number; allDay: boolean } {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dateOnly) return { ms: new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3])).getTime(), allDay: true };
  const wall = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(s);
  if (wall) {
    const asUtc = Date.UTC(Number(wall[1]), Number(wall[2]) - 1, Number(wall[3]), Number(wall[4]), Number(wall[5]), Number(wall[6] ?? 0));
    if (!timeZone)
      return {
        ms: new Date(
          Number(wall[1]),
          Number(wall[2]) - 1,
          Number(wall[3]),
          Number(wall[4]),
          Number(wall[5]),
          Number(wall[6] ?? 0),
        ).getTime(),
        allDay: false,
      };
    try {
      const guess = asUtc - zoneOffsetMin(timeZone, asUtc) * 60_000;
      return { ms: asUtc - zoneOffsetMin(timeZone, guess) * 60_000, allDay: false };
    } catch {
      throw new ValueProblem(`unknown time zone "${timeZone}"`);
    }
  }
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) throw new ValueProblem(`"${s}" is not a date`);
  return { ms, allDay: false };
}

function dateOf(d: unknown): DateRange | null {
  if (d === null || d === undefined) return null;
  const o = d as { start?: string | null; end?: string | null; time_zone?: string | null };
  if (!o.start) return null;
  const a = parseNotionDate(o.start, o.time_zone ?? null);
  const b = o.end ? parseNotionDate(o.end, o.time_zone ?? null) : null;
  return { start: a.ms, end: b ? (b.allDay ? b.ms + 86_400_000 - 1 : b.ms) : null, allDay: a.allDay };
}

/** Text of any property that reads naturally as text. */
export function asText(p: Prop): string | null {
  if (!p) return null;
  switch (p.type) {
    case 'title':
    case 'rich_text': {
      const s = richPlain(p[p.type]).trim();
      return s || null;
    }
    case 'select':
    case 'status':
      return ((p[p.type] as { name?: string } | null)?.name ?? null) || null;
    case 'multi_select': {
      const s = asList(p).join(', ');
      return s || null;
    }
    case 'url':
    case 'email':
    case 'phone_number':
      return (p[p.type] as string | null) || null;
    case 'number':
      return p.number === null || p.number === undefined ? null : String(p.number);
    case 'unique_id': {
      const u = p.unique_id as { prefix: string | null; number: number | null } | null;
      return u && u.number !== null ? (u.prefix ? `${u.prefix}-${u.number}` : String(u.number)) : null;
    }
    case 'people':
      return (
        ((p.people as Array<{ name?: string }>) ?? [])
          .map((x) => x.name ?? '')
          .filter(Boolean)
          .join(', ') || null
      );
    case 'formula': {
      const f = p.formula as { type: string; [k: string]: unknown } | null;
      if (!f) return null;
      if (f.type === 'string') return (f.string as string | null) || null;
      if (f.type === 'number') return f.number === null ? null : String(f.number);
      if (f.type === 'boolean') return f.boolean === null ? null : String(f.boolean);
      return null;
    }
    case 'rollup': {
      const r = p.rollup as { type: string; number?: number | null; array?: Prop[] } | null;
      if (!r) return null;
      if (r.type === 'number') return r.number === null || r.number === undefined ? null : String(r.number);
      if (r.type === 'array')
        return (
          (r.array ?? [])
            .map((x) => asText(x))
            .filter(Boolean)
            .join(', ') || null
        );
      return null;
    }
    case 'relation':
      return null;
    default:
      throw new ValueProblem(`a ${p.type} property cannot be read as text`);
  }
}

export function asNumber(p: Prop): number | null {
  if (!p) return null;
  let n: unknown;
  if (p.type === 'number') n = p.number;
  else if (p.type === 'formula') {
    const f = p.formula as { type: string; number?: number | null } | null;
    if (f && f.type !== 'number') throw new ValueProblem(`the formula gives a ${f.type}, not a number`);
    n = f?.number ?? null;
  } else if (p.type === 'rollup') {
    const r = p.rollup as { type: string; number?: number | null } | null;
    if (r && r.type !== 'number') throw new ValueProblem(`the rollup gives a ${r.type}, not a number`);
    n = r?.number ?? null;
  } else if (p.type === 'unique_id') n = (p.unique_id as { number: number | null } | null)?.number ?? null;
  else {
    const t = asText(p);
    if (t === null) return null;
    throw new ValueProblem(`"${t}" is not a number`);
  }
  if (n === null || n === undefined) return null;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new ValueProblem(`"${String(n)}" is not a number`);
  return n;
}

export function asDate(p: Prop): DateRange | null {
  if (!p) return null;
  if (p.type === 'date') return dateOf(p.date);
  if (p.type === 'created_time' || p.type === 'last_edited_time') return dateOf({ start: p[p.type] as string });
  if (p.type === 'formula') {
    const f = p.formula as { type: string; date?: unknown } | null;
    if (f && f.type !== 'date') throw new ValueProblem(`the formula gives a ${f.type}, not a date`);
    return dateOf(f?.date);
  }
  if (p.type === 'rollup') {
    const r = p.rollup as { type: string; date?: unknown } | null;
    if (r && r.type !== 'date') throw new ValueProblem(`the rollup gives a ${r.type}, not a date`);
    return dateOf(r?.date);
  }
  const t = asText(p);
  if (t === null) return null;
  throw new ValueProblem(`"${t}" is not a date`);
}

export function asBool(p: Prop): boolean | null {
  if (!p) return null;
  if (p.type === 'checkbox') return Boolean(p.checkbox);
  if (p.type === 'formula') {
    const f = p.formula as { type: string; boolean?: boolean | null } | null;
    if (f && f.type !== 'boolean') throw new ValueProblem(`the formula gives a ${f.type}, not a yes/no`);
    return f?.boolean ?? null;
  }
  const t = asText(p)?.toLowerCase();
  if (t === undefined) return null;
  if (['oui', 'yes', 'true', 'vrai', '1', 'actif', 'active'].includes(t)) return true;
  if (['non', 'no', 'false', 'faux', '0', 'inactif', 'inactive'].includes(t)) return false;
  throw new ValueProblem(`"${t}" is not yes or no`);
}

export function asList(p: Prop): string[] {
  if (!p) return [];
  if (p.type === 'multi_select') return ((p.multi_select as Array<{ name: string }>) ?? []).map((o) => o.name);
  if (p.type === 'people') return ((p.people as Array<{ name?: string }>) ?? []).map((x) => x.name ?? '').filter(Boolean);
  if (p.type === 'relation') return asRelation(p);
  if (p.type === 'rollup') {
    const r = p.rollup as { type: string; array?: Prop[] } | null;
    if (r?.type === 'array') return (r.array ?? []).map((x) => asText(x)).filter((x): x is string => Boolean(x));
  }
  const t = asText(p);
  return t
    ? t
        .split(/[,;\n]/)
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

export function asRelation(p: Prop): string[] {
  if (!p || p.type !== 'relation') return [];
  return ((p.relation as Array<{ id: string }>) ?? []).map((r) => r.id);
}

export function asFiles(p: Prop): FileRef[] {
  if (!p) return [];
  if (p.type !== 'files') throw new ValueProblem(`a ${p.type} property holds no files`);
  return ((p.files as Array<Record<string, unknown>>) ?? []).map((f) => {
    const hosted = f.type === 'file';
    const url = String(((hosted ? f.file : f.external) as { url?: string } | undefined)?.url ?? '');
    return { name: String(f.name ?? 'file'), url, hosted };
  });
}

/** The page's title (its title property), for reports. */
export function pageTitle(properties: Record<string, Prop>): string {
  for (const p of Object.values(properties)) if (p?.type === 'title') return richPlain(p.title).trim();
  return '';
}
