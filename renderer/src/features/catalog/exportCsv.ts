import { api } from '../../api';
import i18n from '../../i18n';

/** Asks the core for a CSV and hands it to the browser as a download (no file system in the renderer). */
export async function downloadCsv(kind: 'products' | 'services' | 'movements' | 'sales' | 'balances'): Promise<void> {
  const format = i18n.language === 'en' ? 'en' : 'fr';
  const res = await api.call('csv.export', { kind, format });
  const url = URL.createObjectURL(new Blob([res.content], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = res.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
