import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { HUB_MIGRATIONS_DIR, migrationFiles } from '../fixtures/hub-double/engine.js';
import { createPgHubDatabase, pgHubAvailable, supabaseDbLint, supabaseDbPush, withClient } from '../fixtures/hub-double/pg.js';

// The tool admins deploy with: the real Supabase CLI (npm `supabase`, pinned) against a fresh
// Supabase-like database on the hub tests' PostgreSQL 15 server, as the non-superuser `postgres`
// role, whose supabase_realtime publication belongs to another role (as on Supabase).
describe.skipIf(!pgHubAvailable())('supabase db push and db lint on PostgreSQL 15', () => {
  let db: Awaited<ReturnType<typeof createPgHubDatabase>>;
  beforeAll(async () => {
    db = await createPgHubDatabase({ grants: 'new', apply: 'none' });
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });

  test("db push applies every migration although the publication is not the migrating role's (a notice, not a failure), and a second push has nothing to do", async () => {
    const owner = await withClient(
      db.url,
      async (c) =>
        (await c.query("select pg_get_userbyid(pubowner) as o from pg_publication where pubname = 'supabase_realtime'")).rows[0].o,
    );
    expect(owner).not.toBe('postgres');
    const out = await supabaseDbPush(db.url);
    for (const f of migrationFiles(HUB_MIGRATIONS_DIR)) expect(out).toContain(`Applying migration ${f}`);
    expect(out).not.toMatch(/ERROR/);
    const versions = await withClient(db.url, async (c) =>
      (await c.query('select version from supabase_migrations.schema_migrations order by 1')).rows.map((r) => r.version),
    );
    expect(versions).toEqual(migrationFiles(HUB_MIGRATIONS_DIR).map((f) => f.split('_')[0]));
    expect(await supabaseDbPush(db.url)).toMatch(/up to date/i);
  }, 120_000);

  test('db lint finds nothing at warning level (plpgsql_check over every function)', async () => {
    // Its own database, migrated as the hub tests' are (an older release replayed is applied by the superuser).
    const linted = await createPgHubDatabase({ grants: 'new' });
    try {
      const r = await supabaseDbLint(linted.url, ['--level', 'warning']);
      expect(`${r.stdout}${r.stderr}`).toContain('No schema errors found');
    } finally {
      await linted.drop();
    }
  }, 120_000);
});
