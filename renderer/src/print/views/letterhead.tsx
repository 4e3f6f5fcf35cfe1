import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { BusinessProfile } from '@shared/model/business';
import { formatDateTime } from '@renderer/i18n/format';
import { Letterhead } from '../Letterhead';
import type { PrintViewProps } from '../registry';

const LetterheadData = z.object({ business: BusinessProfile, generatedAt: z.number() });

/** Settings → business: how every printed document will be headed. */
export default function LetterheadView({ data }: PrintViewProps) {
  const { t } = useTranslation('print');
  const { business, generatedAt } = LetterheadData.parse(data);
  return (
    <>
      <Letterhead business={business} aside={<span className="print-muted">{formatDateTime(generatedAt)}</span>} />
      <h1>{t('letterhead.title')}</h1>
      <p>{t('letterhead.body')}</p>
    </>
  );
}
