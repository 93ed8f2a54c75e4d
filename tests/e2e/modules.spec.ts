// Each widget's page, and its embed view, loads that widget's own module of
// the core (web/src/shared/core.ts) and no other, and works with it. What is
// used on demand loads when first used: the playground's chain (the
// stepper's module) and files, the exercises' checks; a tutorial loads the
// module of each kind of widget it shows, never the whole one.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

/** The wasm modules the page requests, by name (without Vite's hash). */
function wasmRequests(page: Page): string[] {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.split('/').pop()!.replace(/-[\w-]+\.wasm$/, ''));
  });
  return wasm;
}

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
    const wasm = wasmRequests(page);
    for (const hash of ['#lang=en', '#lang=en&embed=1']) {
      await page.goto(`./${url}${hash}`);
      await expect(page.locator('#widget').locator(ready).first()).toBeVisible();
      await expect(page.locator('#widget').locator('.field-error[role=alert]:visible').filter({ hasText: /\S/ })).toHaveCount(0);
    }
    expect(new Set(wasm)).toEqual(new Set([module]));
    expect(errors).toEqual([]);
  });
}

test("the playground loads its chain's and its files' modules when first used, and they work", async ({ page }) => {
  const errors = watchErrors(page);
  const wasm = wasmRequests(page);
  await page.goto('./playground.html#lang=en');
  const w = page.locator('#widget');
  await expect(w.locator('#plane')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(wasm).toEqual(['backprop_playground']);
  // A chain: the stepper's module, for the trace.
  await w.locator('#pg-chain-param').selectOption({ index: 1 });
  await expect(w.locator('#pg-chain .term-card')).toBeVisible();
  await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-value', /\d/);
  expect(wasm).toEqual(['backprop_playground', 'backprop_stepper']);
  // The weights file: the files' module.
  const [download] = await Promise.all([page.waitForEvent('download'), w.locator('#pg-save-weights').click()]);
  expect(download.suggestedFilename()).toMatch(/-weights\.json$/);
  expect(wasm).toEqual(['backprop_playground', 'backprop_stepper', 'backprop_playground_files']);
  expect(errors).toEqual([]);
});

test("a tutorial loads the module of each kind of widget it shows, and the next step's while the reader reads; never the whole one", async ({ page }) => {
  const errors = watchErrors(page);
  const wasm = wasmRequests(page);
  // Step 1 has no widget; step 2 an exercise on the stepper; step 3 one on the loss explorer.
  await page.goto('./tutorials.html#lang=en&tutorial=check-yourself');
  await expect(page.locator('#tutorial-step-body')).toContainText('Four exercises');
  await expect.poll(() => [...wasm].sort()).toEqual(['backprop_exercise', 'backprop_stepper']);
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body .tutorial-exercise .tx-answer input')).toBeEnabled();
  await expect.poll(() => [...wasm].sort()).toEqual(['backprop_exercise', 'backprop_losses', 'backprop_stepper']);
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body .tutorial-exercise .tx-answer input')).toBeEnabled();
  await page.waitForLoadState('networkidle');
  // Step 4's race loaded while step 3 was read; each module once.
  expect([...wasm].sort()).toEqual(['backprop_exercise', 'backprop_losses', 'backprop_race', 'backprop_stepper']);
  expect(errors).toEqual([]);
});

/**
 * Holds every download of the module `name` until release() is called;
 * with refuseFirst, the first is refused instead.
 */
async function holdModule(page: Page, name: string, { refuseFirst = false } = {}): Promise<() => void> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let refuse = refuseFirst;
  await page.route(new RegExp(`${name}[^/]*\\.wasm$`), async (route) => {
    if (refuse) {
      refuse = false;
      await route.abort();
      return;
    }
    await held;
    await route.continue();
  });
  return release;
}

test("while the chain's module loads the wait is said quietly; a module that fails to load is said, and the next pick loads it", async ({ page }) => {
  const errors = watchErrors(page);
  const release = await holdModule(page, 'backprop_stepper', { refuseFirst: true });
  await page.goto('./playground.html#lang=en');
  const w = page.locator('#widget');
  await expect(w.locator('#plane')).toBeVisible();
  const status = w.locator('#pg-chain-status');
  await w.locator('#pg-chain-param').selectOption({ index: 1 });
  await expect(status).toContainText(/could not|failed/i);
  await expect(w.locator('#pg-chain .term-card')).toBeHidden();
  // The next pick tries again; while it waits, a quiet line (no warning bar).
  await w.locator('#pg-chain-param').selectOption({ index: 2 });
  await expect(status).toHaveText('Loading the core…');
  expect(await status.evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe('none');
  release();
  await expect(w.locator('#pg-chain .term-card')).toBeVisible();
  await expect(status).toBeHidden();
  // Only the refused download is reported.
  expect(errors.filter((e) => !/backprop_stepper|Failed to fetch|wasm|ERR_FAILED/i.test(e))).toEqual([]);
});

test("while the files' module downloads on first use the export says so, then saves", async ({ page }) => {
  const errors = watchErrors(page);
  const release = await holdModule(page, 'backprop_playground_files');
  await page.goto('./playground.html#lang=zh-CN');
  const w = page.locator('#widget');
  await expect(w.locator('#plane')).toBeVisible();
  const status = w.locator('#pg-files-status');
  await expect(status).toBeHidden();
  const download = page.waitForEvent('download');
  await w.locator('#pg-save-weights').click();
  await expect(status).toHaveText('正在加载计算核心…');
  release();
  expect((await download).suggestedFilename()).toMatch(/-weights\.json$/);
  await expect(status).toBeHidden();
  expect(errors).toEqual([]);
});
