import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { flushDeliveries, scanAlerts } from '@core/modules/notify/index.js';
import { quietUntil, backoffMs } from '@core/modules/notify/rules.js';
import type { NotifyRules } from '@shared/model/notify.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { startSmtpDouble, startWebhookDouble, type SmtpDouble, type WebhookDouble } from '../fixtures/mail-double.js';

let core: TestCore;
let smtp: SmtpDouble;
let hook: WebhookDouble;
const T0 = new Date(2026, 10, 23, 14, 0, 0).getTime(); // 14:00 local

beforeAll(async () => {
  smtp = await startSmtpDouble({ user: 'opsdeck', pass: 's3cret' });
  hook = await startWebhookDouble();
});
afterAll(async () => {
  await smtp.close();
  await hook.close();
});
beforeEach(() => {
  core = createTestCore({ start: T0 });
  smtp.messages.length = 0;
  hook.calls.length = 0;
});
afterEach(() => core.dispose());

const rules: NotifyRules = { kinds: ['paper_critical'], minSeverity: 'warning', quietHours: null, onClear: true };
async function channels(r = rules) {
  const mail = await core.router.call('notify.channels.save', {
    kind: 'email',
    name: 'Astreinte',
    language: 'fr',
    config: {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: 'opsdeck',
      from: 'opsdeck@example.test',
      to: ['astreinte@example.test'],
    },
    rules: r,
    secret: 's3cret',
  });
  const web = await core.router.call('notify.channels.save', {
    kind: 'webhook',
    name: 'ntfy',
    language: 'en',
    config: { url: hook.url, secretHeader: 'X-OpsDeck-Secret' },
    rules: r,
    secret: 'hook-secret',
  });
  return { mail, web };
}
const pass = async () => {
  scanAlerts(core.ctx);
  return flushDeliveries(core.ctx);
};
/** The message as text: quoted-printable soft breaks joined and =XX bytes decoded as UTF-8. */
const decode = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

