// The dark theme: our pages follow the system, the address and the
// toggle; a widget on another page follows that page, or its attribute.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

const paper = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
const DARK = 'rgb(15, 20, 25)';
const LIGHT = 'rgb(255, 255, 255)';

test('our pages follow the system, and the toggle overrides it in this browser', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./index.html');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#widget')).toHaveAttribute('data-theme', 'dark');
  expect(await paper(page, '#current-term')).toBe(DARK);
  await expect(page.locator('#theme-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('#theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await paper(page, '#current-term')).toBe(LIGHT);
  // Kept for the next page of the site.
  await page.goto('./losses.html');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('#widget')).toHaveAttribute('data-theme', 'light');
  expect(errors).toEqual([]);
});

test('theme= in the address sets it for that view', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./optimizers.html#theme=dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#widget')).toHaveAttribute('data-theme', 'dark');
});

const host = (background: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title>
<link rel="stylesheet" href="./host.css"><script type="module" src="./widgets.js"></script></head>
<body class="${background}">${body}</body></html>`;
const hostCss = '.dark { background: #111; color: #eee; } .white { background: #fff; }';

async function course(page: Page, background: string, body: string): Promise<void> {
  await page.route('**/host.html', (route) => route.fulfill({ contentType: 'text/html', body: host(background, body) }));
  await page.route('**/host.css', (route) => route.fulfill({ contentType: 'text/css', body: hostCss }));
  await page.goto('./host.html');
}

test('a widget on another page follows that page’s background, whatever the system says', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await course(page, 'white', '<backprop-stepper></backprop-stepper>');
  await expect(page.locator('backprop-stepper')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('backprop-stepper #current-term')).toBeVisible();
  expect(await paper(page, 'backprop-stepper #current-term')).toBe(LIGHT);
  await page.emulateMedia({ colorScheme: 'light' });
  await course(page, 'dark', '<backprop-stepper></backprop-stepper><loss-explorer theme="light"></loss-explorer>');
  await expect(page.locator('backprop-stepper')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('backprop-stepper #current-term')).toBeVisible();
  expect(await paper(page, 'backprop-stepper #current-term')).toBe(DARK);
  // Its own attribute wins.
  await expect(page.locator('loss-explorer')).toHaveAttribute('data-theme', 'light');
});
