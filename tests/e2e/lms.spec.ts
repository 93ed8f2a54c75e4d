// Embedding where courses live: an LMS page that strips every script (Canvas,
// many Moodle set-ups), and an element embedded from another site that does
// not allow it.
import { expect, test } from '@playwright/test';
import { ORIGIN, watchErrors } from './helpers';

test.use({ locale: 'en-US' });

test('the iframe code works with no script: the stepper alone, the linked term on screen within its height', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./index.html#term=dE_total/dw1');
  await page.locator('#share-button').click();
  // The height is the embed view's own, measured in a hidden frame.
  await expect(page.locator('#share-iframe')).toHaveAttribute('data-measured', 'true');
  const code = await page.locator('#share-iframe').inputValue();
  expect(code).not.toContain('<script');
  const height = Number(/height="(\d+)"/.exec(code)![1]);
  // A course column that kept the iframe and dropped everything else.
  await page.route(`${ORIGIN}/lms.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Week 3</title><link rel="stylesheet" href="./lms.css"></head><body><main><h1>Week 3</h1>${code}</main></body></html>`,
    }),
  );
  await page.route(`${ORIGIN}/lms.css`, (route) => route.fulfill({ contentType: 'text/css', body: 'main { max-width: 700px; margin: 0 auto; } iframe { display: block; }' }));
  await page.goto('./lms.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw1');
  // The widget alone: no site, no language switch, no introduction.
  await expect(frame.locator('nav')).toHaveCount(0);
  await expect(frame.locator('.lang-switch')).toHaveCount(0);
  await expect(frame.locator('.intro')).toBeHidden();
  // The drawing and the linked term are inside the frame's height without scrolling it.
  const bottom = async (selector: string) => frame.locator(selector).evaluate((el) => el.getBoundingClientRect().bottom);
  expect(await bottom('figure.drawing')).toBeLessThanOrEqual(height);
  expect(await bottom('#current-term .exact')).toBeLessThanOrEqual(height);
  expect(await page.locator('iframe').getAttribute('height')).toBe(String(height));
});

test('each widget’s iframe is as tall as its view: in a course column nothing of it is cut off', async ({ page }) => {
  const main: Record<string, [string, string]> = {
    'losses.html#loss=smooth_l1': ['#curves', '.info-card .formula'],
    'optimizers.html#surface=saddle': ['#surface', '#surface'],
    'training.html#phase=backward': ['#code', '#phase-body'],
  };
  for (const [address, parts] of Object.entries(main)) {
    await page.goto(`./${address}`);
    await page.locator('#share-button').click();
    await expect(page.locator('#share-iframe')).toHaveAttribute('data-measured', 'true');
    const code = await page.locator('#share-iframe').inputValue();
    const height = Number(/height="(\d+)"/.exec(code)![1]);
    await page.route(`${ORIGIN}/lms-${address.split('.')[0]}.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>Course</title></head><body style="margin:0"><div style="width:700px">${code}</div></body></html>` }),
    );
    await page.goto(`./lms-${address.split('.')[0]}.html`);
    const frame = page.frameLocator('iframe');
    for (const selector of parts) {
      await expect(frame.locator(selector).first()).toBeVisible();
      const bottom = await frame.locator(selector).first().evaluate((el) => el.getBoundingClientRect().bottom);
      expect(bottom, `${address} ${selector}`).toBeLessThanOrEqual(height);
    }
    // The whole view: the frame does not scroll.
    const inner = await frame.locator('html').evaluate((el) => el.scrollHeight);
    expect(inner, address).toBeLessThanOrEqual(height);
  }
});

test('an element embedded from a site that does not allow the page says so in place, with a link', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./index.html#term=dE_total/dw5');
  await page.locator('#share-button').click();
  const code = await page.locator('#share-element').inputValue();
  // The same code, its script served by "another site": localhost is another origin than 127.0.0.1, and sends no CORS headers.
  const elsewhere = code.replace(/http:\/\/127\.0\.0\.1/g, 'http://localhost');
  await page.route(`${ORIGIN}/elsewhere.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>Course</title></head><body><h1>Week 3</h1>${elsewhere}</body></html>` }),
  );
  await page.goto('./elsewhere.html');
  const fallback = page.locator('backprop-stepper p');
  await expect(fallback).toBeVisible();
  await expect(fallback).toContainText('could not load here');
  await expect(fallback.locator('a')).toHaveAttribute('href', /index\.html#term=dE_total\/dw5/);
  expect(errors.some((e) => /CORS|blocked/i.test(e))).toBe(true);

  // Where it loads, the widget runs and the sentence is gone.
  await page.route(`${ORIGIN}/here.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>Course</title></head><body>${code}</body></html>` }),
  );
  await page.goto('./here.html');
  await expect(page.locator('backprop-stepper #current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(page.locator('backprop-stepper > p')).toBeHidden();
});
