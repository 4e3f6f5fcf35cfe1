import crypto from 'node:crypto';

/** Shapes and value builders of the Notion DOUBLE (development and tests only). */

export interface DoubleClock {
  now(): number;
}

export type PropType =
  | 'title'
  | 'rich_text'
  | 'number'
  | 'select'
  | 'multi_select'
  | 'status'
  | 'date'
  | 'checkbox'
  | 'url'
  | 'email'
  | 'phone_number'
  | 'relation'
  | 'files'
  | 'formula'
  | 'rollup'
  | 'unique_id'
  | 'people'
  | 'created_time'
  | 'last_edited_time';

export interface PropSchema {
  type: PropType;
  options?: string[];
  /** relation target */
  dataSourceId?: string;
  /** formula / rollup result type */
  resultType?: 'string' | 'number' | 'boolean' | 'date';
  prefix?: string;
}

export interface DataSourceDef {
  id: string;
  databaseId: string;
  name: string;
  properties: Record<string, PropSchema>;
}

export interface DoublePage {
  id: string;
  dataSourceId: string;
  createdTime: number;
  lastEditedTime: number;
  inTrash: boolean;
  /** Raw Notion property values (the API shape), by property name. */
  properties: Record<string, unknown>;
}

/** What the demo seed needs from a double. */
export interface SeedTarget {
  clock: DoubleClock;
  addDataSource(name: string, properties: Record<string, PropSchema>, ids?: { id?: string; databaseId?: string }): DataSourceDef;
  addPage(
    dataSourceId: string,
    properties: Record<string, unknown>,
    opts?: { id?: string; createdTime?: number; lastEditedTime?: number; inTrash?: boolean },
  ): DoublePage;
}

export const richText = (s: string) => [
  {
    type: 'text',
    text: { content: s, link: null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
    plain_text: s,
    href: null,
  },
];
export const optId = (name: string) => crypto.createHash('sha1').update(name).digest('hex').slice(0, 8);

/** Helpers that build property values in the API's shape. */
export const v = {
  title: (s: string) => ({ type: 'title', title: richText(s) }),
  text: (s: string | null) => ({ type: 'rich_text', rich_text: s === null ? [] : richText(s) }),
  number: (n: number | null) => ({ type: 'number', number: n }),
  select: (name: string | null) => ({ type: 'select', select: name === null ? null : { id: optId(name), name, color: 'default' } }),
  status: (name: string | null) => ({ type: 'status', status: name === null ? null : { id: optId(name), name, color: 'default' } }),
  multi: (names: string[]) => ({ type: 'multi_select', multi_select: names.map((n) => ({ id: optId(n), name: n, color: 'default' })) }),
  date: (start: string | null, end: string | null = null, timeZone: string | null = null) => ({
    type: 'date',
    date: start === null ? null : { start, end, time_zone: timeZone },
  }),
  checkbox: (b: boolean) => ({ type: 'checkbox', checkbox: b }),
  url: (s: string | null) => ({ type: 'url', url: s }),
  email: (s: string | null) => ({ type: 'email', email: s }),
  phone: (s: string | null) => ({ type: 'phone_number', phone_number: s }),
  relation: (ids: string[]) => ({ type: 'relation', relation: ids.map((id) => ({ id })), has_more: false }),
  people: (names: string[]) => ({ type: 'people', people: names.map((n) => ({ object: 'user', id: optId(n), name: n, type: 'person' })) }),
  uniqueId: (prefix: string | null, n: number) => ({ type: 'unique_id', unique_id: { prefix, number: n } }),
  formulaNumber: (n: number | null) => ({ type: 'formula', formula: { type: 'number', number: n } }),
  formulaString: (s: string | null) => ({ type: 'formula', formula: { type: 'string', string: s } }),
  rollupNumber: (n: number | null) => ({ type: 'rollup', rollup: { type: 'number', number: n, function: 'sum' } }),
  /** A Notion-hosted file: the double serves it under a signed URL that expires an hour after it was read. */
  hostedFile: (name: string) => ({ name, type: 'file', file: { url: `__FILE__/${encodeURIComponent(name)}`, expiry_time: '' } }),
  externalFile: (name: string, url: string) => ({ name, type: 'external', external: { url } }),
  files: (items: unknown[]) => ({ type: 'files', files: items }),
};

/** A 1×1 PNG (the bytes of every hosted image of the double). */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
