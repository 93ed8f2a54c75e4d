// Presenter mode and clickers: what a teacher uses in class, on a projector
// (1280×720, also at 150 %), with a clicker that sends PageDown and PageUp.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

const card = (page: Page) => page.locator('#current-term');

test('present=1 hides the site, puts the drawing beside the term card, large; Esc leaves', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = watchErrors(page);
  await page.goto('./index.html#term=dE_total/dw1&present=1');
  await expect(card(page)).toHaveAttribute('data-term', 'dE_total/dw1');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('#widget')).toHaveAttribute('data-present', '');
  const drawing = (await page.locator('figure.drawing').boundingBox())!;
  const term = (await card(page).boundingBox())!;
  // Side by side, both starting on the screen; the drawing whole on it.
  expect(term.x).toBeGreaterThan(drawing.x + drawing.width - 1);
  expect(drawing.y + drawing.height).toBeLessThanOrEqual(720);
  expect(term.y).toBeLessThan(200);
  // Large and high in contrast: node names at 20 px or more, thick edges, labels in the ink colour.
  const name = await page.locator('svg.network .node-name').first().evaluate((el) => {
    const m = (el as SVGGraphicsElement).getScreenCTM()!;
    return parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
  });
  expect(name).toBeGreaterThanOrEqual(20);
  expect(await page.locator('svg.network line.edge:not(.hl)').first().evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth))).toBeGreaterThanOrEqual(3);
  const colours = await page.locator('svg.network .target').first().evaluate((el) => [getComputedStyle(el).fill, getComputedStyle(document.body).color]);
  expect(colours[0]).toBe(colours[1]);
  // The clicker steps through the terms.
  await page.keyboard.press('PageDown');
  await expect(card(page)).toHaveAttribute('data-term', 'w1+');
  await page.keyboard.press('PageUp');
  await expect(card(page)).toHaveAttribute('data-term', 'dE_total/dw1');
  // Esc once says how to leave; Esc again leaves: back to the page, the address without present.
  await page.keyboard.press('Escape');
  await expect(page.locator('#present-exit')).toHaveText('Press Esc again to leave presenter mode');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).not.toHaveClass(/presenting/);
  await expect(page.locator('.site-header')).toBeVisible();
  expect(page.url()).not.toContain('present');
  expect(page.url()).toContain('term=dE_total/dw1');
  expect(errors).toEqual([]);
});

test('the Present button enters presenter mode and keeps it in the address; the button at the bottom leaves', async ({ page }) => {
  await page.goto('./losses.html#loss=smooth_l1');
  await page.locator('#present-button').click();
  await expect(page.locator('html')).toHaveClass(/presenting/);
  expect(page.url()).toContain('present=1');
  expect(page.url()).toContain('loss=smooth_l1');
  await page.locator('#present-exit').click();
  await expect(page.locator('html')).not.toHaveClass(/presenting/);
  await expect(page.locator('#present-button')).toBeVisible();
});

test('on a projector (1280×720 at 150 %) the drawing and the current term share the screen', async ({ page }) => {
  await page.setViewportSize({ width: 853, height: 480 });
  await page.goto('./index.html#term=dE_total/db1&present=1');
  await expect(card(page)).toHaveAttribute('data-term', 'dE_total/db1');
  const drawing = (await page.locator('figure.drawing svg').boundingBox())!;
  const equation = (await page.locator('#current-term .equation').boundingBox())!;
  expect(equation.x).toBeGreaterThan(drawing.x + drawing.width - 1);
  expect(drawing.y + drawing.height).toBeLessThanOrEqual(480);
  expect(equation.y + equation.height).toBeLessThanOrEqual(480);
  await expect(page.locator('#current-term .formula-scrolls')).toHaveCount(0);
});

