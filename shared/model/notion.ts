import { z } from 'zod';

/** What OpsDeck imports from Notion. */
export const NotionEntity = z.enum(['events', 'products', 'services']);
export type NotionEntity = z.infer<typeof NotionEntity>;
export const NOTION_ENTITIES = NotionEntity.options;

/** OpsDeck field → Notion property name (null or absent: not mapped). */
export const NotionMapping = z.record(z.string().max(64), z.string().max(200).nullable());
export type NotionMapping = z.infer<typeof NotionMapping>;

/** Events only: which status values are live / done / cancelled (any other value: not live → archived). */
export const NotionEventOptions = z.strictObject({
  liveValues: z.array(z.string().trim().min(1).max(100)).max(20).default(['En cours']),
  doneValues: z.array(z.string().trim().min(1).max(100)).max(20).default(['Terminé']),
  cancelledValues: z.array(z.string().trim().min(1).max(100)).max(20).default(['Annulé']),
});
export type NotionEventOptions = z.infer<typeof NotionEventOptions>;

export const NotionProperty = z.object({ name: z.string(), type: z.string(), options: z.array(z.string()) });
export type NotionProperty = z.infer<typeof NotionProperty>;

export const NotionDataSource = z.object({
  id: z.string(),
  name: z.string(),
  databaseId: z.string().nullable(),
  url: z.string().nullable(),
  properties: z.array(NotionProperty),
});
export type NotionDataSource = z.infer<typeof NotionDataSource>;

/** One OpsDeck field the mapping editor offers. `write`: written back to Notion (event totals), never imported. */
export const NotionFieldDef = z.object({
  key: z.string(),
  required: z.boolean(),
  write: z.boolean(),
  accepts: z.array(z.string()),
});
export type NotionFieldDef = z.infer<typeof NotionFieldDef>;

export const NotionMappingCheck = z.object({
  ok: z.boolean(),
  problems: z.array(
    z.object({
      field: z.string(),
      code: z.enum(['required', 'missing_property', 'wrong_type']),
      property: z.string().nullable(),
      type: z.string().nullable(),
    }),
  ),
});
export type NotionMappingCheck = z.infer<typeof NotionMappingCheck>;

export const NotionSourceConfig = z.object({
  entity: NotionEntity,
  dataSourceId: z.string(),
  dataSourceName: z.string(),
  mapping: NotionMapping,
  options: NotionEventOptions.nullable(),
  highWater: z.string().nullable(),
  pages: z.number(),
  skipped: z.number(),
});
export type NotionSourceConfig = z.infer<typeof NotionSourceConfig>;

/** A page as it would be imported (preview) or why it cannot be. */
export const NotionPreviewRow = z.object({
  pageId: z.string(),
  url: z.string(),
  title: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
  error: z.string().nullable(),
});
export type NotionPreviewRow = z.infer<typeof NotionPreviewRow>;

export const NotionCounts = z.object({
  read: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  deleted: z.number(),
});
export type NotionCounts = z.infer<typeof NotionCounts>;

export const NotionRun = z.object({
  id: z.number(),
  trigger: z.enum(['schedule', 'manual', 'cli']),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  ok: z.boolean().nullable(),
  counts: NotionCounts,
  written: z.number(),
  requests: z.number(),
  error: z.string().nullable(),
});
export type NotionRun = z.infer<typeof NotionRun>;

export const NotionSkippedPage = z.object({
  pageId: z.string(),
  entity: NotionEntity,
  title: z.string(),
  url: z.string(),
  reason: z.string(),
  lastEditedTime: z.string(),
});
export type NotionSkippedPage = z.infer<typeof NotionSkippedPage>;

export const NotionWriteBackProblem = z.object({
  eventId: z.string(),
  pageId: z.string(),
  clientName: z.string(),
  error: z.string(),
  gaveUp: z.boolean(),
});

export const NotionStatus = z.object({
  connected: z.boolean(),
  baseUrl: z.string(),
  secretStore: z.string(),
  /** Whether this device holds the token (the one that talks to Notion). */
  tokenSet: z.boolean(),
  sources: z.array(NotionSourceConfig),
  running: z.boolean(),
  progress: z.object({ entity: NotionEntity, read: z.number() }).nullable(),
  lastRun: NotionRun.nullable(),
  nextRunAt: z.number().nullable(),
  intervalMinutes: z.number(),
  writeBack: z.object({ pending: z.number(), problems: z.array(NotionWriteBackProblem) }),
});
export type NotionStatus = z.infer<typeof NotionStatus>;
