// Accessibility: axe-core on every widget in both languages, the stepper
// from the keyboard alone, reduced motion, and the printed handout.
import { expect, type Page, test } from '@playwright/test';
import { axeViolations, watchErrors } from './helpers';

// axe is injected as a script: the test's own, so the page's CSP is set aside for it.
test.use({ locale: 'en-US', bypassCSP: true });

const pages: { name: string; path: string; ready: string; act?: (page: Page) => Promise<void> }[] = [
  { name: 'the stepper', path: 'index.html#term=dE_total/dw5', ready: '#current-term[data-term]', act: async (page) => page.locator('#all-terms summary').click() },
  { name: 'the loss explorer', path: 'losses.html', ready: '#curves[data-loss]' },
  { name: 'the loss explorer on cross-entropy', path: 'losses.html#loss=ce', ready: '#softmax-bars rect' },
  { name: 'the optimizer race', path: 'optimizers.html#step=40&show=adam', ready: '#surface[data-levels]' },
  { name: 'the tutorials', path: 'tutorials.html', ready: '#open-lesson' },
  { name: 'a step of the lesson', path: 'tutorials.html#tutorial=lesson&step=16', ready: 'backprop-stepper #current-term[data-term="dE_total/dw5"]' },
  { name: 'the training loop', path: 'training.html#phase=step', ready: '#phase-body table', act: async (page) => {
    await page.locator('#run').click();
    await expect(page.locator('#run-chart')).toHaveAttribute('data-runs', '1');
    await page.locator('#check').click();
  } },
  { name: 'the playground', path: 'playground.html#data=spiral&classes=3', ready: '#playground[data-epoch]', act: async (page) => {
    await page.locator('#step-epoch').click();
    await expect(page.locator('#playground')).toHaveAttribute('data-epoch', '1');
  } },
];

for (const [lang, theme] of [['en', ''], ['zh-CN', ''], ['en', 'dark']]) {
  for (const p of pages) {
    test(`axe finds nothing on ${p.name} (${lang}${theme ? `, ${theme}` : ''})`, async ({ page }) => {
      await page.goto(`./${p.path}${p.path.includes('#') ? '&' : '#'}lang=${lang}${theme ? `&theme=${theme}` : ''}`);
      await expect(page.locator(p.ready).first()).toBeAttached();
      await p.act?.(page);
      if (!p.path.startsWith('tutorials')) {
        await page.locator('#share-button').click();
        await expect(page.locator('#share-panel')).toBeVisible();
      }
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}

test('axe finds nothing on a notice of ignored settings, nor on the embed view', async ({ page }) => {
  await page.goto('./index.html#w5=abc&embed=1');
  await expect(page.locator('.state-notice')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

/** The focused element, inside shadow roots too. */
function focused(page: Page): Promise<{ id: string; tag: string; outline: string; text: string }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const style = el ? getComputedStyle(el) : null;
    return { id: el?.id ?? '', tag: el?.tagName ?? '', outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '', text: el?.textContent ?? '' };
  });
}

async function tabTo(page: Page, id: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).id === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

test('the stepper from the keyboard alone, with a visible focus and the term announced', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./index.html');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'net_h1');
  // Tab reaches a field of the editor: type a new w5 and leave.
  await tabTo(page, 'field-w5');
  expect((await focused(page)).outline).toMatch(/^solid [1-9]/);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0.5');
  await page.keyboard.press('Tab');
  await expect(page.locator('#field-w5')).toHaveValue('0.5');
  // Next, pressed with Enter and Space.
  await tabTo(page, 'next');
  expect((await focused(page)).outline).toMatch(/^solid [1-9]/);
  await page.keyboard.press('Enter');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'out_h1');
  await page.keyboard.press('Space');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'net_h2');
  // The jump: a select, chosen from the keyboard.
  await tabTo(page, 'jump');
  await page.keyboard.press('ArrowDown');
  await page.locator('#jump').selectOption('w5'); // what Enter on the open list does
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dout_o1');
  // Arrows from the page, Home and End.
  await page.locator('#current-term').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  // The live region says it in words: w5 is now 0.5, so the value is this network's.
  const value = Number(await page.locator('#current-term').getAttribute('data-value'));
  await expect(page.locator('#term-announce')).toHaveText(new RegExp(`^dE_total/dw5 equals ${value.toPrecision(4)}: `));
  await expect(page.locator('#term-announce')).toHaveAttribute('aria-live', 'polite');
  await page.keyboard.press('End');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'E_total+');
  await page.keyboard.press('Home');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'net_h1');
  // The drawing has a text alternative.
  const drawing = page.locator('svg.network');
  await expect(drawing).toHaveAttribute('role', 'img');
  await expect(page.locator('#network-desc')).toContainText('i1');
  expect(errors).toEqual([]);
});

test('reduced motion turns autoplay off and says why', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./index.html');
  await expect(page.locator('#autoplay')).toBeDisabled();
  await expect(page.locator('#autoplay-off')).toBeVisible();
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('./index.html#lang=en');
  await expect(page.locator('#autoplay')).toBeEnabled();
  await expect(page.locator('#autoplay-off')).toBeHidden();
});

test('the printed stepper is a handout: the drawing, every term, typeset, with its value, in the chosen language, light on paper', async ({ page }) => {
  await page.goto('./index.html#lang=zh-CN&theme=dark');
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'net_h1');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const rows = page.locator('.trace-list li[data-term]');
  await expect(rows).toHaveCount(56);
  await expect(rows.locator('.katex').first()).toBeVisible();
  await expect(page.locator('.trace-list li[data-term="dE_total/dw5"]')).toHaveAttribute('data-value', '0.082167040564230770');
  await expect(page.locator('.controls')).toBeHidden();
  await expect(page.locator('.editor')).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.trace-list')).toContainText('前向传播');
  // The drawing is printed, in the light theme even when the screen is dark.
  await expect(page.locator('figure.drawing svg.network')).toBeVisible();
  expect(await page.locator('#current-term').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ media: 'screen' });
  expect(await page.locator('#current-term').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 20, 25)');
});
