// Screenshots of the key views, compared with committed baselines
// (tests/e2e/screenshots/): what a student and a teacher see, at the widths
// and in the places they see it. Update them on purpose only:
//   E2E_PORT=4180 npx playwright test tests/e2e/screens.spec.ts --update-snapshots
import { expect, type Page, test } from '@playwright/test';
import { ORIGIN } from './helpers';

test.use({ locale: 'en-US', colorScheme: 'light', reducedMotion: 'reduce' });

async function settle(page: Page): Promise<void> {
  const widgets = page.locator('backprop-stepper, loss-explorer, optimizer-race, training-loop, nn-playground');
  // The page's modules run on once its catalog is here, after the load event.
  await widgets.first().waitFor({ state: 'attached' });
  for (let i = 0; i < (await widgets.count()); i++) await widgets.nth(i).evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
}

const stepperViews = [
  { name: 'stepper-1440', viewport: { width: 1440, height: 900 }, scale: 1 },
  { name: 'stepper-projector-150', viewport: { width: 853, height: 480 }, scale: 1.5 },
  { name: 'stepper-phone-390', viewport: { width: 390, height: 844 }, scale: 1 },
];

for (const v of stepperViews) {
  test(`the stepper: ${v.name}`, async ({ page }) => {
    await page.setViewportSize(v.viewport);
    await page.goto('./index.html#term=dE_total/dw1&lang=en');
    await settle(page);
    if (v.name.includes('phone')) await page.locator('figure.drawing').scrollIntoViewIfNeeded();
    await expect(page).toHaveScreenshot(`${v.name}.png`, { scale: 'css' });
  });
}

test('the stepper in a 700 px course column', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.route(`${ORIGIN}/column.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 3</title><link rel="stylesheet" href="./column.css"><script type="module" src="./widgets.js"></script></head>
<body><main><h1>Week 3: backpropagation</h1><backprop-stepper term="dE_total/dw1" hide="editor,history,trace,about"></backprop-stepper></main></body></html>`,
    }),
  );
  await page.route(`${ORIGIN}/column.css`, (route) => route.fulfill({ contentType: 'text/css', body: 'body { margin: 0; font-family: serif; } main { max-width: 700px; margin: 0 auto; padding: 8px; }' }));
  await page.goto('./column.html');
  await settle(page);
  await expect(page.locator('main')).toHaveScreenshot('stepper-column-700.png');
});

// The playground after 30 epochs on XOR (replayed from the address to the same bits every time).
test('the playground at 1440', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('./playground.html#data=xor&epoch=30&lang=en');
  await settle(page);
  await expect(page.locator('#widget').locator('#playground')).toHaveAttribute('data-epoch', '30');
  await page.waitForTimeout(300);
  await expect(page).toHaveScreenshot('playground-1440.png', { scale: 'css' });
});

test('the playground in a 700 px course column', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.route(`${ORIGIN}/column.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 5</title><link rel="stylesheet" href="./column.css"><script type="module" src="./widgets.js"></script></head>
<body><main><h1>Week 5: a network on your own data</h1><nn-playground data="xor" epoch="30" hide="intro"></nn-playground></main></body></html>`,
    }),
  );
  await page.route(`${ORIGIN}/column.css`, (route) => route.fulfill({ contentType: 'text/css', body: 'body { margin: 0; font-family: serif; } main { max-width: 700px; margin: 0 auto; padding: 8px; }' }));
  await page.goto('./column.html');
  await settle(page);
  await expect(page.locator('nn-playground').locator('#playground')).toHaveAttribute('data-epoch', '30');
  await page.waitForTimeout(300);
  await expect(page.locator('main')).toHaveScreenshot('playground-column-700.png');
});

test('presenter mode on a 1280×720 screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./index.html#term=dE_total/db1&present=1&lang=en');
  await settle(page);
  await expect(page).toHaveScreenshot('stepper-presenter-1280.png');
});

test('the dark theme', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./index.html#term=dE_total/dw5&theme=dark&lang=en');
  await settle(page);
  await expect(page).toHaveScreenshot('stepper-dark-1440.png');
});

test('a step of the lesson, and the same in presenter mode', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./tutorials.html#tutorial=lesson&step=16&lang=en');
  await settle(page);
  await expect(page).toHaveScreenshot('lesson-step-1440.png');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./tutorials.html#tutorial=lesson&step=16&lang=zh-CN&present=1');
  await settle(page);
  await expect(page).toHaveScreenshot('lesson-step-presenter-zh-1280.png');
});

test('an LMS page that strips scripts, with the iframe code', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 1100 });
  await page.goto('./index.html#term=dE_total/dw5&lang=en');
  await page.locator('#share-button').click();
  await expect(page.locator('#share-iframe')).toHaveAttribute('data-measured', 'true');
  const code = await page.locator('#share-iframe').inputValue();
  await page.route(`${ORIGIN}/lms.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 3</title><link rel="stylesheet" href="./lms.css"></head><body><main><h1>Week 3</h1><p>Read the term, then press Next term.</p>${code}</main></body></html>`,
    }),
  );
  await page.route(`${ORIGIN}/lms.css`, (route) => route.fulfill({ contentType: 'text/css', body: 'body { margin: 0; font-family: serif; background: #f4f4f4; } main { max-width: 720px; margin: 0 auto; padding: 8px 16px; background: #fff; }' }));
  await page.goto('./lms.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await page.waitForTimeout(600);
  await expect(page).toHaveScreenshot('lms-iframe-1024.png');
});
