import { useTranslation } from 'react-i18next';
import { DataImage } from '@renderer/app/DataImage';
import type { BusinessProfile } from '@shared/model/business';

/** The business's header on every printed document (quotes, reports): logo, name, address, VAT number. */
export function Letterhead({ business, aside }: { business: BusinessProfile; aside?: React.ReactNode }) {
  const { t } = useTranslation('print');
  return (
    <header className="letterhead">
      <div>
        {business.logo ? <DataImage className="letterhead-logo" dataUrl={business.logo} alt={business.name} /> : null}
        <div className="letterhead-name">{business.name}</div>
        {business.address ? <div className="letterhead-lines">{business.address}</div> : null}
        {business.vatNumber ? <div className="letterhead-lines">{t('vatNumber', { vat: business.vatNumber })}</div> : null}
      </div>
      {aside ? <div>{aside}</div> : null}
    </header>
  );
}
