// Each widget's anywidget module, loaded the way anywidget's front end (a
// notebook's, a MyST page's {anywidget}) loads it: import, render({ model,
// el }); the model's state trait shows in the widget, the student's changes
// go back to the model (set + save_changes), the kernel's come in, and the
// cleanup render returns removes the widget.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { ORIGIN, watchErrors } from './helpers';

test.use({ locale: 'en-US' });

const host = (page: Page, module: string, state: string) =>
  page.goto(`./anywidget.html?module=${module}&state=${encodeURIComponent(state)}`);

test("the stepper's module: the model's state shows, the student's steps are saved, the kernel's state comes in", async ({ page }) => {
  const errors = watchErrors(page);
  await host(page, 'stepper', 'term=dE_total/dw5&w5=0.5');
  await expect(page.locator('body')).toHaveAttribute('data-rendered', '1');
  const w = page.locator('#output backprop-stepper');
  const term = w.locator('#current-term');
  await expect(term).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(w.locator('#field-w5')).toHaveValue('0.5');
  // w5 = 0.5: ∂E_total/∂w5 is the same product with out_o1 from w5 = 0.5, not Mazur's 0.0821670406.
  expect(Number(await term.getAttribute('data-value'))).not.toBeCloseTo(0.08216704056423077, 6);
  await expect(page.locator('#model-saves')).toHaveText('0');

  // The student steps on: the model has the new term, saved.
  await w.locator('#next').click();
  await expect(term).not.toHaveAttribute('data-term', 'dE_total/dw5');
  const next = (await term.getAttribute('data-term'))!;
  await expect(page.locator('#model-state')).toHaveText(`w5=0.5&term=${encodeURIComponent(next).replace(/%2F/g, '/')}`);
  await expect(page.locator('#model-saves')).toHaveText('1');

  // The kernel sets the state: the widget follows, in the language it names, and does not save it back.
  await page.locator('#kernel-state').fill('term=dE_total/dw1&lang=zh-CN');
  await page.locator('#kernel-set').click();
  await expect(term).toHaveAttribute('data-term', 'dE_total/dw1');
  await expect(w.locator('#current-term .exact')).toContainText('精确值');
  await expect(w.locator('#field-w5')).toHaveValue('0.4');
  await expect(page.locator('#model-saves')).toHaveText('1');

  // The cleanup render returned: the widget is gone, and the model's changes no longer reach it.
  await page.locator('#unmount').click();
  await expect(w).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the loss explorer's module: its state trait, both ways", async ({ page }) => {
  const errors = watchErrors(page);
  await host(page, 'losses', 'loss=smooth_l1&beta=0.5');
  const w = page.locator('#output loss-explorer');
  await expect(w.locator('#pick-smooth_l1')).toBeChecked();
  await expect(w.locator('#field-beta')).toHaveValue('0.5');
  await w.locator('label[for="pick-mae"]').click();
  await expect(page.locator('#model-state')).toContainText('loss=mae');
  expect(errors).toEqual([]);
});

test('every widget has its module at a fixed address, with a default export that renders', async ({ page }) => {
  await page.goto('./anywidget.html?module=optimizers&state=surface%3Dsaddle');
  await expect(page.locator('#output optimizer-race #surface')).toHaveAttribute('data-surface', 'saddle');
  for (const id of ['stepper', 'losses', 'optimizers', 'training', 'playground']) {
    const kind = await page.evaluate(async (url) => {
      const mod = await import(url);
      return typeof mod.default?.render;
    }, new URL(`./anywidget/${id}.js`, page.url()).href);
    expect(kind, id).toBe('function');
  }
});

test('imported from another origin through a copied one-line module (as MyST serves it), it finds its code, the wasm, the catalogs and the fonts', async ({ page }) => {
  const errors = watchErrors(page);
  // Two origins: the book's page, and the site the module is served from (with CORS headers, as a static host can be set to).
  // MyST copies the module a directive names into the book: the copy is examples/myst/stepper.mjs, one line importing the site's.
  const notebook = 'http://notebook.example';
  const site = 'http://widgets.example';
  await page.route(`${site}/**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(site, ORIGIN) });
    const body = await response.body();
    await route.fulfill({ status: response.status(), body, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
  const shim = readFileSync(new URL('../../examples/myst/stepper.mjs', import.meta.url), 'utf8').replace('https://your.site/backprop', site);
  await page.route(`${notebook}/build/stepper.mjs`, (route) => route.fulfill({ contentType: 'text/javascript', body: shim }));
  await page.route(`${notebook}/notebook.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><body><div id="out"></div><script type="module">
        const model = { v: { state: 'term=dE_total/dw2&lang=zh-CN' }, get(k) { return this.v[k]; }, set(k, x) { this.v[k] = x; },
          save_changes() { document.body.dataset.saved = this.v.state; }, on() {}, off() {} };
        const { default: widget } = await import('${notebook}/build/stepper.mjs');
        widget.render({ model, el: document.getElementById('out') });
      </script></body></html>`,
    }),
  );
  await page.goto(`${notebook}/notebook.html`);
  const w = page.locator('#out backprop-stepper');
  // Every file, the wasm too, passes through the test's proxy: slower than the site itself.
  await expect(w.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw2', { timeout: 30_000 });
  await expect(w.locator('#current-term .exact')).toContainText('精确值');
  await w.locator('#next').click();
  await expect(page.locator('body')).toHaveAttribute('data-saved', /term=/);
  // KaTeX's fonts came from the module's site.
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  expect(errors).toEqual([]);
});