describe('notifications', () => {
  it('paper critical: one e-mail (SMTP auth) and one webhook call on raise, one each on clear, each audited', async () => {
    await channels();
    await core.router.call('booths.create', { name: 'Borne Dune', remainingPrints: 600 });
    await pass();
    expect(smtp.messages.length + hook.calls.length).toBe(0);
    core.clock.advance(60_000);
    await core.router.call('booths.update', { id: (await core.router.call('booths.list', {}))[0]!.id, remainingPrints: 200 });
    expect(await pass()).toEqual({ sent: 2, failed: 0 });
    await pass();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ to: ['astreinte@example.test'], user: 'opsdeck' });
    const mail = decode(smtp.messages[0]!.raw);
    expect(mail).toMatch(/Subject: .*OpsDeck/);
    expect(mail).toContain('Papier critique sur Borne Dune.');
    expect(mail).toContain('Reste 200 tirages (seuil 275).');
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]!.headers['x-opsdeck-secret']).toBe('hook-secret');
    expect(hook.calls[0]!.body).toMatchObject({
      event: 'alert.raised',
      subject: '[OpsDeck] Critical: Paper critical — Borne Dune',
      alert: { kind: 'paper_critical', booth: 'Borne Dune' },
    });

    core.clock.advance(60_000);
    await core.router.call('booths.reloadPaper', { booth: 'Borne Dune' });
    await pass();
    await pass();
    expect(smtp.messages).toHaveLength(2);
    expect(decode(smtp.messages[1]!.raw)).toContain('Papier critique sur Borne Dune : résolu.');
    expect(hook.calls).toHaveLength(2);
    expect(hook.calls[1]!.body).toMatchObject({ event: 'alert.cleared' });
    const audited = core.ctx.db
      .prepare("SELECT outcome, details FROM audit_log WHERE action = 'notify.send' ORDER BY rowid")
      .all() as Array<{ outcome: string; details: string }>;
    expect(audited.map((a) => [a.outcome, JSON.parse(a.details).phase, JSON.parse(a.details).via])).toEqual([
      ['ok', 'raised', 'email'],
      ['ok', 'raised', 'webhook'],
      ['ok', 'cleared', 'email'],
      ['ok', 'cleared', 'webhook'],
    ]);
    // The secret never reaches the audit log.
    expect(JSON.stringify(core.ctx.db.prepare('SELECT details FROM audit_log').pluck().all())).not.toMatch(/s3cret|hook-secret/);
  });

  it('rules: kinds and minimum severity filter; a low-paper warning is not sent to a critical-only channel', async () => {
    await channels({ kinds: ['paper_warning', 'paper_critical'], minSeverity: 'critical', quietHours: null, onClear: false });
    await core.router.call('booths.create', { name: 'Borne Cèdre', remainingPrints: 300 });
    await pass();
    expect(smtp.messages).toHaveLength(0);
    const b = (await core.router.call('booths.list', {}))[0]!;
    await core.router.call('booths.update', { id: b.id, remainingPrints: 100 });
    await pass();
    expect(smtp.messages).toHaveLength(1);
    await core.router.call('booths.reloadPaper', { booth: b.id });
    await pass();
    expect(smtp.messages).toHaveLength(1); // onClear off
  });

  it('retries with backoff when the webhook fails, then sends once', async () => {
    await channels();
    hook.failNext(2);
    await core.router.call('booths.create', { name: 'Borne Dune', remainingPrints: 100 });
    expect(await pass()).toEqual({ sent: 1, failed: 1 });
    expect(await pass()).toEqual({ sent: 0, failed: 0 }); // not due yet
    core.clock.advance(backoffMs(1));
    expect(await pass()).toEqual({ sent: 0, failed: 1 });
    core.clock.advance(backoffMs(2));
    expect(await pass()).toEqual({ sent: 1, failed: 0 });
    expect(hook.calls).toHaveLength(1);
    const failed = core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'notify.send' AND outcome = 'failed'").pluck().get();
    expect(failed).toBe(2);
  });

  it('quiet hours hold a message until they end', async () => {
    const at = new Date(2026, 10, 23, 23, 30).getTime();
    expect(quietUntil(at, { start: '22:00', end: '07:00' })).toBe(new Date(2026, 10, 24, 7, 0).getTime());
    expect(quietUntil(new Date(2026, 10, 23, 12, 0).getTime(), { start: '22:00', end: '07:00' })).toBeNull();
    core.clock.set(at);
    await channels({ ...rules, quietHours: { start: '22:00', end: '07:00' } });
    await core.router.call('booths.create', { name: 'Borne Dune', remainingPrints: 100 });
    await pass();
    expect(smtp.messages.length + hook.calls.length).toBe(0);
    core.clock.set(new Date(2026, 10, 24, 7, 0).getTime());
    await pass();
    expect(smtp.messages).toHaveLength(1);
    expect(hook.calls).toHaveLength(1);
  });

  it('test send: a wrong SMTP password says why; the right one delivers', async () => {
    const { mail } = await channels();
    await core.router.call('notify.channels.save', {
      id: mail.id,
      kind: 'email',
      name: 'Astreinte',
      config: {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: 'opsdeck',
        from: 'opsdeck@example.test',
        to: ['astreinte@example.test'],
      },
      rules,
      secret: 'wrong',
    });
    const bad = await core.router.call('notify.channels.test', { id: mail.id });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/Invalid|auth/i);
    expect(bad.reason).toBe('auth_failed');
    await core.router.call('notify.channels.save', {
      id: mail.id,
      kind: 'email',
      name: 'Astreinte',
      config: {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: 'opsdeck',
        from: 'opsdeck@example.test',
        to: ['astreinte@example.test'],
      },
      rules,
      secret: 's3cret',
    });
    expect(await core.router.call('notify.channels.test', { id: mail.id })).toEqual({ ok: true, error: null, reason: null });
    expect(decode(smtp.messages.at(-1)!.raw)).toContain('Ce canal (« Astreinte ») fonctionne');
    const list = await core.router.call('notify.channels.list', {});
    expect(list.find((c) => c.id === mail.id)).toMatchObject({ hasSecret: true, lastDelivery: { status: 'sent' } });
    expect(JSON.stringify(list)).not.toContain('s3cret');
  });
});
