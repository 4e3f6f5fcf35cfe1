// Screenshots of given hash routes in both languages, for looking at the UI by eye:
//   npx tsx scripts/screenshot.ts <app-url-with-token> <out-dir> [route ...]
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../tests/fixtures/browser.js';

const [appUrl, outDir, ...routes] = process.argv.slice(2);
if (!appUrl || !outDir) {
  console.error('usage: screenshot.ts <url#token=…> <out-dir> [route…]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
await page.goto(appUrl);
await page.waitForSelector('.app, .token-missing, .splash');
for (const lang of ['fr', 'en']) {
  await page.evaluate(async (l) => {
    const token = sessionStorage.getItem('opsdeck.bridgeToken');
    await fetch('/rpc', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel: 'settings.set', input: { language: l } }),
    });
  }, lang);
  for (const r of routes.length ? routes : ['dashboard']) {
    await page.goto(new URL(`#/${r}`, appUrl.split('#')[0]).href);
    await page.reload();
    await page.waitForSelector('.app');
    await page.waitForTimeout(600);
    const file = path.join(outDir, `${r.replace(/\//g, '_')}-${lang}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
}
await browser.close();
