import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Issue 12: a file with mixed encodings was decoded as Windows-1252 and stored "cafÃ©"; UTF-16
// files got "No column for required field(s): sku"; a duplicated header kept the first silently.
let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

const b64 = (b: Buffer) => b.toString('base64');
const HEADER = 'Référence;Désignation;Prix de vente\r\n';
const importBytes = (bytes: Buffer) =>
  core.router.request({ channel: 'csv.importCatalog', input: { kind: 'products', contentBase64: b64(bytes) } });
const previewBytes = (bytes: Buffer) =>
  core.router.request({ channel: 'csv.preview', input: { kind: 'products', contentBase64: b64(bytes) } });
const products = () => core.ctx.db.prepare('SELECT name FROM products ORDER BY sku').pluck().all() as string[];

describe('CSV encodings and headers', () => {
  it('a file mixing UTF-8 and Windows-1252 lines is refused with both encodings and their lines named; nothing stored', async () => {
    const bytes = Buffer.concat([Buffer.from(HEADER + 'CAFE-1;Café crème;2,5\r\n', 'utf8'), Buffer.from('THE-1;Thé vert;3\r\n', 'latin1')]);
    for (const r of [await previewBytes(bytes), await importBytes(bytes)]) {
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', details: { reason: 'mixed_encoding', utf8Line: 1, cp1252Line: 3 } },
      });
      expect((r as { error: { message: string } }).error.message).toMatch(
        /mixes two encodings: line 1 is UTF-8 and line 3 is Windows-1252/,
      );
    }
    expect(products()).toEqual([]);
  });

  it.each([
    ['UTF-16 LE', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16 LE', (t: string) => Buffer.from(t, 'utf16le')],
    ['UTF-16 BE', (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
  ])('a %s file gets an error naming its encoding (not "No column for sku")', async (name, encode) => {
    const r = await importBytes(encode(HEADER + 'CAFE-1;Café;2,5\r\n'));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason: 'encoding', encoding: name } } });
    expect((r as { error: { message: string } }).error.message).toContain(`encoded in ${name}`);
    expect(products()).toEqual([]);
  });

  it('a duplicated header is refused, naming the column and both positions', async () => {
    const bytes = Buffer.from('Référence;Désignation;Prix de vente;designation\r\nCAFE-1;Café;2,5;Autre\r\n', 'utf8');
    const r = await importBytes(bytes);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason: 'duplicate_header', columns: [2, 4] } } });
    expect(await previewBytes(bytes)).toMatchObject({ ok: false, error: { details: { reason: 'duplicate_header' } } });
    expect(products()).toEqual([]);
  });

  it('plain UTF-8 and plain Windows-1252 files still import', async () => {
    expect(await importBytes(Buffer.from(HEADER + 'CAFE-1;Café;2,5\r\n', 'utf8'))).toMatchObject({ ok: true });
    expect(await importBytes(Buffer.from(HEADER + 'THE-1;Thé;3\r\n', 'latin1'))).toMatchObject({ ok: true });
    expect(products()).toEqual(['Café', 'Thé']);
  });
});
