// The stepper's page preloads the KaTeX fonts of its first term's formula
// (FIRST_TERM_FONTS in vite.config.ts): each one it preloads is one the
// formula is drawn in, and the formula asks for no other.
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

/** A font file's name without Vite's hash: KaTeX_Main-Regular. */
const fontName = (url: string) => new URL(url).pathname.split('/').pop()!.replace(/-[\w-]{8}\.woff2$/, '');

for (const lang of ['en', 'zh-CN']) {
  test(`the stepper's first term (${lang}) uses exactly the fonts its page preloads`, async ({ page }) => {
    const errors = watchErrors(page);
    const fonts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.woff2')) fonts.push(fontName(r.url()));
    });
    await page.goto(`./index.html#lang=${lang}`);
    const preloaded = await page.locator('link[rel=preload][as=font]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(preloaded.map(fontName).sort()).toEqual(['KaTeX_Main-Italic', 'KaTeX_Main-Regular', 'KaTeX_Math-Italic']);
    await page.waitForSelector('#widget', { state: 'attached' });
    await page.evaluate(async () => {
      await (document.getElementById('widget') as HTMLElement & { ready: Promise<void> }).ready;
      await document.fonts.ready;
    });
    await expect(page.locator('#widget #current-term .equation .katex')).toBeVisible();
    // Every KaTeX face the page has loaded, as its file's name (family and style).
    const loaded = await page.evaluate(() =>
      [...document.fonts]
        .filter((f) => f.status === 'loaded' && f.family.replace(/"/g, '').startsWith('KaTeX_'))
        .map((f) => {
          const family = f.family.replace(/"/g, '');
          const bold = f.weight === 'bold' || Number(f.weight) >= 600;
          const italic = f.style === 'italic';
          return `${family}-${bold && italic ? 'BoldItalic' : bold ? 'Bold' : italic ? 'Italic' : 'Regular'}`;
        }),
    );
    expect(new Set(loaded)).toEqual(new Set(preloaded.map(fontName)));
    // The first term asked for no font the page had not preloaded (each file once).
    expect(fonts.sort()).toEqual(preloaded.map(fontName).sort());
    expect(errors).toEqual([]);
  });
}
