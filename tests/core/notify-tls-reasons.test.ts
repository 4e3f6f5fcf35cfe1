import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSendError } from '@shared/model/notify.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { startSmtpDouble, type SmtpDouble } from '../fixtures/mail-double.js';
import { saveSmtpChannel } from '../fixtures/notify-channel.js';
import { selfSignedCert } from '../fixtures/self-signed-cert.js';

// The two TLS refusals tests/core/notify-tls did not reach: a certificate for another name and an
// expired one. Each is made in the test, served by the local SMTP double and TRUSTED by the channel
// (pasted as its certificate), so the trust check passes and the refusal is the name or the dates.
const DAY = 86_400_000;
const wrongName = selfSignedCert({ commonName: 'mail.ailleurs.test', names: ['mail.ailleurs.test'] });
// Valid from 61 days ago for 30 days: expired a month ago.
const expired = selfSignedCert({ now: Date.now() - 60 * DAY, days: 30 });
const words = (lang: 'fr' | 'en') =>
  (JSON.parse(fs.readFileSync(`renderer/src/i18n/${lang}/notify.json`, 'utf8')) as { failures: Record<string, string> }).failures;

let doubles: SmtpDouble[] = [];
let core: TestCore;
beforeAll(async () => {
  doubles = await Promise.all(
    [wrongName, expired].flatMap(({ key, cert }) => [
      startSmtpDouble({ user: 'opsdeck', pass: 's3cret', tls: { mode: 'implicit', key, cert } }),
      startSmtpDouble({ user: 'opsdeck', pass: 's3cret', tls: { mode: 'starttls', key, cert } }),
    ]),
  );
});
afterAll(async () => {
  await Promise.all(doubles.map((d) => d.close()));
});
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

const channel = (port: number, security: 'tls' | 'starttls', trustedCert: string) => saveSmtpChannel(core, { port, security, trustedCert });

describe('SMTP TLS refusals: name mismatch and expired certificate', () => {
  const cases = [
    { what: 'a certificate for another server name', cert: wrongName.cert, at: 0, reason: 'tls_hostname', fr: /nom/, en: /server name/ },
    { what: 'an expired certificate', cert: expired.cert, at: 2, reason: 'tls_expired', fr: /expiré/, en: /expired/ },
  ] as const;
  for (const c of cases)
    for (const [i, security] of (['tls', 'starttls'] as const).entries())
      it(`${c.what} over ${security === 'tls' ? 'implicit TLS' : 'STARTTLS'}: refused, nothing sent, said as ${c.reason} in FR and EN`, async () => {
        const smtp = doubles[c.at + i]!;
        const before = smtp.messages.length;
        const ch = await channel(smtp.port, security, c.cert);
        const r = await core.router.call('notify.channels.test', { id: ch.id });
        expect(r).toMatchObject({ ok: false, reason: c.reason });
        expect(parseSendError(r.error)).toMatchObject({ reason: c.reason });
        expect(smtp.messages.length).toBe(before);
        expect(words('fr')[c.reason]).toMatch(c.fr);
        expect(words('en')[c.reason]).toMatch(c.en);
      });

  it('a certificate made the same way with this server’s name and current dates is accepted: the refusals above come from the name and the dates', async () => {
    // The control: made as above, but naming 127.0.0.1 and valid today.
    const fine = selfSignedCert({ commonName: 'mail.ailleurs.test', names: ['mail.ailleurs.test', '127.0.0.1'] });
    const smtp = await startSmtpDouble({ user: 'opsdeck', pass: 's3cret', tls: { mode: 'implicit', ...fine } });
    try {
      const ch = await channel(smtp.port, 'tls', fine.cert);
      expect(await core.router.call('notify.channels.test', { id: ch.id })).toEqual({ ok: true, error: null, reason: null });
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});
