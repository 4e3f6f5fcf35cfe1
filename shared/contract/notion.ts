import { z } from 'zod';
import { ADMIN_ONLY, INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import {
  NotionDataSource,
  NotionEntity,
  NotionEventOptions,
  NotionFieldDef,
  NotionMapping,
  NotionMappingCheck,
  NotionPreviewRow,
  NotionRun,
  NotionSkippedPage,
  NotionStatus,
} from '../model/notion.js';
import { defineChannels } from './define.js';

const Empty = z.strictObject({});
const SourceInput = {
  entity: NotionEntity,
  dataSourceId: z.string().trim().min(1).max(100),
  mapping: NotionMapping,
  options: NotionEventOptions.optional(),
};

/** Notion: connection (admin), mapping per entity, import + write-back rounds, their report. */
export const notionChannels = defineChannels({
  'notion.status': { kind: 'query', input: Empty, output: NotionStatus, roles: STAFF_READ },
  /** Checks the token against the API (one search call) before keeping it in the secrets port. */
  'notion.connect': {
    kind: 'mutation',
    input: z.strictObject({
      token: z.string().trim().min(10, 'The integration token looks too short').max(500).optional(),
      baseUrl: z.string().trim().max(300).optional(),
    }),
    output: NotionStatus,
    roles: ADMIN_ONLY,
    redact: ['token'],
  },
  'notion.disconnect': { kind: 'mutation', input: Empty, output: NotionStatus, roles: ADMIN_ONLY },
  /** The data sources the integration can see, with their properties. */
  'notion.dataSources': { kind: 'query', input: Empty, output: z.array(NotionDataSource), roles: ADMIN_ONLY },
  /** The fields of an entity, the obvious mapping for a data source, and its type check. */
  'notion.propose': {
    kind: 'query',
    input: z.strictObject({ entity: NotionEntity, dataSourceId: z.string().trim().min(1).max(100) }),
    output: z.object({
      fields: z.array(NotionFieldDef),
      properties: z.array(z.object({ name: z.string(), type: z.string(), options: z.array(z.string()) })),
      mapping: NotionMapping,
      options: NotionEventOptions.nullable(),
      check: NotionMappingCheck,
    }),
    roles: ADMIN_ONLY,
  },
  /** Five real pages as they would be imported; nothing is written. */
  'notion.preview': {
    kind: 'query',
    input: z.strictObject(SourceInput),
    output: z.object({ check: NotionMappingCheck, rows: z.array(NotionPreviewRow) }),
    roles: ADMIN_ONLY,
  },
  'notion.saveSource': { kind: 'mutation', input: z.strictObject(SourceInput), output: NotionStatus, roles: ADMIN_ONLY },
  'notion.removeSource': { kind: 'mutation', input: z.strictObject({ entity: NotionEntity }), output: NotionStatus, roles: ADMIN_ONLY },
  /** One import + write-back round now (joins the running one). */
  'notion.syncNow': { kind: 'mutation', input: Empty, output: NotionRun, roles: INSTALLER_WRITE },
  'notion.skipped': {
    kind: 'query',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ items: z.array(NotionSkippedPage) }),
    roles: STAFF_READ,
  },
});

export const notionEvents = {
  'notion.status': NotionStatus,
} as const;
