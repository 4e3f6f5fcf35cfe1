import { api } from '@renderer/api';
import i18n from '@renderer/i18n';

/** Hands a CSV the core made to the browser as a download (no file system in the renderer). */
export function saveCsvFile(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Asks the core for a CSV export and downloads it. */
export async function downloadCsv(kind: 'products' | 'services' | 'movements' | 'sales' | 'balances' | 'clients'): Promise<void> {
  const format = i18n.language === 'en' ? 'en' : 'fr';
  const res = await api.call('csv.export', { kind, format });
  saveCsvFile(res.fileName, res.content);
}
