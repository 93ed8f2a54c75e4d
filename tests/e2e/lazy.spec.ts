// What a first visit of the stepper leaves for later: the exercise mode's
// code and the code that saves a step for a handout come when first used,
// work at once then (on the site, from the address, in an embed, in the
// one-file copy), and say why in the reader's language when they cannot come.
import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { watchErrors } from './helpers';

const catalog = (lang: string): Record<string, string> => JSON.parse(readFileSync(resolve(`web/src/messages/${lang}.json`), 'utf8'));
/** A message with its {message} left open, as a pattern. */
const pattern = (text: string) => new RegExp(`^${text.split('{message}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);

const EXERCISE = /\/assets\/exercise-[\w-]+\.js$/;
const EXPORT = /\/assets\/export-step-[\w-]+\.js$/;

/** Every script the page asks for, from now on. */
function scripts(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || r.url().endsWith('.js')) urls.push(new URL(r.url()).pathname);
  });
  return urls;
}

/** Records, before the page's scripts, whether the term card ever carried a value. */
async function watchValues(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { valuesSeen: string[] }).valuesSeen = seen;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      new MutationObserver(() => {
        const card = root.querySelector('#current-term[data-value]');
        if (card) seen.push(card.getAttribute('data-value')!);
      }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
      return root;
    };
  });
}

const valuesSeen = (page: Page) => page.evaluate(() => (window as unknown as { valuesSeen: string[] }).valuesSeen);

test.use({ locale: 'en-US' });

test('a first visit loads neither the exercise mode nor the handout export; each works on its first use', async ({ page }) => {
  const errors = watchErrors(page);
  const requested = scripts(page);
  await page.goto('./index.html#term=dE_total/dw5');
  const card = page.locator('#current-term');
  await expect(card).toHaveAttribute('data-value', /^0\.0821670405/);
  await page.waitForLoadState('networkidle');
  expect(requested.length).toBeGreaterThan(3);
  expect(requested.filter((u) => EXERCISE.test(u) || EXPORT.test(u))).toEqual([]);

  // The switch is there from the start; turned on, the mode comes and hides the value at once.
  const toggle = page.getByLabel('Exercise: predict each value');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(page.locator('#exercise')).toBeVisible();
  await expect(card).not.toHaveAttribute('data-value', /./);
  await expect(card.locator('.exact')).toBeHidden();
  expect(requested.filter((u) => EXERCISE.test(u))).toHaveLength(1);
  await page.getByLabel('Your value of dE_total/dw5').fill('0.0822');
  await page.getByLabel('Your value of dE_total/dw5').press('Enter');
  await expect(page.locator('#exercise-verdict')).toHaveAttribute('data-verdict', 'right');
  await expect(card).toHaveAttribute('data-value', /^0\.0821670405/);
  expect(requested.filter((u) => EXPORT.test(u))).toEqual([]);

  // The save buttons: the first click loads the export and saves.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="svg"]').click()]);
  expect(download.suggestedFilename()).toBe('stepper-dE_total-dw5.svg');
  expect(readFileSync((await download.path())!, 'utf8')).toContain('<foreignObject');
  expect(requested.filter((u) => EXPORT.test(u))).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('exercise=true in the address: the value is never shown while the mode loads, in the page and in an embed', async ({ page }) => {
  const errors = watchErrors(page);
  await watchValues(page);
  for (const hash of ['#exercise=true&term=dE_total/dw5', '#embed=1&exercise=1&term=dE_total/dw5']) {
    // A fresh document each time (from one hash to another is not a load).
    await page.goto('about:blank');
    await page.goto(`./index.html${hash}`);
    const card = page.locator('#current-term');
    await expect(card).toHaveAttribute('data-term', 'dE_total/dw5');
    await expect(page.getByLabel('Your value of dE_total/dw5')).toBeVisible();
    await expect(card).not.toHaveAttribute('data-value', /./);
    await expect(card.locator('.exact')).toBeHidden();
    await expect(page.locator('[data-chain-term="dE_total/dw5"] .chain-value')).toHaveText('= ?');
    expect(await valuesSeen(page)).toEqual([]);
    await page.locator('#exercise-show').click();
    await expect(card).toHaveAttribute('data-value', /^0\.0821670405/);
  }
  expect(errors).toEqual([]);
});

for (const lang of ['en', 'zh-CN']) {
  test(`a chunk that fails to load is said in the reader's language (${lang})`, async ({ page }) => {
    const messages = catalog(lang);
    await page.route(EXERCISE, (route) => route.abort());
    await page.route(EXPORT, (route) => route.abort());
    await page.goto(`./index.html#lang=${lang}&term=dE_total/dw5`);
    const card = page.locator('#current-term');
    await expect(card).toHaveAttribute('data-value', /./);

    const toggle = page.locator('#exercise-mode');
    // Clicked: it is checked, then unchecked again when the code does not come.
    await toggle.click();
    const failed = page.locator('#exercise-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toHaveText(pattern(messages['exercise.load_failed']));
    await expect(failed).toHaveAttribute('role', 'alert');
    // The switch goes back off; the stepper works on, its value shown.
    await expect(toggle).not.toBeChecked();
    await expect(card).toHaveAttribute('data-value', /./);
    await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('exercise=true');
    await page.locator('#next').click();
    await expect(card).toHaveAttribute('data-term', 'w5+');

    await page.locator('button[data-export="png"]').click();
    const saveFailed = page.locator('.handout-failed');
    await expect(saveFailed).toHaveText(pattern(messages['handout.load_failed']));
    await expect(saveFailed).toHaveAttribute('role', 'alert');

    // Once the network is back, the next click works.
    await page.unroute(EXERCISE);
    await page.unroute(EXPORT);
    await toggle.check();
    await expect(failed).toBeHidden();
    await expect(card).not.toHaveAttribute('data-value', /./);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="png"]').click()]);
    expect(download.suggestedFilename()).toBe('stepper-w5+.png');
    await expect(saveFailed).toHaveCount(0);
  });
}

test('the one-file copy holds both: the exercise mode and the export work from file:// with the network blocked', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`file://${resolve('dist-single/backprop-offline.html')}#term=dE_total/dw5`);
  const card = page.locator('#current-term');
  await expect(card).toHaveAttribute('data-value', /^0\.0821670405/);
  await page.getByLabel('Exercise: predict each value').check();
  await expect(card).not.toHaveAttribute('data-value', /./);
  await page.getByLabel('Your value of dE_total/dw5').fill('0.0822');
  await page.getByLabel('Your value of dE_total/dw5').press('Enter');
  await expect(page.locator('#exercise-verdict')).toHaveAttribute('data-verdict', 'right');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('backprop-stepper button[data-export="svg"]').click()]);
  expect(readFileSync((await download.path())!, 'utf8')).toContain('<foreignObject');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
