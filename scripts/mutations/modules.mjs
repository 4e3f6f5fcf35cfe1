/**
 * The StrykerJS modules: where a wrong line costs stock, money or data. Each runs alone
 * (`npm run mutate -- <name>`), mutating `mutate` and running only `tests` (never the full suite).
 */
export const STRYKER_MODULES = {
  'wol-packet': {
    mutate: ['electron/core/modules/wol/packet.ts'],
    tests: ['tests/unit/wol-packet.test.ts'],
  },
  'kiosk-throttle': {
    mutate: ['electron/core/modules/kiosk/throttle.ts'],
    tests: ['tests/core/kiosk.test.ts', 'tests/unit/kiosk-throttle.test.ts'],
  },
  paper: {
    mutate: ['shared/model/paper.ts', 'electron/core/modules/booths/counters.ts'],
    tests: [
      'tests/unit/booth-paper.test.ts',
      'tests/core/booth.test.ts',
      'tests/core/sync-pulled-counters.test.ts',
      'tests/core/paper-rule.test.ts',
      'tests/core/booth-counters-rules.test.ts',
    ],
  },
  replenishment: {
    mutate: [
      'electron/core/modules/forecast/replenishment.ts',
      'electron/core/modules/forecast/quantiles.ts',
      'electron/core/modules/forecast/normal.ts',
    ],
    tests: [
      'tests/unit/forecast/replenishment.test.ts',
      'tests/unit/forecast/service-level.test.ts',
      'tests/unit/forecast/quantiles.test.ts',
      'tests/unit/forecast/replenishment-edges.test.ts',
    ],
  },
  backup: {
    mutate: ['electron/core/db/backup.ts', 'electron/core/modules/backup/daily.ts'],
    tests: ['tests/core/backup.test.ts', 'tests/core/backup-integrity.test.ts', 'tests/core/backup-rules.test.ts'],
  },
  'router-roles-audit': {
    // The role check and what the audit log records (redaction, target, outcome); not the input
    // validation, error wording or change feed of router.ts (every mutant there runs ~130 tests).
    mutate: [
      'electron/core/router.ts:41-98',
      'electron/core/router.ts:120-129',
      'electron/core/router.ts:150-157',
      'electron/core/db/repos/audit.ts',
    ],
    tests: ['tests/core/router.test.ts', 'tests/contract/contract.test.ts', 'tests/core/router-audit.test.ts'],
  },
  'stock-ledger': {
    // The ledger insert and its bound, paging, daily and net change (transfers cancel out), balances,
    // low stock, stock-outs and valuation; not the read-only row mapping of stockMovements.ts.
    mutate: [
      'electron/core/db/repos/stockMovements.ts:24-46',
      'electron/core/db/repos/stockMovements.ts:100-154',
      'electron/core/db/repos/balances.ts',
      'electron/core/modules/stock/record.ts',
      'electron/core/modules/stock/entryChecks.ts',
    ],
    tests: [
      'tests/core/catalog-stock.test.ts',
      'tests/core/stock-intent.test.ts',
      'tests/core/stock-ledger-rules.test.ts',
      'tests/unit/stock-entry-checks.test.ts',
    ],
  },
  csv: {
    // Cell values (decimal commas, dates, ratios) and movement rows: toRecords (keys unique within a
    // file) and movementRow (type words, sign, quantity bounds, places, idempotency key). Not the
    // product/service rows (catalog fields); not importer.ts (the commit runs in a worker thread
    // where the active mutant is not visible; its atomicity is hand mutation 1); not the decoding,
    // separator and header code (format handling, csv-dialects.test.ts).
    mutate: [
      'electron/core/modules/csv/values.ts',
      'electron/core/modules/csv/rows.ts:108-156',
      'electron/core/modules/csv/rows.ts:339-392',
    ],
    tests: ['tests/unit/csv-dialects.test.ts', 'tests/unit/csv-rows.test.ts'],
  },
  'sync-engine': {
    mutate: ['electron/core/modules/sync/engine.ts'],
    // Against scripted-hub-double (in memory, ~6 s a run). The PostgreSQL hub-double files
    // (sync-guards, sync-faults, sync-convergence) start a database per run: ~60 s per mutant.
    tests: ['tests/core/sync-engine.test.ts'],
  },
};
