import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];
const b64 = (s: string | Uint8Array) => Buffer.from(typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
/** Windows-1252 bytes of a Latin-1 string (what French Excel writes for "CSV (séparateur: point-virgule)"). */
const cp1252 = (s: string) => Buffer.from(s, 'latin1');

let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

const preview = (content: string | Uint8Array) => core.router.call('csv.preview', { kind: 'clients', contentBase64: b64(content) });
const importClients = (content: string | Uint8Array, opts: { skipDuplicates?: boolean; confirmWarnings?: boolean } = {}) =>
  core.router.call('csv.importClients', { kind: 'clients', contentBase64: b64(content), ...opts });

const byName = async () => {
  const list = await core.router.call('clients.list', {});
  return new Map(list.map((c) => [c.name, c]));
};

const EXCEL_FR =
  'Type;Nom;Société;E-mail;Téléphone;Adresse;Étiquettes;Origine;Étape;Raison de la perte;Prochaine action;Date prochaine action\r\n' +
  'entreprise;Château de Vaux;;contact@vaux.fr;01 23 45 67 89;"77950 Maincy; France";mariage, premium;Salon;devis envoyé;;Relancer le devis;15/01/2027\r\n' +
  'particulier;Élodie Marchand;Château de Vaux;elodie@vaux.fr;+33 6 11 22 33 44;;;;;;;\r\n' +
  ';Jérôme Lefèvre;Fêtes & Cie;jerome@fetes.fr;06-22-33-44-55;;;Site web;perdu;Trop cher;;\r\n' +
  'particulier;Anaïs Roux;;anais@example.fr;;;;Bouche à oreille;prospect;;Appeler;03/02/2027\r\n';

describe('clients CSV import (issue 18)', () => {
  it('reads a French Excel file in Windows-1252 (";", dd/mm/yyyy, accents) and creates clients, contacts and their companies', async () => {
    const p = await preview(cp1252(EXCEL_FR));
    expect(p).toMatchObject({
      kind: 'clients',
      encoding: 'windows-1252',
      separator: ';',
      rowCount: 4,
      validCount: 4,
      // 4 rows + "Fêtes & Cie", named by a contact and not on file.
      creates: 5,
      errors: [],
      warningCount: 0,
      newCompanies: ['Fêtes & Cie'],
    });
    expect(await importClients(cp1252(EXCEL_FR))).toEqual({ kind: 'clients', created: 5, updated: 0, skippedDuplicates: 0 });
    const c = await byName();
    expect(c.get('Château de Vaux')).toMatchObject({
      kind: 'company',
      email: 'contact@vaux.fr',
      address: '77950 Maincy; France',
      tags: ['mariage', 'premium'],
      source: 'Salon',
      stage: 'quoted',
      nextAction: 'Relancer le devis',
      nextActionAt: new Date(2027, 0, 15).getTime(),
    });
    expect(c.get('Élodie Marchand')).toMatchObject({ kind: 'person', companyName: 'Château de Vaux', phone: '+33 6 11 22 33 44' });
    // No type given but a company: a person, in the company the import created.
    expect(c.get('Jérôme Lefèvre')).toMatchObject({ kind: 'person', companyName: 'Fêtes & Cie', stage: 'lost', lostReason: 'Trop cher' });
    expect(c.get('Fêtes & Cie')).toMatchObject({ kind: 'company', stage: 'lead' });
    expect(c.get('Anaïs Roux')).toMatchObject({ kind: 'person', stage: 'lead', nextActionAt: new Date(2027, 1, 3).getTime() });
    // The stage ledger has the imported stage (the conversion chart counts it).
    const page = await core.router.call('clients.get', { id: c.get('Jérôme Lefèvre')!.id });
    expect(page.stages.map((s) => [s.from, s.to, s.reason])).toEqual([
      [null, 'lead', null],
      ['lead', 'lost', 'Trop cher'],
    ]);
  });

  it('refuses the whole file when a row is bad, every problem by its line in words, and writes nothing', async () => {
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const bad =
      '\ufeffNom;E-mail;Téléphone;Étape;Date prochaine action;Type\n' +
      'Bon Client;bon@client.fr;06 00 00 00 01;prospect;;\n' +
      'Sans Arobase;pas-un-mail;;;;\n' +
      'Date Fausse;;;;31/02/2027;\n' +
      'Perdu Sans Raison;;;perdu;;\n' +
      ';sans@nom.fr;;;;\n' +
      'Mauvais Type;;;;;fournisseur\n' +
      'Téléphone Faux;;appelez-moi;;;\n';
    const p = await preview(bad);
    expect(p.badRowCount).toBe(6);
    expect(p.validCount).toBe(1);
    expect(p.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [3, 'email', 'Not an e-mail address'],
      [4, 'nextActionAt', '"31/02/2027" is not a date (dd/mm/yyyy or yyyy-mm-dd)'],
      [5, 'lostReason', 'Say why it was lost'],
      [6, 'name', 'Name is required'],
      [7, 'kind', '"fournisseur" is not a client type (entreprise/company, particulier/person)'],
      [8, 'phone', 'Not a phone number'],
    ]);
    await expect(importClients(bad)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^6 bad row\(s\) out of 7 row\(s\); nothing was imported\. Line 3: Not an e-mail address/),
    });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toEqual(before);
    // A file without a name column says which column is missing.
    const noName = await preview('E-mail;Téléphone\na@b.fr;0601020304\n');
    expect(noName.errors[0]).toMatchObject({ line: 1, code: 'csv.missingColumn', message: 'No column for required field(s): name' });
  });

  it('flags duplicates as the client form does (e-mail in any case, phone in any notation, or an earlier row) and asks what to do', async () => {
    const existing = await core.router.call('clients.create', {
      name: 'Martin SARL',
      email: 'Contact@Martin.fr',
      phone: '+33 6 12 34 56 78',
    });
    const file =
      'name,email,phone\n' +
      'Martin (autre fiche),,06.12.34.56.78\n' +
      'Martin encore,CONTACT@martin.FR,\n' +
      'Nouvelle Cliente,nouvelle@ex.fr,07 00 00 00 01\n' +
      'Nouvelle Cliente bis,,0033 7 00 00 00 01\n';
    const p = await preview(file);
    expect(p.separator).toBe(',');
    expect(p.warningCount).toBe(3);
    expect(p.warnings).toEqual([
      { kind: 'duplicate', line: 2, name: 'Martin (autre fiche)', field: 'phone', value: '06.12.34.56.78', duplicateOf: 'Martin SARL' },
      { kind: 'duplicate', line: 3, name: 'Martin encore', field: 'email', value: 'CONTACT@martin.FR', duplicateOf: 'Martin SARL' },
      {
        kind: 'duplicate',
        line: 5,
        name: 'Nouvelle Cliente bis',
        field: 'phone',
        value: '0033 7 00 00 00 01',
        duplicateOf: 'Nouvelle Cliente',
        duplicateLine: 4,
      },
    ]);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    await expect(importClients(file)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('line 2: Martin (autre fiche) has the phone number 06.12.34.56.78 of Martin SARL, already on file'),
      details: expect.objectContaining({ needsConfirmation: true, warningCount: 3 }),
    });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toEqual(before);
    // Leave them out: only the new client is created; doing it again adds nothing more.
    expect(await importClients(file, { skipDuplicates: true })).toEqual({ kind: 'clients', created: 1, updated: 0, skippedDuplicates: 3 });
    expect([...(await byName()).keys()].sort()).toEqual(['Martin SARL', 'Nouvelle Cliente']);
    expect(await importClients(file, { skipDuplicates: true })).toMatchObject({ created: 0, skippedDuplicates: 4 });
    // Or create them anyway: they then show on the duplicates screen, to merge.
    expect(await importClients(file, { confirmWarnings: true })).toMatchObject({ created: 4, warningsConfirmed: 4 });
    const groups = await core.router.call('clients.duplicates', {});
    const withMartin = groups.filter((g) => g.clients.some((c) => c.id === existing.id));
    expect(withMartin.map((g) => [g.reason, g.clients.map((c) => c.name).sort()]).sort()).toEqual([
      ['email', ['Martin SARL', 'Martin encore']],
      ['phone', ['Martin (autre fiche)', 'Martin SARL']],
    ]);
  });

  it('a skipped company row stands for the company on file: its contacts join it', async () => {
    const co = await core.router.call('clients.create', { name: 'Mairie de Sceaux', email: 'mairie@sceaux.fr' });
    const file =
      'Type;Nom;Société;E-mail\n' +
      'entreprise;Ville de Sceaux;;MAIRIE@sceaux.fr\n' +
      'particulier;Paul Adjoint;Ville de Sceaux;paul@sceaux.fr\n';
    expect(await importClients(file, { skipDuplicates: true })).toMatchObject({ created: 1, skippedDuplicates: 1 });
    const c = await byName();
    expect(c.get('Paul Adjoint')!.companyId).toBe(co.id);
    expect(c.has('Ville de Sceaux')).toBe(false);
  });

  it('exports in French Excel dialect (BOM, ";", dd/mm/yyyy) with formulas neutralised, and the export imports back the same', async () => {
    await importClients(cp1252(EXCEL_FR));
    await core.router.call('clients.create', { name: '=HYPERLINK("http://evil.test","clic")', kind: 'person', email: 'x@evil.test' });
    const fr = await core.router.call('csv.export', { kind: 'clients', format: 'fr' });
    expect(fr.rows).toBe(6);
    expect(fr.fileName).toMatch(/^opsdeck-clients-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(fr.content.startsWith('\ufeffType;Nom;Société;E-mail;Téléphone;')).toBe(true);
    expect(fr.content).toContain(
      'entreprise;Château de Vaux;;contact@vaux.fr;01 23 45 67 89;"77950 Maincy; France";;mariage, premium;Salon;devis envoyé;;Relancer le devis;15/01/2027',
    );
    // A cell a spreadsheet would run as a formula starts with an apostrophe: the name, and a phone in +33 notation.
    expect(fr.content).toContain(`particulier;"'=HYPERLINK(""http://evil.test"",""clic"")"`);
    expect(fr.content).toContain(`;"'+33 6 11 22 33 44";`);
    const en = await core.router.call('csv.export', { kind: 'clients', format: 'en' });
    expect(en.content.split('\r\n')[0]).toBe(
      'type,name,company,email,phone,address,notes,tags,source,stage,lost_reason,next_action,next_action_date',
    );
    expect(en.content).toContain(',2027-01-15\r\n');
    const strip = (l: Awaited<ReturnType<typeof byName>>) =>
      [...l.values()]
        .map((c) => [
          c.kind,
          c.name,
          c.companyName,
          c.email,
          c.phone,
          c.address,
          c.tags,
          c.source,
          c.stage,
          c.lostReason,
          c.nextAction,
          c.nextActionAt,
        ])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    const original = strip(await byName());
    for (const content of [fr.content, en.content]) {
      core.dispose();
      core = createTestCore();
      expect(await importClients(content)).toMatchObject({ created: 6, skippedDuplicates: 0 });
      expect(strip(await byName())).toEqual(original);
    }
  });

  it('is for admins: an installer cannot even preview a clients file, a viewer cannot import', async () => {
    for (const role of ['installer', 'viewer'] as const) {
      const u = insertUser(
        core.ctx.db,
        { email: `${role}@x.test`, displayName: role, role },
        { now: core.clock.now(), device: core.ctx.deviceId },
      );
      core.ctx.session.set(u.id);
      await expect(preview('Nom\nA\n')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(importClients('Nom\nA\n')).rejects.toMatchObject({ code: 'forbidden' });
      // The whole list is the office's: installers read only the clients of their events.
      if (role === 'installer')
        await expect(core.router.call('csv.export', { kind: 'clients', format: 'fr' })).rejects.toMatchObject({ code: 'forbidden' });
      else expect((await core.router.call('csv.export', { kind: 'clients', format: 'fr' })).rows).toBe(0);
    }
    expect(core.ctx.db.prepare('SELECT count(*) FROM clients').pluck().get()).toBe(0);
  });
});

