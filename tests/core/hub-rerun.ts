import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { expect, test } from 'vitest';
import { HUB_MIGRATIONS_DIR, migrationFiles, type HubDb } from '../fixtures/hub-double/engine.js';

/** Everything a migration defines that a re-run could change: functions (body and grants), policies, triggers, table grants, the registry. */
export async function schemaFingerprint(db: HubDb): Promise<string> {
  const parts = await Promise.all([
    db.query(`select p.oid::regprocedure::text as f, md5(pg_get_functiondef(p.oid)) as d, coalesce(p.proacl::text, '') as acl
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.proname like 'opsdeck%' order by 1`),
    db.query(`select tablename, policyname, cmd, roles::text, qual, with_check from pg_policies where schemaname = 'public' order by 1, 2`),
    db.query(
      `select tgrelid::regclass::text as t, tgname, md5(pg_get_triggerdef(oid)) as d from pg_trigger where not tgisinternal and tgname like 'opsdeck%' order by 1, 2`,
    ),
    db.query(
      `select c.relname, coalesce(c.relacl::text, '') as acl from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'S') order by 1`,
    ),
    db.query(`select name, kind, columns::text, pull_order, hub_only from public.opsdeck_synced_tables order by pull_order`),
  ]);
  return JSON.stringify(parts.map((p) => p.rows));
}

/**
 * Every migration file run again by hand, as an admin would from the SQL editor (PGlite: each file
 * as one script) or psql (the real server: statement by statement, going on after errors): the
 * released files refuse as a whole ("already applied"), later ones run again, and the schema is
 * exactly what it was, so pushes still work (the booth ledger push checks that afterwards).
 */
export function rerunTest(get: () => { db: HubDb }, afterwards: () => Promise<void>): void {
  test('every migration file run again by hand changes nothing: released files refuse as a whole, later ones re-apply the same schema', async () => {
    const db = get().db;
    const before = await schemaFingerprint(db);
    const files = migrationFiles();
    for (const f of files) {
      const sql = fs.readFileSync(path.join(HUB_MIGRATIONS_DIR, f), 'utf8');
      let out: string;
      if (db.engine === 'postgres') {
        // psql as an admin runs a file: statement by statement, going on after an error.
        const child = execFile('psql', ['-X', '-q', '-d', db.url!, '-f', '-'], { timeout: 60_000 });
        out = await new Promise<string>((resolve) => {
          let err = '';
          child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
          child.on('close', () => resolve(err));
          child.stdin!.end(sql);
        });
      } else {
        out = await db.exec(sql).then(
          () => '',
          async (e: Error) => {
            await db.exec('rollback');
            return `ERROR: ${e.message}`;
          },
        );
      }
      // The files released before issue 12 stop at their guard; every later one runs again cleanly.
      if (f < '20261206') expect(out, f).toMatch(/already applied/);
      else expect(out, f).not.toMatch(/ERROR/);
    }
    expect(await schemaFingerprint(db)).toBe(before);
    await afterwards();
  }, 120_000);
}
