import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { flushDeliveries, scanAlerts } from '@core/modules/notify/index.js';
import { parseSendError } from '@shared/model/notify.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { startSmtpDouble, type SmtpDouble } from '../fixtures/mail-double.js';
import { saveSmtpChannel } from '../fixtures/notify-channel.js';
import { selfSignedCert } from '../fixtures/self-signed-cert.js';

// Issue 16: e-mail over TLS — implicit TLS (port 465 style) and STARTTLS — against the local SMTP
// double with a self-signed certificate made in the test, with AUTH; the certificate is trusted
// only when the channel names it, and a refused send says why in words the screens translate.
const T0 = new Date(2026, 10, 23, 14, 0, 0).getTime();
const { key, cert } = selfSignedCert();
const stranger = selfSignedCert();
let implicit: SmtpDouble;
let starttls: SmtpDouble;
let core: TestCore;

beforeAll(async () => {
  implicit = await startSmtpDouble({ user: 'opsdeck', pass: 's3cret', tls: { mode: 'implicit', key, cert } });
  starttls = await startSmtpDouble({ user: 'opsdeck', pass: 's3cret', tls: { mode: 'starttls', key, cert } });
});
afterAll(async () => {
  await implicit.close();
  await starttls.close();
});
beforeEach(() => {
  core = createTestCore({ start: T0 });
  implicit.messages.length = 0;
  starttls.messages.length = 0;
});
afterEach(() => core.dispose());

const save = (port: number, security: 'tls' | 'starttls' | 'none', trustedCert: string | null, secret?: string, id?: string) =>
  saveSmtpChannel(core, { port, security, trustedCert, secret, id });
const test = (id: string) => core.router.call('notify.channels.test', { id });

describe('SMTP over TLS', () => {
  it('implicit TLS (465): refused while the self-signed certificate is not trusted, sent with AUTH once the channel trusts it', async () => {
    const ch = await save(implicit.port, 'tls', null);
    const refused = await test(ch.id);
    expect(refused).toMatchObject({ ok: false, reason: 'tls_untrusted' });
    expect(refused.error).toMatch(/^\[tls_untrusted\] .*self-signed certificate/);
    expect(implicit.messages).toHaveLength(0);
    // Another certificate than the server's is no better: verification stays on.
    await save(implicit.port, 'tls', stranger.cert, undefined, ch.id);
    expect(await test(ch.id)).toMatchObject({ ok: false, reason: 'tls_untrusted' });

    await save(implicit.port, 'tls', cert, undefined, ch.id);
    expect(await test(ch.id)).toEqual({ ok: true, error: null, reason: null });
    expect(implicit.messages).toHaveLength(1);
    expect(implicit.messages[0]).toMatchObject({ secure: true, user: 'opsdeck', to: ['astreinte@example.test'] });
    // A wrong password over the trusted TLS link: said as such.
    await save(implicit.port, 'tls', cert, 'wrong', ch.id);
    expect(await test(ch.id)).toMatchObject({ ok: false, reason: 'auth_failed' });
  });

  it('STARTTLS (587): upgraded before AUTH; a plain channel is told the server wants encryption; a paper alert goes through', async () => {
    const ch = await save(starttls.port, 'starttls', null);
    expect(await test(ch.id)).toMatchObject({ ok: false, reason: 'tls_untrusted' });
    await save(starttls.port, 'none', null, undefined, ch.id);
    expect(await test(ch.id)).toMatchObject({ ok: false, reason: 'tls_required' });
    // Implicit TLS against a STARTTLS port: the wrong mode is named.
    await save(starttls.port, 'tls', cert, undefined, ch.id);
    expect(await test(ch.id)).toMatchObject({ ok: false, reason: 'tls_mismatch' });
    expect(starttls.messages).toHaveLength(0);

    await save(starttls.port, 'starttls', cert, undefined, ch.id);
    expect(await test(ch.id)).toMatchObject({ ok: true });
    expect(starttls.messages.at(-1)).toMatchObject({ secure: true, user: 'opsdeck' });

    // End to end: paper goes critical, the raise is sent over STARTTLS, the channel list shows it sent.
    const booth = await core.router.call('booths.create', { name: 'Borne Dune', remainingPrints: 600 });
    scanAlerts(core.ctx);
    await flushDeliveries(core.ctx);
    core.clock.advance(60_000);
    await core.router.call('booths.update', { id: booth.id, remainingPrints: 100 });
    scanAlerts(core.ctx);
    expect(await flushDeliveries(core.ctx)).toEqual({ sent: 1, failed: 0 });
    expect(starttls.messages).toHaveLength(2);
    expect(starttls.messages[1]!.secure).toBe(true);
    const list = await core.router.call('notify.channels.list', {});
    expect(list[0]).toMatchObject({ lastDelivery: { status: 'sent', error: null }, config: { trustedCert: cert.trim() } });
  });

  it('a delivery refused for an untrusted certificate is stored and audited with its reason, and retried', async () => {
    const ch = await save(starttls.port, 'starttls', null);
    const booth = await core.router.call('booths.create', { name: 'Borne Givre', remainingPrints: 600 });
    core.clock.advance(60_000);
    await core.router.call('booths.update', { id: booth.id, remainingPrints: 100 });
    scanAlerts(core.ctx);
    expect(await flushDeliveries(core.ctx)).toEqual({ sent: 0, failed: 1 });
    const last = (await core.router.call('notify.channels.list', {}))[0]!.lastDelivery!;
    expect(last.status).toBe('pending');
    expect(parseSendError(last.error)).toMatchObject({ reason: 'tls_untrusted' });
    const audit = core.ctx.db
      .prepare("SELECT outcome, json_extract(details, '$.error') AS error FROM audit_log WHERE action = 'notify.send' AND target = ?")
      .get(ch.id) as { outcome: string; error: string };
    expect(audit.outcome).toBe('failed');
    expect(audit.error).toMatch(/^\[tls_untrusted\]/);
    // The admin trusts the certificate; the retry (after its backoff) goes through.
    await save(starttls.port, 'starttls', cert, undefined, ch.id);
    core.clock.advance(60_000);
    expect(await flushDeliveries(core.ctx)).toEqual({ sent: 1, failed: 0 });
  });

  it('a certificate that is not PEM is refused on save', async () => {
    const bad = await save(implicit.port, 'tls', 'not a certificate').catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'invalid_input' });
  });

  it('parseSendError reads stored errors, old ones too', () => {
    expect(parseSendError('[auth_failed] Invalid login: 535')).toEqual({ reason: 'auth_failed', detail: 'Invalid login: 535' });
    expect(parseSendError('HTTP 503 Service Unavailable')).toEqual({ reason: 'other', detail: 'HTTP 503 Service Unavailable' });
    expect(parseSendError(null)).toBeNull();
  });
});
