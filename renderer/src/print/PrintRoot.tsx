import { Component, Suspense, useEffect, useState, type ReactNode } from 'react';
import { decodeRoutePayload, PRINT_GLOBAL, PRINT_TITLE_ERROR, PRINT_TITLE_READY, PrintLang, type PrintPayload } from '@shared/print';
import i18n from '@renderer/i18n';
import { PRINT_VIEWS } from './registry';
import './print.css';

function routePayload(): unknown {
  const m = /[?&]payload=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m) return null;
  try {
    return decodeRoutePayload(m[1]!);
  } catch {
    return null;
  }
}

function readPayload(): PrintPayload | null {
  const raw = (window as unknown as Record<string, unknown>)[PRINT_GLOBAL] ?? routePayload();
  if (!raw || typeof raw !== 'object') return null;
  const p = raw as Partial<PrintPayload>;
  const lang = PrintLang.safeParse(p.lang);
  if (typeof p.kind !== 'string' || !lang.success) return null;
  return { kind: p.kind, lang: lang.data, data: p.data };
}

function fail(reason: string): void {
  document.documentElement.dataset.printError = reason;
  document.title = PRINT_TITLE_ERROR + reason;
}

function ready(): void {
  document.documentElement.dataset.printReady = '1';
  document.title = PRINT_TITLE_READY;
}

/** Mounted after the view inside the same Suspense boundary: its effect runs once the view is on the page. */
function Ready() {
  useEffect(() => {
    let tries = 0;
    // Fonts, images and drawn logos (DataImage) must be on the page before Chromium prints.
    const check = () => {
      const images = [...document.images].every((img) => img.complete);
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('canvas[role="img"]')].every((c) => c.dataset.drawn === '1');
      if ((images && canvases) || ++tries > 60) ready();
      else setTimeout(check, 50);
    };
    void document.fonts.ready.then(check);
  }, []);
  return null;
}

class PrintErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  componentDidCatch(error: unknown): void {
    fail(error instanceof Error ? error.message : String(error));
  }
  render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

export function PrintRoot() {
  const [payload] = useState<PrintPayload | null>(readPayload);
  const [langReady, setLangReady] = useState(false);

  useEffect(() => {
    if (!payload) fail('no document was handed to the print page');
  }, [payload]);

  useEffect(() => {
    if (!payload) return;
    document.documentElement.lang = payload.lang;
    document.documentElement.dataset.theme = 'light';
    document.documentElement.classList.add('printing');
    void i18n.changeLanguage(payload.lang).then(() => setLangReady(true));
  }, [payload]);

  if (!payload || !langReady) return null;
  const View = PRINT_VIEWS[payload.kind];
  if (!View) {
    fail(`unknown print view "${payload.kind}"`);
    return null;
  }
  return (
    <PrintErrorBoundary>
      <Suspense fallback={null}>
        <main className="print-page">
          <View data={payload.data} lang={payload.lang} />
        </main>
        <Ready />
      </Suspense>
    </PrintErrorBoundary>
  );
}
