import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '@renderer/app/FilePicker';
import { DataImage } from '@renderer/app/DataImage';
import { saveExportedFile } from '@renderer/app/download';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { CURRENCIES, type BusinessProfile } from '@shared/model/business';
import { fieldMessages, say, word, type Said } from '@renderer/api/fieldErrors';
import { useFocusFirstError } from '@renderer/app/useFocusFirstError';
import { useLeaveGuard } from '@renderer/app/useLeaveGuard';

const MAX_LOGO_BYTES = 200 * 1024;

/** The business profile form: the set-up's first step, and Settings → Business afterwards. */
export function BusinessForm({
  initial,
  onSaved,
  submitLabel,
}: {
  initial: BusinessProfile | null;
  onSaved: (b: BusinessProfile) => void;
  submitLabel: string;
}) {
  const { t } = useTranslation('setup');
  const language = useSystem((s) => s.settings?.language ?? 'fr');
  const saveSettings = useSystem((s) => s.saveSettings);
  const [form, setForm] = useState<BusinessProfile>(
    initial ?? { name: '', address: '', vatNumber: '', logo: null, currency: 'EUR', language },
  );
  /** What is stored (or the new profile's defaults): leaving with anything else asks first. */
  const [stored, setStored] = useState<BusinessProfile>(form);
  const leave = useLeaveGuard(JSON.stringify(form) !== JSON.stringify(stored));
  const [errors, setErrors] = useState<Record<string, Said>>({});
  const [error, setError] = useState<Said | null>(null);
  const [busy, setBusy] = useState(false);
  const focus = useFocusFirstError<HTMLFormElement>();
  const preview = async () => {
    setBusy(true);
    setError(null);
    try {
      saveExportedFile(await api.call('setup.letterhead.pdf', {}, { silent: true }));
    } catch (err) {
      const { _: general, ...byField } = fieldMessages(err);
      setError(general ?? Object.values(byField)[0] ?? null);
    } finally {
      setBusy(false);
    }
  };
  const set = <K extends keyof BusinessProfile>(k: K, v: BusinessProfile[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    // The field the user is correcting drops its error (it told them what to fix; it no longer applies).
    setErrors(({ [k]: _fixed, ...rest }) => rest);
  };

  const readLogo = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) return setErrors((e) => ({ ...e, logo: say('setup:business.logoTooLarge') }));
    const url = await new Promise<string>((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.onerror = () => reject(r.error);
      r.readAsDataURL(file);
    });
    setErrors(({ logo: _drop, ...rest }) => rest);
    set('logo', url);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const saved = await api.call('setup.business.set', form, { silent: true });
      if (saved.language !== language) await saveSettings({ language: saved.language });
      setStored(saved);
      setForm(saved);
      leave.release();
      onSaved(saved);
    } catch (err) {
      const { _: general, ...byField } = fieldMessages(err);
      setErrors(byField);
      if (general) setError(general);
      focus.refused();
    } finally {
      setBusy(false);
    }
  };

  const field = (k: keyof BusinessProfile) =>
    errors[k] ? (
      <span className="field-error" role="alert">
        {word(errors[k])}
      </span>
    ) : null;
  return (
    <form ref={focus.ref} className="setup-form" onSubmit={(e) => void submit(e)} noValidate data-testid="business-form">
      <label>
        <span>{t('business.name')} *</span>
        <input
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          maxLength={120}
          autoFocus
          aria-invalid={Boolean(errors.name)}
        />
        {field('name')}
      </label>
      <label>
        <span>{t('business.address')}</span>
        <textarea rows={3} value={form.address} onChange={(e) => set('address', e.target.value)} maxLength={500} />
        {field('address')}
      </label>
      <label>
        <span>{t('business.vatNumber')}</span>
        <input
          value={form.vatNumber}
          onChange={(e) => set('vatNumber', e.target.value)}
          placeholder="FR12345678901"
          maxLength={40}
          aria-invalid={Boolean(errors.vatNumber)}
        />
        {field('vatNumber')}
      </label>
      <div className="setup-row">
        <label>
          <span>{t('business.currency')}</span>
          <select value={form.currency} onChange={(e) => set('currency', e.target.value as BusinessProfile['currency'])}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('business.language')}</span>
          <select value={form.language} onChange={(e) => set('language', e.target.value as BusinessProfile['language'])}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <FilePicker
        label={t('business.logo')}
        accept="image/png,image/jpeg,image/webp,image/svg+xml"
        testId="business-logo"
        onFile={(f) => void readLogo(f)}
      >
        {field('logo')}
      </FilePicker>
      {form.logo && (
        <div className="setup-logo">
          <DataImage dataUrl={form.logo} alt={t('business.logoPreview')} />
          <button type="button" onClick={() => set('logo', null)}>
            {t('business.logoRemove')}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {word(error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {initial && (
          <button type="button" disabled={busy} onClick={() => void preview()} data-testid="letterhead-pdf">
            {t('business.letterheadPdf')}
          </button>
        )}
      </div>
    </form>
  );
}
