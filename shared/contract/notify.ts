import { z } from 'zod';
import { ADMIN_ONLY } from '../model/roles.js';
import { NotifyChannel, NotifyChannelInput, SEND_FAILURES } from '../model/notify.js';
import { defineChannels } from './define.js';

/** Alerts that reach people (issue 16): channels (SMTP e-mail, webhook) with rules, set up by an admin on this device. */
export const notifyChannels = defineChannels({
  'notify.channels.list': { kind: 'query', input: z.strictObject({}), output: z.array(NotifyChannel), roles: ADMIN_ONLY },
  'notify.channels.save': { kind: 'mutation', input: NotifyChannelInput, output: NotifyChannel, roles: ADMIN_ONLY, redact: ['secret'] },
  'notify.channels.remove': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    output: z.object({ removed: z.literal(true) }),
    roles: ADMIN_ONLY,
  },
  /** Sends a test message now through one channel; answers with what happened (never throws for a refused send). */
  'notify.channels.test': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    /** `reason` says why in words the screens translate (untrusted certificate, refused login…); `error` is the transport's text. */
    output: z.object({ ok: z.boolean(), error: z.string().nullable(), reason: z.enum(SEND_FAILURES).nullable() }),
    roles: ADMIN_ONLY,
  },
});
