import { useEffect, useRef, useState } from 'react';

/**
 * Shows an image held as a data: URL (the business logo). The CSP ARCHITECTURE.md fixes
 * (default-src 'self') refuses data: in <img>, so the bytes are decoded here and drawn on a canvas
 * instead: no network, no loosened policy. Formats Chromium cannot decode off-page (SVG) show the
 * alt text.
 */
export function DataImage({ dataUrl, alt, className }: { dataUrl: string; alt: string; className?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    const m = /^data:([^;,]+);base64,(.*)$/.exec(dataUrl);
    if (!m) {
      setFailed(true);
      return;
    }
    const bytes = Uint8Array.from(atob(m[2]!), (c) => c.charCodeAt(0));
    createImageBitmap(new Blob([bytes], { type: m[1] }))
      .then((bmp) => {
        const c = canvas.current;
        if (cancelled || !c) return;
        c.width = bmp.width;
        c.height = bmp.height;
        c.getContext('2d')?.drawImage(bmp, 0, 0);
        c.dataset.drawn = '1';
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [dataUrl]);
  if (failed) return <span className={className}>{alt}</span>;
  return <canvas ref={canvas} className={className} role="img" aria-label={alt} />;
}
