import { useTranslation } from 'react-i18next';
import { ImportWizard } from '../stock/ImportWizard';
import { ClientsNav } from './nav';

/** #/clients/import: a clients CSV through the catalog's import wizard (preview, duplicates, all or nothing). */
export function ImportClients() {
  const { t } = useTranslation('clients');
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('importTitle')}</h1>
        <p className="muted">{t('importHelp')}</p>
      </header>
      <ClientsNav current="import" />
      <ImportWizard initialKind="clients" fixedKind />
    </div>
  );
}
