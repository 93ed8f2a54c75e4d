// The language of an embedded widget: its lang attribute, else the nearest
// ancestor's, else the page's; it changes nothing outside itself. A
// tutorial's front matter declares its language.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

async function course(page: Page, html: string, body: string): Promise<void> {
  await page.route('**/host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html ${html}><head><meta charset="utf-8"><title>Course</title><script type="module" src="./widgets.js"></script></head><body>${body}</body></html>`,
    }),
  );
  await page.goto('./host.html');
}

const nextButton = (page: Page, selector: string) => page.locator(`${selector} #next`);

test('a widget speaks its page’s language, or its nearest ancestor’s, or its own attribute’s, and changes nothing else', async ({ page }) => {
  const errors = watchErrors(page);
  await course(
    page,
    'lang="zh-CN"',
    `<p id="host-text">课程页面</p>
     <backprop-stepper id="page-lang"></backprop-stepper>
     <section lang="en"><backprop-stepper id="ancestor-lang"></backprop-stepper></section>
     <backprop-stepper id="own-lang" lang="en"></backprop-stepper>`,
  );
  await expect(nextButton(page, '#page-lang')).toHaveText('下一项');
  await expect(nextButton(page, '#ancestor-lang')).toHaveText('Next term');
  await expect(nextButton(page, '#own-lang')).toHaveText('Next term');
  await expect(page.locator('#page-lang #current-term .position')).toHaveText('第 1 项，共 56 项');
  // The page is untouched.
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // A lang attribute changed on one element changes that one only.
  await page.locator('#own-lang').evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await expect(nextButton(page, '#own-lang')).toHaveText('下一项');
  await expect(nextButton(page, '#ancestor-lang')).toHaveText('Next term');
  await page.locator('#page-lang').evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(nextButton(page, '#page-lang')).toHaveText('Next term');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Its notices speak its language too.
  await page.locator('#own-lang').evaluate((el) => el.setAttribute('w5', 'abc'));
  await expect(page.locator('#own-lang .state-notice')).toContainText('该组件的部分设置无法应用');
  expect(errors).toEqual([]);
});

test('an English page’s widget stays English when another widget on it is set to Chinese', async ({ page }) => {
  await course(page, 'lang="en"', '<loss-explorer id="a"></loss-explorer><loss-explorer id="b" lang="zh-CN"></loss-explorer>');
  await expect(page.locator('#b #loss-name')).toHaveText(/均方误差/);
  await expect(page.locator('#a #loss-name')).toHaveText(/Mean squared error/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a tutorial in Chinese (front matter lang: zh-CN) shows Chinese controls on an English page', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./tutorials.html#tutorial=w1-learns-slowly-zh&step=2&lang=en');
  await expect(page.locator('.site-header nav a[data-widget="stepper"]')).toHaveText('Backprop stepper');
  await expect(page.locator('#tutorial-next')).toHaveText('下一步');
  const stepper = page.locator('#tutorial-step-body backprop-stepper');
  await expect(stepper.locator('#next')).toHaveText('下一项');
  await expect(stepper.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(page.locator('#tutorial-problems')).toBeHidden();
  // The English lesson on the same page speaks English again.
  await page.goto('./tutorials.html#tutorial=lesson&step=16&lang=en');
  await expect(page.locator('#tutorial-step-body backprop-stepper #next')).toHaveText('Next term');
  await expect(page.locator('#tutorial-next')).toHaveText('Next step');
  expect(errors).toEqual([]);
});

test('front matter that is not understood is listed with its line, and the rest shows', async ({ page }) => {
  await page.goto('./tutorials.html');
  const source = '---\nlang: fr\ntheme: dark\n---\n# A tutorial\n\n## One\n\nText.\n';
  await page.locator('#open-file').setInputFiles({ name: 'front.md', mimeType: 'text/markdown', buffer: Buffer.from(source) });
  await expect(page.locator('#tutorial-title')).toHaveText('A tutorial');
  const problems = page.locator('#tutorial-problems li');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toHaveAttribute('data-line', '2');
  await expect(problems.nth(1)).toHaveAttribute('data-line', '3');
  await expect(problems.nth(1)).toContainText('theme');
});

test('a page loads the catalog of the language it starts in; the other comes when the reader switches to it', async ({ page }) => {
  const errors = watchErrors(page);
  const catalogs: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (/^(en|zh-CN)[-.]/.test(name)) catalogs.push(name.startsWith('en') ? 'en' : 'zh-CN');
  });
  await page.goto('./index.html#lang=en');
  await expect(nextButton(page, '#widget')).toHaveText('Next term');
  expect(catalogs).toEqual(['en']);
  await page.locator('.site-header button[data-lang="zh-CN"]').click();
  await expect(nextButton(page, '#widget')).toHaveText('下一项');
  await expect(page.locator('.site-header nav a[data-widget="stepper"]')).toHaveText('反向传播逐步推导');
  expect(catalogs).toEqual(['en', 'zh-CN']);
  // Back: nothing more to load.
  await page.locator('.site-header button[data-lang="en"]').click();
  await expect(nextButton(page, '#widget')).toHaveText('Next term');
  expect(catalogs).toEqual(['en', 'zh-CN']);
  expect(errors).toEqual([]);
});
