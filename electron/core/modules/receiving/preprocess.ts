/**
 * Cleans a delivery note's picture before the OCR, the way a scanner's "document" mode does. A phone
 * photo of a note is lit unevenly (a shadow across a corner, greyish paper) and slightly soft, and
 * its small print is only a few pixels high; Tesseract binarises with one global (Otsu) threshold
 * and reads best around 20–30 px per capital, so:
 *  1. small pictures are enlarged (smoothly) to about TARGET_WIDTH_PX wide, never more than 2×;
 *  2. the picture goes to grey and its paper is flattened: the paper's brightness is estimated per
 *     cell of the page (the brightest pixels of each cell: paper is white, print is dark), smoothly
 *     interpolated between cells, and each pixel divided by it — a shadow or a tint disappears, ink
 *     stays dark.
 * Pure pixel work with @napi-rs/canvas (Skia, a prebuilt binary from npm), a few tens of
 * milliseconds per page. A picture it cannot decode is handed over unchanged: the OCR then says it
 * cannot read it.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Pictures narrower than this are enlarged (up to 2×) before the OCR. */
export const TARGET_WIDTH_PX = 1800;
/** The side of a cell in which the paper's brightness is estimated, in pixels of the enlarged picture. */
const CELL_PX = 48;

export async function prepareForOcr(bytes: Buffer): Promise<Buffer> {
  let img: Awaited<ReturnType<typeof loadImage>>;
  try {
    img = await loadImage(bytes);
  } catch {
    return bytes;
  }
  if (!img.width || !img.height) return bytes;
  const scale = Math.min(2, Math.max(1, TARGET_WIDTH_PX / img.width));
  const w = Math.round(img.width * scale);
  const h = Math.round(img.height * scale);
  const canvas = createCanvas(w, h);
  const g = canvas.getContext('2d');
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.fillStyle = '#fff'; // a transparent PNG's background is paper
  g.fillRect(0, 0, w, h);
  g.drawImage(img, 0, 0, w, h);
  const data = g.getImageData(0, 0, w, h);
  const px = data.data;
  const n = w * h;
  const lum = new Float32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) lum[i] = 0.299 * px[p]! + 0.587 * px[p + 1]! + 0.114 * px[p + 2]!;

  // The paper's brightness per cell: a high percentile of the cell's pixels (not the maximum, which
  // one bright speck would set), at least a little above black so an all-ink cell is not blown up.
  const cw = Math.ceil(w / CELL_PX);
  const ch = Math.ceil(h / CELL_PX);
  const paper = new Float32Array(cw * ch);
  const hist = new Uint32Array(256);
  for (let cy = 0; cy < ch; cy++)
    for (let cx = 0; cx < cw; cx++) {
      hist.fill(0);
      let count = 0;
      for (let y = cy * CELL_PX; y < Math.min(h, (cy + 1) * CELL_PX); y++)
        for (let x = cx * CELL_PX; x < Math.min(w, (cx + 1) * CELL_PX); x++) {
          hist[lum[y * w + x]! | 0]!++;
          count++;
        }
      let above = 0;
      let v = 255;
      while (v > 0 && (above += hist[v]!) < count * 0.1) v--;
      paper[cy * cw + cx] = Math.max(v, 64);
    }
  // A cell that is mostly print (a bold title, a thick rule) reads darker than its paper: each cell
  // takes the brightest of itself and its neighbours.
  const bright = new Float32Array(cw * ch);
  for (let cy = 0; cy < ch; cy++)
    for (let cx = 0; cx < cw; cx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          if (x >= 0 && y >= 0 && x < cw && y < ch) m = Math.max(m, paper[y * cw + x]!);
        }
      bright[cy * cw + cx] = m;
    }

  // Divide by the paper, interpolated bilinearly between cell centres. No contrast stretch after
  // it: that would darken the grey specks of a noisy scan as much as the ink (measured: worse).
  for (let y = 0; y < h; y++) {
    const fy = Math.min(ch - 1, Math.max(0, (y + 0.5) / CELL_PX - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(ch - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(cw - 1, Math.max(0, (x + 0.5) / CELL_PX - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(cw - 1, x0 + 1);
      const tx = fx - x0;
      const top = bright[y0 * cw + x0]! * (1 - tx) + bright[y0 * cw + x1]! * tx;
      const bottom = bright[y1 * cw + x0]! * (1 - tx) + bright[y1 * cw + x1]! * tx;
      const bg = top * (1 - ty) + bottom * ty;
      const v = Math.min(255, (255 * lum[y * w + x]!) / bg);
      const p = 4 * (y * w + x);
      px[p] = px[p + 1] = px[p + 2] = v;
      px[p + 3] = 255;
    }
  }
  g.putImageData(data, 0, 0);
  return canvas.encode('png');
}
