import { describe, test, expect } from 'vitest';
import { classifyFailure, backoffDelay } from '@core/modules/sync/classify.js';
import { SqlParams, logic, whereClause, orderClause, FilterError } from '../fixtures/hub-double/filters.js';

describe('failure classification', () => {
  test.each([
    [{ status: 0, code: '', message: 'fetch failed' }, 'transient'],
    // An answer cut on the way: a success status, the body did not parse.
    [{ status: 200, code: '', message: '[{"id":"a","sync_txid":4' }, 'transient'],
    [{ status: 503, code: 'PGRST000', message: '' }, 'transient'],
    [{ status: 429, code: '', message: '' }, 'transient'],
    [{ status: 408, code: '', message: '' }, 'transient'],
    [{ status: 409, code: '40001', message: '' }, 'transient'],
    [{ status: 401, code: 'PGRST303', message: 'JWT expired' }, 'auth'],
    [{ status: 403, code: '42501', message: 'rls' }, 'permanent'],
    [{ status: 400, code: '23514', message: 'check' }, 'permanent'],
    [{ status: 409, code: '23505', message: 'dup' }, 'permanent'],
    [{ status: 404, code: 'PGRST202', message: 'no fn' }, 'permanent'],
  ] as const)('%o is %s', (f, kind) => {
    expect(classifyFailure(f)).toBe(kind);
  });

  test('backoff stays within the full-jitter envelope and the cap', () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(2000);
    expect(backoffDelay(3, () => 0.5)).toBe(8000);
    expect(backoffDelay(30, () => 0.999)).toBeLessThan(5 * 60_000);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});

describe('the double parses PostgREST filters as supabase-js sends them', () => {
  test('compound cursor or=(…,and(…))', () => {
    const p = new SqlParams();
    expect(logic('OR', '(sync_txid.gt.10,and(sync_txid.eq.10,sync_seq.gt.7))', p)).toBe(
      '("sync_txid" > $1 OR ("sync_txid" = $2 AND "sync_seq" > $3))',
    );
    expect(p.values).toEqual(['10', '10', '7']);
  });
  test('filters, in-lists, is, not, order', () => {
    const p = new SqlParams();
    const q = new URLSearchParams('select=*&a=eq.x&b=in.(1,"2,3")&c=is.null&d=not.lt.4&order=a.asc,b.desc.nullslast&limit=3');
    expect(whereClause(q, p)).toBe('WHERE "a" = $1 AND "b" IN ($2, $3) AND "c" IS NULL AND NOT ("d" < $4)');
    expect(p.values).toEqual(['x', '1', '2,3', '4']);
    expect(orderClause(q.get('order'))).toBe('ORDER BY "a" ASC, "b" DESC NULLS LAST');
  });
  test('identifiers are checked, never interpolated', () => {
    expect(() => whereClause(new URLSearchParams('a;drop table x=eq.1'), new SqlParams())).toThrow(FilterError);
    expect(() => orderClause('a.sideways')).toThrow(FilterError);
    expect(() => logic('OR', '(a.gt.1', new SqlParams())).toThrow(FilterError);
  });
});
