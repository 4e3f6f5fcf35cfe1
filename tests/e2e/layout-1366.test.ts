import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

// The common laptop window (1366×768): no screen may need a horizontal scroll, and no field's
// placeholder may be cut. A walk-through (qa19) found the French events table 12 px too wide (its four
// row actions on one line) and the assistant's search placeholder cut to "Chercher dans les conversatio".
const SHOTS = 'tests/e2e/screenshots';

/** What scrolls sideways: the document itself, or any box whose content is wider than it and may scroll. */
function horizontalOverflow(): string[] {
  const out: string[] = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) out.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    const x = getComputedStyle(el).overflowX;
    if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1)
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return out;
}

/** The visible fields whose placeholder does not fit: wider than a one-line field, or more lines than a text box shows. */
function cutPlaceholders(): string[] {
  const ctx = document.createElement('canvas').getContext('2d')!;
  const out: string[] = [];
  for (const el of Array.from(
    document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]'),
  )) {
    if (!el.placeholder || el.offsetParent === null || el.value) continue;
    const cs = getComputedStyle(el);
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const name = el.getAttribute('aria-label') ?? el.name;
    if (el instanceof HTMLTextAreaElement) {
      // Wrapped word by word as the box wraps it; the lines it needs against the lines it shows.
      let lines = 1;
      let line = '';
      for (const word of el.placeholder.split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (line && ctx.measureText(next).width > room) {
          lines++;
          line = word;
        } else line = next;
      }
      const lineHeight = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
      const shown = Math.floor((el.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) + 1) / lineHeight);
      if (lines > shown) out.push(`"${el.placeholder}" (${name}): ${lines} lines in ${shown}`);
      continue;
    }
    const width = ctx.measureText(el.placeholder).width;
    if (width > room + 0.5 || el.scrollWidth > el.clientWidth)
      out.push(`"${el.placeholder}" (${name}): ${Math.ceil(width)} px in ${Math.floor(room)} px`);
  }
  return out;
}

describe.skipIf(!chromiumAvailable())('screens at 1366×768, French and English', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const routes: string[] = [];

  /** Opens a route afresh and waits until the screen stops changing (its data arrived). */
  const open = async (route: string) => {
    await page.goto(new URL(`#/${route}`, served.origin).href);
    await page.reload();
    await page.locator('main h1').first().waitFor();
    let last = '';
    for (let i = 0; i < 40; i++) {
      const now = await page.evaluate(() => `${document.body.innerHTML.length}:${document.documentElement.scrollWidth}`);
      if (now === last) break;
      last = now;
      await page.waitForTimeout(250);
    }
  };

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { timeout: 20_000, viewport: { width: 1366, height: 768 } }));
    fs.mkdirSync(SHOTS, { recursive: true });
    const [event] = await rpc<Array<{ id: string }>>('bookings.list', { limit: 1 });
    const [product] = (await rpc<{ items: Array<{ id: string }> }>('catalog.products.list', { limit: 1 })).items;
    const [booth] = await rpc<Array<{ id: string }>>('booths.list', {});
    // The demo has no client records: one, with a name as long as offices type them, for its page.
    const client = await rpc<{ id: string }>('clients.create', { name: 'Association des Amis de l’Orangerie de Montreuil' });
    expect([event, product, booth].every(Boolean)).toBe(true);
    routes.push(
      ...['dashboard', 'today', 'catalog', 'catalog/services', 'stock', 'stock/orders', 'stock/locations', 'stock/import'],
      ...['forecasts', 'forecasts/replenishment', 'fleet', 'alerts', 'events', 'events/month', 'events/week'],
      ...['clients', 'clients/duplicates', 'reports', 'quotes', 'assistant', 'settings', 'sync', 'notion', 'setup'],
      `events/${event!.id}`,
      `events/${event!.id}/registrations`,
      `catalog/product/${product!.id}`,
      `forecasts/product/${product!.id}`,
      `clients/${client.id}`,
      `fleet/${booth!.id}`,
    );
  }, 180_000);
  afterAll(async () => {
    await rpc('settings.setDisplay', { language: 'fr' }).catch(() => undefined);
    await closeApp({ browser, served });
  });

  for (const lang of ['fr', 'en'] as const)
    it(`no screen scrolls sideways and no placeholder is cut (${lang})`, async () => {
      await rpc('settings.setDisplay', { language: lang });
      const found: string[] = [];
      for (const route of routes) {
        await open(route);
        expect(await page.evaluate(() => document.documentElement.lang), route).toBe(lang);
        for (const what of [...(await page.evaluate(horizontalOverflow)), ...(await page.evaluate(cutPlaceholders))])
          found.push(`${route}: ${what}`);
        // French typography: ’, not a straight apostrophe, in what the screen says (labels, messages, placeholders).
        if (lang === 'fr')
          for (const what of await page.evaluate(() => {
            const said = [
              document.body.innerText,
              ...Array.from(document.querySelectorAll('[placeholder],[aria-label],[title]'), (el) =>
                [el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.getAttribute('title')].join(' '),
              ),
            ].join('\n');
            return said.match(/\S*\p{L}'\p{L}\S*/gu) ?? [];
          }))
            found.push(`${route}: ${what}`);
        await page.screenshot({ path: `${SHOTS}/layout-1366-${route.replace(/\/[\w-]{20,}/g, '-id').replace(/\//g, '-')}-${lang}.png` });
      }
      expect(found).toEqual([]);
    }, 240_000);

  it('the assistant’s conversation search and the side panel’s question box show their whole placeholder; French, then English chosen in Settings', async () => {
    await rpc('settings.setDisplay', { language: 'fr' });
    for (const lang of ['fr', 'en'] as const) {
      if (lang === 'en') {
        await open('settings');
        await page.getByLabel('Langue').selectOption('en');
        await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Settings' }).isVisible()).toBe(true);
      }
      await open('assistant');
      const search = page.locator('.as-list input[type="search"]');
      expect(await search.getAttribute('aria-label')).toBe(lang === 'fr' ? 'Chercher dans les conversations' : 'Search conversations');
      expect(await search.getAttribute('placeholder')).toBe(lang === 'fr' ? 'Chercher une conversation' : 'Search conversations');
      expect(await page.evaluate(cutPlaceholders)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/layout-1366-assistant-${lang}.png` });
      await search.fill('papier');
      await expect.poll(() => search.inputValue()).toBe('papier');
      expect(await page.evaluate(horizontalOverflow)).toEqual([]);
      // The side panel over another screen (Alt+A): its question box shows its whole placeholder too.
      await open('stock');
      await page.keyboard.press('Alt+KeyA');
      const question = page.getByTestId('assistant-panel').locator('textarea');
      await question.waitFor();
      expect(await question.getAttribute('placeholder')).toMatch(lang === 'fr' ? /^Posez une question/ : /^Ask about/);
      expect(await page.evaluate(cutPlaceholders)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/layout-1366-assistant-panel-${lang}.png` });
      await page.keyboard.press('Escape');
    }
  }, 90_000);
});
