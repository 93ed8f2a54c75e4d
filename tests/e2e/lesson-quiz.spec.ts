// The lesson's step on the most common PyTorch bug links to the bug quiz on
// the training page (training.html#quiz=1), which opens scrolled to it.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 720 } });

/** The lesson's step (from 1) whose text holds the words, as the tutorial numbers its ## steps. */
function stepOf(lang: string, words: string): number {
  const text = readFileSync(new URL(`../../web/src/messages/lesson.${lang}.md`, import.meta.url), 'utf8');
  const steps = text.split(/^## /m).slice(1);
  const at = steps.findIndex((s) => s.includes(words));
  expect(at, words).toBeGreaterThanOrEqual(0);
  return at + 1;
}

async function followLink(page: Page, lang: string, words: string, label: string): Promise<void> {
  await page.goto(`./tutorials.html#tutorial=lesson&step=${stepOf(lang, words)}&lang=${lang}`);
  const link = page.locator('#tutorial-step-body a', { hasText: label });
  await expect(link).toHaveAttribute('href', './training.html#quiz=1');
  await link.click();
  await expect(page).toHaveURL(/\/training\.html/);
  const quiz = page.locator('#bug-quiz');
  await expect(quiz).toHaveAttribute('data-question', '1');
  await expect(page.locator('#quiz-chart path.quiz-mystery')).toHaveAttribute('d', /^M.+L/);
  await expect(page.locator('#quiz-title')).toBeInViewport();
  // Nothing refused in the address.
  await expect(page.locator('#widget .state-notice li')).toHaveCount(0);
}

test('the lesson links to the bug quiz, and the training page opens at it', async ({ page }) => {
  const errors = watchErrors(page);
  await followLink(page, 'en', 'the most common PyTorch bug', 'which bug made this curve?');
  await expect(page.locator('#quiz-title')).toHaveText('Which bug made this curve?');
  expect(errors).toEqual([]);
});

test('in Chinese too', async ({ page }) => {
  const errors = watchErrors(page);
  await followLink(page, 'zh-CN', 'PyTorch 中最常见的错误', '是哪个错误画出了这条曲线？');
  expect(errors).toEqual([]);
});

test('quiz= opens the quiz at its question; the address follows the quiz', async ({ page }) => {
  // Without it the page opens at its top.
  await page.goto('./training.html');
  await expect(page.locator('#bug-quiz')).toHaveAttribute('data-question', '1');
  await expect(page.locator('#quiz-title')).not.toBeInViewport();
  await page.goto('./training.html#quiz=3');
  const quiz = page.locator('#bug-quiz');
  await expect(quiz).toHaveAttribute('data-question', '3');
  await expect(page.locator('#quiz-title')).toBeInViewport();
  await page.locator('#quiz-next').click();
  await expect(quiz).toHaveAttribute('data-question', '1');
  await expect(page).not.toHaveURL(/quiz=/);
  await page.locator('#quiz-next').click();
  await expect(page).toHaveURL(/quiz=2/);
  // A question the quiz does not have is refused, and named.
  await page.goto('./training.html#quiz=9');
  await expect(page.locator('#widget .state-notice li[data-key="quiz"]')).toContainText('1, 2, 3');
  await expect(quiz).toHaveAttribute('data-question', '1');
});

test('in the one-file copy the lesson\'s link opens the training view at the quiz', async ({ page }) => {
  const errors = watchErrors(page);
  const file = `file://${resolve('dist-single/backprop-offline.html')}`;
  await page.goto(`${file}#view=tutorials&tutorial=lesson&step=${stepOf('en', 'the most common PyTorch bug')}&lang=en`);
  const link = page.locator('#tutorial-step-body a', { hasText: 'which bug made this curve?' });
  await expect(link).toHaveAttribute('href', '#view=training&quiz=1');
  await link.click();
  await expect(page.locator('#bug-quiz:visible')).toHaveAttribute('data-question', '1');
  await expect(page.locator('#quiz-title:visible')).toBeInViewport();
  expect(errors).toEqual([]);
});
