import { afterAll, describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';
import { ApiError } from '@renderer/api/errors';
import { toastForError } from '@renderer/api/errorToast';
import { ERROR_CODES } from '@shared/errors';

const t = (key: string, opts: { defaultValue: string }) => i18n.t(key, opts);
const refused = new ApiError('session.switchUser', { code: 'forbidden', message: 'Only an admin can switch to a more privileged user' });

afterAll(() => i18n.changeLanguage('fr'));

describe('error toasts', () => {
  it('lead with a French headline for the code and keep the core’s message and channel underneath', async () => {
    await i18n.changeLanguage('fr');
    expect(toastForError(refused, t)).toEqual({
      kind: 'error',
      message: 'Votre rôle ne permet pas cette action.',
      detail: 'Only an admin can switch to a more privileged user — session.switchUser',
    });
  });

  it('follow the language', async () => {
    await i18n.changeLanguage('en');
    expect(toastForError(refused, t).message).toBe('Your role does not allow this action.');
  });

  it('have a headline for every error code the core can send, and for a dead transport', async () => {
    for (const lang of ['fr', 'en']) {
      await i18n.changeLanguage(lang);
      for (const code of [...ERROR_CODES, 'transport' as const]) {
        const toast = toastForError(new ApiError('system.info', { code, message: 'x' } as never), t);
        expect(toast.message, `${lang} ${code}`).not.toBe('x');
      }
    }
  });
});
