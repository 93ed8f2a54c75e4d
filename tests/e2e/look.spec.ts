// The lesson and a teacher's tutorial, looked at: every step, forward and
// back, in both languages, each widget with its styles, nothing wider than
// its widget, no formula clipped.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';
import { expectWidgetsLookRight, WIDGETS } from './look';

/** Waits until every widget of the step has loaded (its "Loading the core…" line replaced by the widget). */
async function stepReady(page: Page): Promise<void> {
  const widgets = page.locator('#tutorial-step-body').locator(WIDGETS);
  const n = await widgets.count();
  for (let i = 0; i < n; i++) await widgets.nth(i).evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
}

async function walk(page: Page, address: string): Promise<number> {
  await page.goto(address);
  const article = page.locator('article.tutorial');
  const total = Number(await article.getAttribute('data-steps'));
  let widgets = 0;
  const look = async (n: number) => {
    await expect(article).toHaveAttribute('data-step', String(n));
    await stepReady(page);
    // A step of text has no widget; the walk as a whole must have looked at some.
    widgets += await expectWidgetsLookRight(page, '#tutorial-step-body', { text: false, none: true });
  };
  for (let n = 1; n <= total; n++) {
    await look(n);
    if (n < total) await page.locator('#tutorial-next').click();
  }
  // Back again: the widgets seen before are reused, and must stay whole.
  for (let n = total - 1; n >= 1; n--) {
    await page.locator('#tutorial-back').click();
    await look(n);
  }
  expect(widgets, `widgets looked at in ${address}`).toBeGreaterThan(0);
  return total;
}

for (const lang of ['en', 'zh-CN']) {
  test(`every step of the lesson (${lang}), forward and back, shows its widgets whole`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    expect(await walk(page, `./tutorials.html#tutorial=lesson&lang=${lang}`)).toBeGreaterThan(15);
    expect(errors).toEqual([]);
  });
}

test("every step of a teacher's tutorial, forward and back, shows its widgets whole", async ({ page }) => {
  const errors = watchErrors(page);
  expect(await walk(page, './tutorials.html#tutorial=why-w1-learns-slowly')).toBeGreaterThan(2);
  expect(errors).toEqual([]);
});

test("every step of a teacher's tutorial in Chinese (front matter lang: zh-CN) shows its widgets whole", async ({ page }) => {
  const errors = watchErrors(page);
  expect(await walk(page, './tutorials.html#tutorial=w1-learns-slowly-zh&lang=en')).toBeGreaterThan(2);
  expect(errors).toEqual([]);
});
