// The example reveal.js deck: the deck has the arrow keys until a widget on
// a slide is clicked; then the widget has them and the slide stays; Esc
// gives them back (and opens no overview). The same with the widget in an
// iframe. Under the site's strict policy, with no error.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ viewport: { width: 1280, height: 720 } });

const slide = (page: Page) => page.locator('.reveal .slides > section.present');

async function openDeck(page: Page, hash = ''): Promise<void> {
  await page.goto(`./deck.html${hash}`);
  await expect(page.locator('body')).toHaveAttribute('data-deck-ready', '');
  await expect(slide(page)).toHaveId('slide-title');
}

test('the deck keeps its keys until the widget is clicked; Esc gives them back', async ({ page }) => {
  const errors = watchErrors(page);
  await openDeck(page);
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveId('slide-element');
  const stepper = page.locator('#slide-element backprop-stepper');
  const term = stepper.locator('#current-term');
  await expect(term).toHaveAttribute('data-term', 'dE_total/dw5');
  // Not clicked yet: the arrows are the deck's.
  await page.keyboard.press('ArrowLeft');
  await expect(slide(page)).toHaveId('slide-title');
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveId('slide-element');
  await expect(term).toHaveAttribute('data-term', 'dE_total/dw5');

  // Clicked: the arrows step the widget, and the slide stays.
  await stepper.locator('svg.network').click();
  await expect(stepper.locator('.keys-hint')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(term).not.toHaveAttribute('data-term', 'dE_total/dw5');
  const next = await term.getAttribute('data-term');
  await page.keyboard.press('ArrowRight');
  await expect(term).not.toHaveAttribute('data-term', next!);
  await page.keyboard.press('ArrowLeft');
  await expect(term).toHaveAttribute('data-term', next!);
  await page.keyboard.press('Space');
  await expect(slide(page)).toHaveId('slide-element');

  // Esc: the keys are the deck's again, and no overview opened.
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal')).not.toHaveClass(/overview/);
  await expect(stepper.locator('.keys-hint')).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveId('slide-iframe');
  await expect(term).toHaveAttribute('data-term', next!);
  // Esc with nothing held is reveal's own: the overview.
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal')).toHaveClass(/overview/);
  expect(errors).toEqual([]);
});

test('a widget in an iframe on a slide: clicked, it has the keys; Esc gives them back to the deck', async ({ page }) => {
  const errors = watchErrors(page);
  await openDeck(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveId('slide-iframe');
  const frame = page.frameLocator('#stepper-frame');
  const term = frame.locator('#current-term');
  await expect(term).toHaveAttribute('data-term', 'dE_total/dw1');
  await frame.locator('svg.network').click();
  await page.keyboard.press('ArrowRight');
  await expect(term).not.toHaveAttribute('data-term', 'dE_total/dw1');
  await expect(slide(page)).toHaveId('slide-iframe');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('stepper-frame');
  // Esc: the frame asks the deck to take the keys back (a message, so it comes a moment later).
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).not.toBe('stepper-frame');
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveId('slide-end');
  await expect(term).not.toHaveAttribute('data-term', 'dE_total/dw1');
  expect(errors).toEqual([]);
});

test('the deck in Chinese: its slides and the widgets speak it', async ({ page }) => {
  const errors = watchErrors(page);
  await openDeck(page, '#lang=zh-CN');
  await expect(page.locator('#slide-title h1')).toHaveText('反向传播，一次一项');
  await page.keyboard.press('ArrowRight');
  const stepper = page.locator('#slide-element backprop-stepper');
  await expect(stepper.locator('#current-term .exact')).toContainText('精确值');
  await page.keyboard.press('ArrowRight');
  await expect(page.frameLocator('#stepper-frame').locator('#current-term .exact')).toContainText('精确值');
  expect(errors).toEqual([]);
});
