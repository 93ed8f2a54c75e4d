// Tutorials: the built-in lesson in both languages, a teacher's tutorial
// from tutorials/, a tutorial with mistakes, and a malicious one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ORIGIN, watchErrors } from './helpers';

test.use({ locale: 'en-US' });

const lesson = (lang: string) => readFileSync(resolve(`web/src/messages/lesson.${lang}.md`), 'utf8');
const blocks = (text: string) => [...text.matchAll(/```widget[^\n]*\n[\s\S]*?```/g)].map((m) => m[0]);

test('the lesson says the same in both languages: the same steps, the same widget blocks', () => {
  const en = lesson('en');
  const zh = lesson('zh-CN');
  expect(zh.match(/^## /gm)!.length).toBe(en.match(/^## /gm)!.length);
  expect(blocks(zh)).toEqual(blocks(en));
  expect(blocks(en).length).toBeGreaterThan(15);
});

/** Waits until every widget of the step has rendered and applied its block. */
async function stepReady(page: Page): Promise<void> {
  const widgets = page.locator('#tutorial-step-body :is(backprop-stepper, loss-explorer, optimizer-race, training-loop)');
  const n = await widgets.count();
  for (let i = 0; i < n; i++) await expect(widgets.nth(i).locator('.widget > :not(.loading)').first()).toBeAttached();
}

for (const lang of ['en', 'zh-CN']) {
  test(`the lesson (${lang}): every step renders, Next moves on, the address follows`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await page.goto(`./tutorials.html#tutorial=lesson&lang=${lang}`);
    const article = page.locator('article.tutorial');
    const total = Number(await article.getAttribute('data-steps'));
    expect(total).toBe(lesson(lang).match(/^## /gm)!.length);
    for (let n = 1; n <= total; n++) {
      await expect(article).toHaveAttribute('data-step', String(n));
      await expect(page.locator('#tutorial-step-body > h2')).not.toBeEmpty();
      await stepReady(page);
      // No block of the lesson has a problem.
      await expect(page.locator('.tutorial-errors:visible')).toHaveCount(0);
      await expect(page.locator('#tutorial-progress')).toHaveAttribute('value', String(n));
      if (n > 1) expect(page.url()).toContain(`step=${n}`);
      if (n < total) await page.locator('#tutorial-next').click();
    }
    await expect(page.locator('#tutorial-next')).toBeDisabled();
    await expect(page.locator('#tutorial-problems')).toBeHidden();
    expect(errors).toEqual([]);
  });
}

test('Next sets the widget: the stepper shows the term the text discusses', async ({ page }) => {
  await page.goto('./tutorials.html#tutorial=lesson');
  await page.locator('#tutorial-step').selectOption({ label: '16. The output layer: ∂E_total/∂w5' });
  expect(page.url()).toContain('step=16');
  const card = page.locator('#tutorial-step-body backprop-stepper #current-term');
  await expect(card).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(card).toHaveAttribute('data-value', '0.082167040564230770');
  // The arrow key moves the tutorial on, and the same stepper to the next term it names.
  await page.locator('#tutorial-step-body > h2').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-step', '17');
  await expect(card).toHaveAttribute('data-term', 'dE_o1/dnet_o1');
  await expect(card).toHaveAttribute('data-value', '0.13849856162855695');
  // A widget that was clicked has the arrows: the stepper moves, the tutorial stays.
  await card.locator('.position').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-step', '17');
  await expect(card).not.toHaveAttribute('data-term', 'dE_o1/dnet_o1');
  // A link opens at its step.
  await page.goto('./tutorials.html#tutorial=lesson&step=22');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-step', '22');
  await expect(page.locator('training-loop #code .line.current')).toHaveAttribute('data-phase', 'step');
});

test('the lesson switches language on the step it is at', async ({ page }) => {
  await page.goto('./tutorials.html#tutorial=lesson&step=3');
  await expect(page.locator('#tutorial-step-body > h2')).toHaveText('SmoothL1: the best of both');
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(page.locator('#tutorial-step-body > h2')).toHaveText('SmoothL1：兼取两者之长');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-step', '3');
});

test('a teacher tutorial from tutorials/ is listed and renders with its widgets', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./tutorials.html');
  await page.locator('a[data-tutorial="why-w1-learns-slowly"]').click();
  await expect(page.locator('#tutorial-title')).toHaveText('Why w1 learns slowly');
  // The text before the first step's heading is a step of its own.
  await expect(page.locator('#tutorial-step-body')).toContainText('A short tutorial');
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body .math').first()).toBeVisible();
  const card = page.locator('#tutorial-step-body backprop-stepper #current-term');
  await expect(card).toHaveAttribute('data-term', 'dE_total/dw5');
  await page.locator('#tutorial-next').click();
  await expect(card).toHaveAttribute('data-term', 'dE_total/dw1');
  // PyTorch's value (tests/fixtures/classic_pytorch.json, dW1[0]).
  expect(Number(await card.getAttribute('data-value'))).toBe(0.0004385677344743467);
  await page.locator('#tutorial-next').click();
  // i1 = 0.5: the gradient of w1 follows its input.
  await expect(page.locator('#tutorial-step-body backprop-stepper #field-i1')).toHaveValue('0.5');
  const bigger = Number(await card.getAttribute('data-value'));
  expect(bigger).toBeGreaterThan(0.002);
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body training-loop #iterations')).toHaveValue('2000');
  await expect(page.locator('.tutorial-errors:visible')).toHaveCount(0);
  expect(errors).toEqual([]);
});

async function openFile(page: Page, name: string): Promise<void> {
  await page.goto('./tutorials.html');
  await page.locator('#open-file').setInputFiles(resolve(`tests/fixtures/tutorials/${name}`));
  await expect(page.locator('article.tutorial')).toBeVisible();
}

test('a tutorial with mistakes shows each where it is, with its line, and the rest', async ({ page }) => {
  const errors = watchErrors(page);
  await openFile(page, 'errors.md');
  const problems = page.locator('#tutorial-problems');
  await expect(problems).toBeVisible();
  await expect(problems.locator('li[data-line="5"]')).toContainText('teleporter');
  await expect(problems.locator('li[data-line="18"]')).toContainText('key = value');
  // Step 1: the unknown widget, in place.
  await expect(page.locator('.tutorial-errors li[data-line="5"]')).toContainText('Line 5');
  await page.locator('#tutorial-next').click();
  // Step 2: the stepper shows what was right (w6 = 0.5), and says what was not, line by line.
  const stepper = page.locator('#tutorial-step-body backprop-stepper');
  await expect(stepper.locator('#field-w6')).toHaveValue('0.5');
  await expect(stepper.locator('#field-w5')).toHaveValue('0.4');
  const inPlace = page.locator('#tutorial-step-body .tutorial-errors');
  await expect(inPlace.locator('li[data-line="15"]')).toContainText('colour');
  await expect(inPlace.locator('li[data-line="16"]')).toContainText('not a number');
  await expect(inPlace.locator('li[data-line="17"]')).toContainText('no term');
  await expect(inPlace.locator('li[data-line="18"]')).toBeVisible();
  await expect(stepper.locator('.state-notice')).toBeHidden();
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body loss-explorer #pick-mae')).toBeChecked();
  await expect(page.locator('#tutorial-step-body .tutorial-errors:visible')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a malicious tutorial injects nothing: no script runs, no javascript: link, no handler attribute', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`${ORIGIN}/`) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
  });
  await openFile(page, 'malicious.md');
  const check = () =>
    page.evaluate(() => {
      const all = (root: ParentNode): Element[] =>
        [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
      const found: string[] = [];
      // The whole page but its head (whose icon is the page's own data: URL).
      if ((window as unknown as { __pwned?: number }).__pwned) found.push(`script ran: ${(window as unknown as { __pwned?: number }).__pwned}`);
      for (const el of all(document.body)) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`${a.name} on ${el.tagName}`);
          if (/^\s*(javascript|vbscript|data|file):/i.test(a.value) && ['href', 'src', 'xlink:href', 'action'].includes(a.name)) found.push(`${a.name}=${a.value.slice(0, 40)}`);
        }
        if (['IFRAME', 'OBJECT', 'EMBED', 'FORM'].includes(el.tagName)) found.push(el.tagName);
        if (el.tagName === 'SCRIPT' && !el.getAttribute('src')) found.push('inline script');
        if (el.tagName === 'IMG' && /^\s*https?:/i.test(el.getAttribute('src') ?? '')) found.push(`image from elsewhere: ${el.getAttribute('src')}`);
      }
      return found;
    });
  const article = page.locator('article.tutorial');
  const total = Number(await article.getAttribute('data-steps'));
  expect(total).toBeGreaterThanOrEqual(4);
  for (let n = 1; n <= total; n++) {
    await expect(article).toHaveAttribute('data-step', String(n));
    await stepReady(page);
    expect(await check()).toEqual([]);
    if (n < total) await page.locator('#tutorial-next').click();
  }
  // The markup is there, as text.
  await expect(page.locator('#tutorial-title')).toContainText('<script>');
  // The only links left are http(s) or relative.
  await article.locator('#tutorial-step').selectOption('1');
  const hrefs = await page.locator('#tutorial-step-body a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  // An address that was not allowed leaves its text, and no href at all.
  for (const href of hrefs) if (href !== null) expect(href).toMatch(/^(https?:|#|\.|\/|[^:]*$)/);
  expect(hrefs).toContain('https://example.org/fine');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

test('a file too large is refused with a message', async ({ page }) => {
  await page.goto('./tutorials.html');
  await page.locator('#open-file').setInputFiles({ name: 'big.md', mimeType: 'text/markdown', buffer: Buffer.alloc(600 * 1024, 'a') });
  await expect(page.locator('#open-file-error')).toContainText('512 KB');
  await expect(page.locator('article.tutorial')).toBeHidden();
});

test('an unknown tutorial in the address says so and shows the list', async ({ page }) => {
  await page.goto('./tutorials.html#tutorial=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E');
  await expect(page.locator('#tutorials-notice')).toContainText('no tutorial named');
  await expect(page.locator('#open-lesson')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
