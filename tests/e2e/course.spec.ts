// Course-ready: shared links, the embed view, the custom elements, the
// one-file copy, the strict CSP, and hashes nobody should write.
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ORIGIN, watchErrors } from './helpers';

test.use({ locale: 'en-US' });

/** Opens the Share panel and returns its link. */
async function sharedLink(page: Page): Promise<string> {
  await page.locator('#share-button').click();
  const link = await page.locator('#share-link').inputValue();
  expect(link.startsWith(`${ORIGIN}/`)).toBe(true);
  return link;
}

test('a shared link reproduces the stepper', async ({ page, context }) => {
  await page.goto('./index.html');
  await page.locator('#field-w5').fill('0.5');
  await page.locator('#loss').selectOption('mse');
  await page.locator('#jump').selectOption('w1');
  const term = await page.locator('#current-term').getAttribute('data-term');
  const value = await page.locator('#current-term').getAttribute('data-value');
  const link = await sharedLink(page);
  expect(link).toContain('w5=0.5');

  const other = await context.newPage();
  const errors = watchErrors(other);
  await other.goto(link);
  await expect(other.locator('#current-term')).toHaveAttribute('data-term', term!);
  await expect(other.locator('#current-term')).toHaveAttribute('data-value', value!);
  await expect(other.locator('#field-w5')).toHaveValue('0.5');
  await expect(other.locator('#loss')).toHaveValue('mse');
  await expect(other.locator('.state-notice')).toBeHidden();
  expect(errors).toEqual([]);
});

test('a shared link reproduces the loss explorer', async ({ page, context }) => {
  await page.goto('./losses.html');
  await page.locator('label[for="pick-smooth_l1"]').click();
  await page.locator('#field-beta').fill('0.5');
  await page.locator('#field-prediction').fill('2.25');
  const loss = await page.locator('#curves').getAttribute('data-loss');
  const link = await sharedLink(page);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#pick-smooth_l1')).toBeChecked();
  await expect(other.locator('#field-beta')).toHaveValue('0.5');
  await expect(other.locator('#curves')).toHaveAttribute('data-loss', loss!);
});

test('a shared link reproduces the optimizer race', async ({ page, context }) => {
  await page.goto('./optimizers.html');
  await page.locator('label[for="surface-saddle"]').click();
  await page.locator('li.racer.adam details.settings summary').click();
  await page.locator('#race-adam-lr').fill('0.0731');
  await page.locator('#single-step').click();
  await page.locator('#single-step').click();
  await page.locator('#single-step').click();
  const loss = await page.locator('li.racer.adam .loss').getAttribute('data-loss');
  const link = await sharedLink(page);
  expect(link).toContain('adam.lr=0.0731');
  expect(link).toContain('step=3');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#surface-saddle')).toBeChecked();
  await expect(other.locator('#surface')).toHaveAttribute('data-surface', 'saddle');
  await expect(other.locator('li.racer.adam .loss')).toHaveAttribute('data-loss', loss!);
});

test('a shared link reproduces the training loop', async ({ page, context }) => {
  await page.goto('./training.html');
  await page.locator('#optimizer-kind').selectOption('rmsprop');
  await page.locator('#forget-zero-grad').check();
  for (let i = 0; i < 9; i++) await page.locator('#next-phase').click(); // iteration 2, backward
  const title = await page.locator('#phase-title').textContent();
  const grad = await page.locator('#phase-body tr[data-param="w5"] td.num').first().getAttribute('data-value');
  const link = await sharedLink(page);
  expect(link).toContain('optimizer=rmsprop');
  expect(link).toContain('iteration=2');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#phase-title')).toHaveText(title!);
  await expect(other.locator('#forget-zero-grad')).toBeChecked();
  await expect(other.locator('#phase-body tr[data-param="w5"] td.num').first()).toHaveAttribute('data-value', grad!);
});

