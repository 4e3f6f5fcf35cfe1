import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A file field that speaks the app's language. Chromium draws a native file input in the
 * system's language, so a French screen on an English system read "Choose File / No file chosen".
 * The native input stays in the label (visually hidden, still focusable and named by the label):
 * a click anywhere on the label, or Space/Enter on the focused input, opens the picker, and tests
 * set files on it. The visible button and file name beside it are drawn here, hidden from screen
 * readers, which announce the native input itself.
 */
export function FilePicker({
  label,
  onFile,
  accept,
  capture,
  testId,
  className,
  children,
}: {
  label: ReactNode;
  onFile: (file: File | undefined) => void;
  accept?: string;
  capture?: 'environment' | 'user';
  testId?: string;
  className?: string;
  /** Shown under the field (its error). */
  children?: ReactNode;
}) {
  const { t } = useTranslation('common');
  const [name, setName] = useState<string | null>(null);
  return (
    <label className={['file-picker', className].filter(Boolean).join(' ')}>
      <span>{label}</span>
      <input
        type="file"
        className="visually-hidden"
        accept={accept}
        capture={capture}
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          setName(f?.name ?? null);
          onFile(f);
        }}
      />
      <span className="file-picker-row" aria-hidden="true">
        <span className="file-picker-button">{t('file.choose')}</span>
        <span className="file-picker-name">{name ?? t('file.none')}</span>
      </span>
      {children}
    </label>
  );
}
