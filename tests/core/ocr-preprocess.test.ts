import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { prepareForOcr, TARGET_WIDTH_PX } from '@core/modules/receiving/preprocess.js';

// The picture cleaning before the OCR (issue 18, delivery notes by photo): the paper's shadow and
// tint are flattened to white, the ink stays dark, small pictures are enlarged (at most 2×).
describe('delivery-note picture cleaning', () => {
  const photo = async () => {
    const c = createCanvas(900, 600);
    const g = c.getContext('2d');
    // Greyish paper, darker towards one corner (a hand's shadow), with dark print on it.
    const grad = g.createLinearGradient(0, 0, 900, 600);
    grad.addColorStop(0, 'rgb(110, 100, 85)');
    grad.addColorStop(0.6, 'rgb(225, 220, 205)');
    grad.addColorStop(1, 'rgb(235, 230, 215)');
    g.fillStyle = grad;
    g.fillRect(0, 0, 900, 600);
    g.fillStyle = 'rgba(20, 20, 20, 0.9)';
    for (let y = 40; y < 600; y += 60) g.fillRect(60, y, 780, 6); // lines of "print"
    return c.encode('png');
  };
  const grey = async (png: Buffer) => {
    const img = await loadImage(png);
    const c = createCanvas(img.width, img.height);
    c.getContext('2d').drawImage(img, 0, 0);
    return { w: img.width, h: img.height, px: c.getContext('2d').getImageData(0, 0, img.width, img.height).data };
  };

  it('flattens a shadow and a tint to white paper, keeps the print dark, enlarges a small picture', async () => {
    const before = await grey(await photo());
    const after = await grey(await prepareForOcr(await photo()));
    expect(after.w).toBe(Math.round(900 * Math.min(2, TARGET_WIDTH_PX / 900)));
    const s = after.w / before.w;
    const at = (im: typeof after, x: number, y: number) => im.px[4 * (Math.round(y) * im.w + Math.round(x))]!;
    // Paper in the shadowed corner and in the lit one, between two printed lines.
    expect(at(before, 20, 20)).toBeLessThan(130);
    expect(at(after, 20 * s, 20 * s)).toBeGreaterThan(235);
    expect(at(after, 880 * s, 580 * s)).toBeGreaterThan(235);
    // Print stays dark, in the shadow as in the light.
    expect(at(after, 100 * s, 43 * s)).toBeLessThan(90);
    expect(at(after, 800 * s, 523 * s)).toBeLessThan(90);
  });

  it('hands over what it cannot decode unchanged (the OCR then says it cannot read it)', async () => {
    const junk = Buffer.from('%PDF-1.4 not a picture');
    expect(await prepareForOcr(junk)).toBe(junk);
  });
});