test('the Share panel sets classroom flags: hidden parts, a locked start point, the language', async ({ page, context }) => {
  await page.goto('./optimizers.html');
  await page.locator('#share-button').click();
  await page.locator('[data-flag="hide:custom"]').check();
  await page.locator('[data-flag="hide:lang"]').check();
  await page.locator('[data-flag="lock:start"]').check();
  await page.locator('#share-lang').selectOption('zh-CN');
  const link = await page.locator('#share-link').inputValue();
  expect(link).toContain('hide=custom,lang');
  expect(link).toContain('lock=start');
  await expect(page.locator('#share-iframe')).toHaveValue(/embed=1/);
  await expect(page.locator('#share-element')).toHaveValue(/<optimizer-race [^>]*hide="custom,lang"/);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(other.locator('.lang-switch')).toBeHidden();
  await expect(other.locator('#custom-surface')).toBeHidden();
  // A locked start: clicking the plot does not move it, and its fields are inert.
  const before = await other.locator('#start-x').inputValue();
  await other.locator('#surface').click({ position: { x: 120, y: 120 }, force: true });
  await expect(other.locator('#start-x')).toHaveValue(before);
  expect(await other.locator('#start-x').evaluate((el) => el.closest('[inert]') !== null)).toBe(true);
});

test('a hash with wrong parts applies the rest and says what it ignored', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./index.html#term=dE_total/dw5&w6=abc&w7=0.6&colour=red&hide=editor,wings');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(page.locator('.editor')).toBeHidden();
  const notice = page.locator('.state-notice');
  await expect(notice).toBeVisible();
  await expect(notice.locator('li[data-key="w6"]')).toContainText('not a number');
  await expect(notice.locator('li[data-key="colour"]')).toContainText('not a setting');
  await expect(notice.locator('li[data-key="hide"]')).toContainText('wings');
  await expect(notice.locator('li')).toHaveCount(3);
  // w7 applied, w6 kept.
  await expect(page.locator('#field-w7')).toHaveValue('0.6');
  await expect(page.locator('#field-w6')).toHaveValue('0.45');
  await notice.getByRole('button').click();
  await expect(notice).toBeHidden();
  expect(errors).toEqual([]);
});