describe('opsdeck import clients / export clients', () => {
  const run = promisify(execFile);
  const BIN = path.resolve('bin/opsdeck.mjs');
  const opsdeck = async (dir: string, args: string[]) => {
    try {
      const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, OPSDECK_DATA_DIR: dir } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('dry run, refusal on duplicates, --skip-duplicates, and the export', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-clientscsv-'));
    try {
      const db = path.join(dir, 'c.db');
      const first = path.join(dir, 'first.csv');
      fs.writeFileSync(first, cp1252(EXCEL_FR));
      const dry0 = await opsdeck(dir, ['import', 'clients', first, '--db', db, '--dry-run']);
      expect(dry0.stdout).toContain('4 row(s), windows-1252, separator ";"; OK. Would create 5');
      expect(dry0.stdout).toContain('New companies named by contacts: Fêtes & Cie.');
      expect((await opsdeck(dir, ['import', 'clients', first, '--db', db])).stdout).toContain(
        '5 client(s) created, 0 duplicate(s) left out',
      );
      const second = path.join(dir, 'second.csv');
      fs.writeFileSync(second, 'Nom;Téléphone\nÉlodie M.;06 11 22 33 44\nNouveau;07 98 76 54 32\n');
      const dry = await opsdeck(dir, ['import', 'clients', second, '--db', db, '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('line 2: Élodie M. has the phone number 06 11 22 33 44 of Élodie Marchand, already on file');
      expect(dry.stdout).toContain('Importing needs --skip-duplicates (leave them out) or --confirm-warnings (create them anyway).');
      const refused = await opsdeck(dir, ['import', 'clients', second, '--db', db]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/nothing was imported: 1 warning\(s\)/);
      const ok = await opsdeck(dir, ['import', 'clients', second, '--db', db, '--skip-duplicates']);
      expect(ok.stdout).toContain('1 client(s) created, 1 duplicate(s) left out');
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, 'Nom;E-mail\nX;pas-un-mail\n');
      const badRun = await opsdeck(dir, ['import', 'clients', bad, '--db', db]);
      expect(badRun.stderr).toContain('line 2 [email]: Not an e-mail address');
      const out = path.join(dir, 'clients.csv');
      const exp = await opsdeck(dir, ['export', 'clients', '--db', db, '--out', out]);
      expect(exp.stderr).toContain('6 row(s) written');
      const text = fs.readFileSync(out, 'utf8');
      expect(text.startsWith('\ufeffType;Nom;Société')).toBe(true);
      expect(text).toContain('entreprise;Nouveau;;;07 98 76 54 32;');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
