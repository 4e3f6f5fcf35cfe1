import { useTranslation } from 'react-i18next';
import { PreferencesForm } from './PreferencesForm';
import { UserSwitcher } from './UserSwitcher';
import { SystemPanel } from './SystemPanel';
import { BackupsPanel } from './BackupsPanel';
import { AuditLog } from './AuditLog';
import { SETTINGS_SECTIONS } from './sections';

export default function SettingsPage() {
  const { t } = useTranslation('settings');
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <div className="grid-2">
        <PreferencesForm />
        <UserSwitcher />
        {SETTINGS_SECTIONS.map(({ id, component: Section }) => (
          <Section key={id} />
        ))}
        <SystemPanel />
        <BackupsPanel />
      </div>
      <AuditLog />
    </div>
  );
}