test('in the lesson a clicker moves the lesson, even after a click in a widget; the arrows go to a clicked widget until Esc', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = watchErrors(page);
  await page.goto('./tutorials.html#tutorial=lesson&step=16&present=1');
  const article = page.locator('article.tutorial');
  await expect(article).toHaveAttribute('data-step', '16');
  await expect(page.locator('.site-header')).toBeHidden();
  const stepper = page.locator('#tutorial-step-body backprop-stepper');
  await expect(stepper.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(stepper).toHaveAttribute('data-present', '');
  // The text beside the widget.
  const text = (await page.locator('.step-text').boundingBox())!;
  const widgets = (await page.locator('.step-widgets').boundingBox())!;
  expect(widgets.x).toBeGreaterThan(text.x + text.width - 1);

  // A click in the stepper gives it the arrows: → steps the stepper, and it says so.
  await stepper.locator('#current-term .position').click();
  await expect(page.locator('.widget-slot.has-keys .keys-badge')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(stepper.locator('#current-term')).toHaveAttribute('data-term', 'w5+');
  await expect(article).toHaveAttribute('data-step', '16');
  // PageDown is the lesson's, whoever has the arrows.
  await page.keyboard.press('PageDown');
  await expect(article).toHaveAttribute('data-step', '17');
  await page.keyboard.press('PageUp');
  await expect(article).toHaveAttribute('data-step', '16');
  // Esc hands the arrows back to the lesson, and stays in presenter mode.
  await stepper.locator('#current-term .position').click();
  await page.keyboard.press('Escape');
  await expect(page.locator('.has-keys')).toHaveCount(0);
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await page.keyboard.press('ArrowRight');
  await expect(article).toHaveAttribute('data-step', '17');
  // Without a click, Tab into the widget leaves the arrows with the lesson.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowLeft');
  await expect(article).toHaveAttribute('data-step', '16');
  // With the keys back, Esc twice leaves presenter mode; a single one does not.
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).not.toHaveClass(/presenting/);
  expect(page.url()).not.toContain('present');
  expect(errors).toEqual([]);
});

test('the lesson and the stepper name their buttons apart', async ({ page }) => {
  await page.goto('./tutorials.html#tutorial=lesson&step=16');
  const lessonNext = await page.locator('#tutorial-next').textContent();
  const stepperNext = await page.locator('#tutorial-step-body backprop-stepper #next').textContent();
  expect(lessonNext).not.toBe(stepperNext);
});

const screens = [
  { lang: 'en', name: '1280×720', viewport: { width: 1280, height: 720 } },
  { lang: 'zh-CN', name: '1280×720', viewport: { width: 1280, height: 720 } },
  // A projector at 150 % zoom: presenter mode lays it out as 1280 px and scales it.
  { lang: 'en', name: '1280×720 at 150 %', viewport: { width: 853, height: 480 } },
];

for (const { lang, name, viewport } of screens) {
  test(`in presenter mode every step of the lesson (${lang}) fits one ${name} screen: its text, and its widget's main part`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await page.goto(`./tutorials.html#tutorial=lesson&present=1&lang=${lang}`);
    const article = page.locator('article.tutorial');
    const total = Number(await article.getAttribute('data-steps'));
    const main: Record<string, string[]> = {
      'BACKPROP-STEPPER': ['figure.drawing', '.equation'],
      'LOSS-EXPLORER': ['.info-card .formula', '#curves'],
      'OPTIMIZER-RACE': ['svg.surface'],
      'TRAINING-LOOP': ['pre.code'],
    };
    const problems: string[] = [];
    for (let n = 1; n <= total; n++) {
      await expect(article).toHaveAttribute('data-step', String(n));
      const widgets = page.locator('#tutorial-step-body').locator('backprop-stepper, loss-explorer, optimizer-race, training-loop');
      for (let i = 0; i < (await widgets.count()); i++) await widgets.nth(i).evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
      await page.waitForTimeout(150);
      problems.push(
        ...(await page.evaluate(
          ({ n, main }) => {
            const out: string[] = [];
            const vh = innerHeight;
            if (document.documentElement.scrollHeight > vh + 1) out.push(`step ${n}: the page scrolls`);
            const text = document.querySelector('.step-text') ?? document.querySelector('#tutorial-step-body')!;
            if (text.scrollHeight > text.clientHeight + 1) out.push(`step ${n}: the text is ${text.scrollHeight - text.clientHeight} px too long`);
            for (const w of document.querySelectorAll('#tutorial-step-body :is(backprop-stepper, loss-explorer, optimizer-race, training-loop)')) {
              for (const selector of main[w.tagName]) {
                const el = w.shadowRoot!.querySelector(selector);
                if (!el || !el.getClientRects().length) continue;
                const bottom = el.getBoundingClientRect().bottom;
                if (bottom > vh + 1) out.push(`step ${n}: ${w.tagName.toLowerCase()} ${selector} ends ${Math.round(bottom - vh)} px below the screen`);
              }
            }
            return out;
          },
          { n, main },
        )),
      );
      if (n < total) await page.keyboard.press('PageDown');
    }
    expect(problems).toEqual([]);
  });
}
