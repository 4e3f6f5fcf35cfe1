import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeOcr } from '@core/modules/receiving/index.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// A delivery note that cannot be read must end its job: the title bar showed it at 0 % for good.
let core: TestCore;
let progress: Array<{ jobId: string; done: number; total: number; message?: string }>;
beforeEach(() => {
  core = createTestCore();
  progress = [];
  core.ctx.events.subscribe((e) => {
    if (e.event === 'job.progress') progress.push(e.payload as (typeof progress)[number]);
  });
});
afterEach(async () => {
  await closeOcr(core.ctx);
  core.dispose();
});

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

it.each([
  ['a PNG that is not one past its signature', 'broken.png', 'image/png', Buffer.concat([PNG_MAGIC, Buffer.from('garbage garbage')])],
  ['a PDF that does not open', 'broken.pdf', 'application/pdf', Buffer.from('%PDF-1.4 nothing else')],
] as const)(
  '%s: refused with a clear message, and its reading job ends (stopped)',
  async (_what, fileName, mime, bytes) => {
    await expect(core.router.call('deliveryNotes.read', { fileName, mime, base64: bytes.toString('base64') })).rejects.toMatchObject({
      code: 'invalid_input',
      details: expect.objectContaining({ reason: 'ocr.unreadable' }),
    });
    expect(progress.length).toBeGreaterThan(0);
    const jobs = new Set(progress.map((p) => p.jobId));
    expect(jobs.size).toBe(1);
    expect(progress.at(-1)).toMatchObject({ message: 'cancelled' });
  },
  60_000,
);