test('editing the address applies the new state', async ({ page }) => {
  await page.goto('./index.html');
  await page.evaluate(() => (location.hash = '#term=w8%2B&lang=zh-CN'));
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'w8+');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

// A small seeded generator, so a failure can be replayed.
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const NASTY = [
  '', 'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e-400', '0', '-0', '0x10', '1,2', '1,2,3,4', ',',
  '99999999999999999999999', '-5', '3.5', 'true', 'false', 'custom', 'shape', 'none', 'backward',
  '<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">', '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1', '\u202e\u0000\ufeff', '数值', '😀'.repeat(50), '%', '%E0%A4%A', 'x'.repeat(5000),
  'dE_total/dw5', 'w5+', 'sgd,adam', 'mse', 'bce', 'saddle', 'x^2+y^2', '-3,3,-3,3', 'editor,lang', 'start', 'zh-CN', 'en',
];

function fuzzHash(next: () => number, keys: string[]): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const parts: string[] = [];
  const n = 1 + Math.floor(next() * 6);
  for (let i = 0; i < n; i++) {
    const key = next() < 0.75 ? pick(keys) : pick(NASTY);
    const value = pick(NASTY);
    // Sometimes raw, sometimes escaped, sometimes a key alone.
    const r = next();
    parts.push(r < 0.1 ? key : r < 0.55 ? `${key}=${value}` : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

const fuzzed: { page: string; keys: string[] }[] = [
  { page: 'index.html', keys: ['term', 'loss', 'train_biases', 'w1', 'w5', 'b1', 'b_h1', 'i1', 'target_o2', 'learning_rate', 'iteration', 'hide', 'lock', 'lang', 'embed'] },
  { page: 'losses.html', keys: ['loss', 'reduction', 'target', 'prediction', 'beta', 'label_smoothing', 'logit0', 'class', 'sweep', 'fit_rate', 'fit_steps', 'outlier', 'logit', 'hide', 'lock', 'lang'] },
  { page: 'optimizers.html', keys: ['surface', 'expression', 'domain', 'start', 'steps', 'step', 'racers', 'show', 'speed', 'adam.lr', 'momentum.form', 'momentum_pytorch.lr', 'rmsprop.centered', 'hide', 'lock', 'lang'] },
  { page: 'training.html', keys: ['network', 'layers', 'activations', 'seed', 'loss', 'beta', 'optimizer', 'sgd.lr', 'adam.amsgrad', 'forget_zero_grad', 'data', 'iterations', 'iteration', 'phase', 'hide', 'lock', 'lang'] },
  { page: 'playground.html', keys: ['data', 'classes', 'noise', 'ratio', 'seed', 'features', 'layers', 'activations', 'output', 'optimizer', 'lr', 'batch', 'l1', 'l2', 'show_test', 'epoch', 'batches', 'points', 'example', 'chain', 'hide', 'lock', 'lang'] },
];

for (const [w, { page: name, keys }] of fuzzed.entries()) {
  test(`250 fuzzed hashes on ${name}: no exception, no console error, nothing injected`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = watchErrors(page);
    await page.goto(`./${name}`);
    await expect(page.locator('#widget .widget')).not.toBeEmpty();
    const next = random(1000 + w);
    const hashes = Array.from({ length: 250 }, () => fuzzHash(next, keys));
    const bad = await page.evaluate(async (list) => {
      const found: string[] = [];
      // Every element in the page, shadow roots included.
      const all = (root: Document | ShadowRoot): Element[] =>
        [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
      for (const hash of list) {
        history.replaceState(null, '', `#${hash}`);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await new Promise((r) => setTimeout(r, 0));
        const w = window as unknown as { __pwned?: number };
        if (w.__pwned) found.push(`script ran: ${hash}`);
        for (const el of all(document)) {
          if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName) && !(el.tagName === 'SCRIPT' && el.getAttribute('src'))) found.push(`${el.tagName} after ${hash}`);
          if (el.tagName === 'IMG' || el.tagName === 'image') found.push(`img after ${hash}`);
          for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${a.name} on ${el.tagName} after ${hash}`);
        }
      }
      return found;
    }, hashes);
    expect(bad).toEqual([]);
    expect(errors).toEqual([]);
    // Still working: a clean address brings back a clean widget.
    await page.evaluate(() => {
      history.replaceState(null, '', '#');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await expect(page.locator('.state-notice')).toBeHidden();
  });
}

test('the embed view has no site chrome and reports its height to the page around it', async ({ page }) => {
  await page.route(`${ORIGIN}/course-page.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><body><h1>Week 3</h1>
        <iframe id="frame" src="./index.html#term=dE_total/dw5&embed=1" title="stepper" width="100%" height="150"></iframe>
        <script>
          window.heights = [];
          addEventListener('message', (event) => {
            if (!event.data || event.data.type !== 'backprop-height') return;
            window.heights.push(event.data.height);
            for (const frame of document.querySelectorAll('iframe'))
              if (frame.contentWindow === event.source) frame.height = event.data.height;
          });
        </script></body></html>`,
    }),
  );
  await page.goto('./course-page.html');
  const frame = page.frameLocator('#frame');
  await expect(frame.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(frame.locator('nav')).toHaveCount(0);
  await expect(frame.locator('#share-button')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.length)).toBeGreaterThan(0);
  const reported = await page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1)!);
  expect(reported).toBeGreaterThan(600);
  await expect(page.locator('#frame')).toHaveAttribute('height', String(reported));
  // The frame fits its content: no scrollbar inside.
  const inner = await frame.locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
  expect(Math.abs(inner - reported)).toBeLessThanOrEqual(1);
});

test('the custom elements render in a plain HTML page, configured by attributes', async ({ page }) => {
  const errors = watchErrors(page);
  await page.route(`${ORIGIN}/plain.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><script type="module" src="./widgets.js"></script></head><body>
        <p>A course page.</p>
        <backprop-stepper id="a" term="dE_total/dw5" hide="editor,history"></backprop-stepper>
        <backprop-stepper id="b" term="dE_total/dw1" w1="0.2"></backprop-stepper>
        <loss-explorer loss="mae"></loss-explorer>
        <optimizer-race surface="saddle" racers="sgd,adam"></optimizer-race>
        <training-loop optimizer="adam" phase="backward"></training-loop>
        </body></html>`,
    }),
  );
  await page.goto('./plain.html');
  const a = page.locator('#a');
  const b = page.locator('#b');
  await expect(a.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(a.locator('#current-term')).toHaveAttribute('data-value', '0.082167040564230770');
  await expect(a.locator('.editor')).toBeHidden();
  // Two steppers on one page keep their own state.
  await expect(b.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw1');
  await expect(b.locator('#field-w1')).toHaveValue('0.2');
  await expect(b.locator('.editor')).toBeVisible();
  await expect(page.locator('loss-explorer #pick-mae')).toBeChecked();
  await expect(page.locator('optimizer-race #surface')).toHaveAttribute('data-surface', 'saddle');
  await expect(page.locator('optimizer-race #enable-momentum')).not.toBeChecked();
  await expect(page.locator('training-loop #code .line.current')).toHaveAttribute('data-phase', 'backward');
  // Attributes changed later apply too.
  await page.evaluate(() => document.getElementById('a')!.setAttribute('term', 'w5+'));
  await expect(a.locator('#current-term')).toHaveAttribute('data-term', 'w5+');
  // The arrow keys move the stepper that has the focus, not the other one.
  await a.locator('#next').focus();
  await page.keyboard.press('ArrowRight');
  await expect(a.locator('#current-term')).not.toHaveAttribute('data-term', 'w5+');
  await expect(b.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw1');
  expect(errors).toEqual([]);
});

test('the one-file copy works from file:// with the network blocked', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const file = `file://${resolve('dist-single/backprop-offline.html')}`;
  await page.goto(`${file}#term=dE_total/dw5`);
  await expect(page.locator('#current-term')).toHaveAttribute('data-value', '0.082167040564230770');
  await expect(page.locator('#current-term .katex').first()).toBeVisible();
  await page.locator('nav a[data-widget="training"]').click();
  await page.locator('#run').click();
  await expect(page.locator('#run-chart')).toHaveAttribute('data-runs', '1');
  await page.locator('nav a[data-widget="losses"]').click();
  await expect(page.locator('loss-explorer #curves')).toHaveAttribute('data-loss', /\d/);
  await page.locator('nav a[data-widget="optimizers"]').click();
  await expect(page.locator('optimizer-race #surface')).toHaveAttribute('data-levels', /\d+/);
  // The tutorials are inside the file too.
  await page.locator('nav a[data-widget="tutorials"]').click();
  await page.locator('#open-lesson').click();
  await page.locator('#tutorial-step').selectOption('15');
  await expect(page.locator('#tutorial-step-body backprop-stepper #current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  expect(page.url()).toContain('view=tutorials');
  expect(page.url()).toContain('step=16');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  // The fonts come from inside the file.
  expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  await context.close();
});

test('under the strict CSP every widget works with no violation and no other host', async ({ page }) => {
  const errors = watchErrors(page);
  const hosts = new Set<string>();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`), true);
  });
  const response = await page.goto('./index.html#term=dE_total/dw5');
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await page.locator('#all-terms summary').click();
  await expect(page.locator('.trace-list li[data-term]').first()).toBeVisible();
  await page.goto('./losses.html#loss=ce');
  await expect(page.locator('#softmax-bars rect').first()).toBeVisible();
  await page.goto('./optimizers.html#surface=custom&expression=x%5E2%2By%5E2');
  await page.locator('#single-step').click();
  await page.goto('./training.html');
  await page.locator('#run').click();
  await expect(page.locator('#run-chart')).toHaveAttribute('data-runs', '1');
  await page.locator('#export').click();
  await page.goto('./playground.html');
  await page.locator('#step-epoch').click();
  await expect(page.locator('#playground')).toHaveAttribute('data-epoch', '1');
  expect(errors).toEqual([]);
  expect([...hosts]).toEqual([new URL(ORIGIN).host]);
});
