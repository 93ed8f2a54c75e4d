// Each widget's page, and its embed view, loads that widget's own module of
// the core (web/src/shared/core.ts) and no other, and works with it.
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

const pages: [string, string, string][] = [
  ['losses.html', 'backprop_losses', '#loss-readout, .readout'],
  ['optimizers.html', 'backprop_race', '#play'],
  ['training.html', 'backprop_training', '#iterations'],
  ['playground.html', 'backprop_playground', 'canvas, svg'],
];

for (const [url, module, ready] of pages) {
  test(`${url} and its embed load ${module} only`, async ({ page }) => {
    const errors = watchErrors(page);
    const wasm: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.split('/').pop()!.replace(/-[\w-]+\.wasm$/, ''));
    });
    for (const hash of ['#lang=en', '#lang=en&embed=1']) {
      await page.goto(`./${url}${hash}`);
      await expect(page.locator('#widget').locator(ready).first()).toBeVisible();
      await expect(page.locator('#widget').locator('.field-error[role=alert]:visible').filter({ hasText: /\S/ })).toHaveCount(0);
    }
    expect(new Set(wasm)).toEqual(new Set([module]));
    expect(errors).toEqual([]);
  });
}
