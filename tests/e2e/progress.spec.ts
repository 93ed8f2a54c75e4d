// A reader's progress through a tutorial, kept in this browser: resumed after
// a reload, shown as a score, reset; a tutorial opened from a file survives a
// reload; a browser that refuses storage changes nothing else.
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

const step = (page: Page) => page.locator('article.tutorial');

test('the lesson resumes where the reader left it after a reload, with the score; Reset progress starts again', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./tutorials.html#tutorial=lesson');
  await expect(step(page)).toHaveAttribute('data-step', '1');
  const steps = Number(await step(page).getAttribute('data-steps'));
  await expect(page.locator('#tutorial-score')).toHaveText(`Progress: 1 of ${steps} steps seen (${Math.round(100 / steps)}%)`);
  for (let i = 0; i < 3; i++) await page.locator('#tutorial-next').click();
  await expect(step(page)).toHaveAttribute('data-step', '4');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-seen', '4');
  // Jumping ahead counts the step jumped to, not the ones skipped.
  await page.locator('#tutorial-step').selectOption('9');
  await expect(step(page)).toHaveAttribute('data-step', '10');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-seen', '5');
  await page.locator('#tutorial-back').click();

  // Back from the list, or a fresh visit with no step in the address: where the reader was.
  await page.goto('./tutorials.html');
  await page.goto('./tutorials.html#tutorial=lesson');
  await expect(step(page)).toHaveAttribute('data-step', '9');
  await expect(page.locator('#tutorial-resumed')).toHaveText('Resumed at step 9, where you left off.');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-seen', '6');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-score', (6 / steps).toFixed(4));
  await expect(page.locator('#tutorial-step-body')).not.toBeEmpty();
  // A step in the address wins over the kept one, and is counted.
  await page.goto('./tutorials.html#tutorial=lesson&step=2');
  await page.reload();
  await expect(step(page)).toHaveAttribute('data-step', '2');
  await expect(page.locator('#tutorial-resumed')).toHaveCount(0);

  await page.locator('#progress-reset').click();
  await expect(step(page)).toHaveAttribute('data-step', '1');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-seen', '1');
  await page.goto('./tutorials.html');
  await page.goto('./tutorials.html#tutorial=lesson');
  await expect(step(page)).toHaveAttribute('data-step', '1');
  await expect(page.locator('#tutorial-resumed')).toHaveCount(0);

  // In Chinese: the same progress, in its words.
  await page.goto('./tutorials.html#tutorial=lesson&lang=zh-CN');
  await expect(page.locator('#tutorial-score')).toContainText(`共 ${steps} 步`);
  await expect(page.locator('#progress-reset')).toHaveText('重置进度');
  expect(errors).toEqual([]);
});

test('each tutorial keeps its own progress: a teacher’s file is not the lesson', async ({ page }) => {
  await page.goto('./tutorials.html#tutorial=lesson&step=5');
  await expect(step(page)).toHaveAttribute('data-step', '5');
  await page.goto('./tutorials.html#tutorial=why-w1-learns-slowly');
  await expect(step(page)).toHaveAttribute('data-step', '1');
  await expect(page.locator('#tutorial-resumed')).toHaveCount(0);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('backprop.progress.')).sort());
  expect(kept).toEqual(['backprop.progress.file:why-w1-learns-slowly', 'backprop.progress.lesson']);
});

test('a tutorial opened from a file survives a reload, at its step, with its progress', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./tutorials.html');
  await page.locator('#open-file').setInputFiles(resolve('tests/fixtures/tutorials/errors.md'));
  await expect(step(page)).toBeVisible();
  const title = await page.locator('#tutorial-title').textContent();
  await page.locator('#tutorial-next').click();
  await expect(step(page)).toHaveAttribute('data-step', '2');
  expect(new URL(page.url()).hash).toContain('tutorial=local');
  await page.reload();
  await expect(page.locator('#tutorial-title')).toHaveText(title!);
  await expect(step(page)).toHaveAttribute('data-step', '2');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-seen', '2');
  // Another tab keeps no file: it says so and shows the list.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.locator('#tutorials-notice')).toContainText('open the file again');
  await expect(other.locator('#open-file')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a browser that refuses storage (private mode, a full quota) still reads tutorials, without errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    Storage.prototype.setItem = refuse;
    Storage.prototype.getItem = refuse;
  });
  await page.goto('./tutorials.html#tutorial=lesson');
  await page.locator('#tutorial-next').click();
  await expect(step(page)).toHaveAttribute('data-step', '2');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-seen', '2');
  await page.locator('#progress-reset').click();
  await expect(step(page)).toHaveAttribute('data-step', '1');
  await page.goto('./tutorials.html');
  await page.locator('#open-file').setInputFiles(resolve('tests/fixtures/tutorials/errors.md'));
  await expect(step(page)).toBeVisible();
  expect(errors).toEqual([]);
});
