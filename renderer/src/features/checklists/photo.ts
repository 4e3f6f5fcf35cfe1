/**
 * Scales a photo down (longest side ≤ 1024 px) to a JPEG data URL small enough to sync (≤ 300 kB).
 * Decoded with createImageBitmap: no blob: or data: URL in an <img>, which the CSP refuses.
 */
export async function photoToDataUrl(file: File): Promise<string> {
  const bmp = await createImageBitmap(file);
  let side = 1024;
  for (;;) {
    const scale = Math.min(1, side / Math.max(bmp.width, bmp.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bmp.width * scale));
    canvas.height = Math.max(1, Math.round(bmp.height * scale));
    canvas.getContext('2d')!.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    const data = canvas.toDataURL('image/jpeg', 0.8);
    if (data.length <= 300_000 || side <= 256) return data;
    side = Math.round(side * 0.7);
  }
}
