import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { AppError } from '@shared/errors.js';

/**
 * Tesseract (tesseract.js, WebAssembly, in its own worker thread) with the French and English
 * models of @tesseract.js-data/fra and /eng: unpacked once into the data folder and read from there,
 * never downloaded (langPath is a local folder, cacheMethod 'none': no CDN fallback, no cache writes).
 */
export const OCR_LANGS = ['fra', 'eng'] as const;

const require = createRequire(import.meta.url);

/** The models' folder, filled from the npm packages on first use. */
export function prepareLangData(dataDir: string): string {
  const dir = path.join(dataDir, 'ocr-lang');
  fs.mkdirSync(dir, { recursive: true });
  for (const lang of OCR_LANGS) {
    const target = path.join(dir, `${lang}.traineddata`);
    if (fs.existsSync(target)) continue;
    const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    // best_int: the integer LSTM model, several times smaller and faster than the float one, for printed notes.
    const gz = path.join(pkg, '4.0.0_best_int', `${lang}.traineddata.gz`);
    fs.writeFileSync(`${target}.tmp`, zlib.gunzipSync(fs.readFileSync(gz)));
    fs.renameSync(`${target}.tmp`, target);
  }
  return dir;
}

export interface OcrEngine {
  recognize(image: Buffer, onProgress?: (ratio: number) => void): Promise<string>;
  close(): Promise<void>;
}

/** One tesseract worker, created on first use and kept warm; one recognition at a time. */
export function tesseractEngine(dataDir: string): OcrEngine {
  let worker: Promise<Worker> | null = null;
  let progress: ((ratio: number) => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const start = () =>
    (worker ??= createWorker([...OCR_LANGS], OEM.LSTM_ONLY, {
      langPath: prepareLangData(dataDir),
      gzip: false,
      cacheMethod: 'none',
      logger: (m: { status: string; progress: number }) => {
        if (m.status === 'recognizing text') progress?.(m.progress);
      },
      errorHandler: () => undefined,
    }));
  return {
    recognize(image, onProgress) {
      const run = queue.then(async () => {
        const w = await start();
        progress = onProgress;
        try {
          const r = await w.recognize(image);
          return r.data.text;
        } catch (e) {
          throw new AppError('invalid_input', 'This file could not be read as an image', { reason: 'ocr.unreadable', error: String(e) });
        } finally {
          progress = undefined;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await (await w).terminate();
    },
  };
}
