// The bug lab on the training page: each mistake changes its line of the
// listing, and the numbers shown are the core's, which equal PyTorch's
// (tests/fixtures/buglab_pytorch.json); PyTorch's RuntimeErrors; the quiz.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { closeTo, watchErrors } from './helpers';

test.use({ locale: 'en-US' });

interface Run {
  iterations: { E: number; grad: number[]; parameters: number[] }[];
  error?: { iteration: number; message: string };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/buglab_pytorch.json', import.meta.url), 'utf8'));
const classic = (name: string): Run => fixture.networks.classic.runs[`sgd/${name}`];
const W5 = 4; // w1 … w8, in the core's order

async function open(page: Page, hash: string, lines: number): Promise<void> {
  await page.goto(`./training.html#${hash}`);
  await expect(page.locator('#code .line')).toHaveCount(lines);
}

async function next(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.locator('#next-phase').click();
}

async function valueOf(cell: Locator): Promise<number> {
  return Number(await cell.getAttribute('data-value'));
}

async function expectValue(cell: Locator, expected: number): Promise<void> {
  const actual = await valueOf(cell);
  expect(closeTo(actual, expected, 1e-12) || Math.abs(actual - expected) < 1e-15, `${actual} against PyTorch's ${expected}`).toBe(true);
}

test('backward twice with retain_graph: a second backward line, .grad doubled, the step it makes', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'bug=backward_twice&retain_graph=true', 6);
  await expect(page.locator('#code .line[data-phase="backward"]')).toHaveText('loss.backward(retain_graph=True)');
  await expect(page.locator('#code .line.changed')).toHaveAttribute('data-phase', 'backward_again');
  await expect(page.locator('#code-legend')).toBeVisible();
  const run = classic('backward_twice');
  await next(page, 5);
  await expect(page.locator('#code .line.current')).toHaveAttribute('data-phase', 'backward_again');
  const w5 = page.locator('#table-backward_again tr[data-param="w5"] td');
  await expectValue(w5.nth(0), run.iterations[0].grad[W5] / 2);
  await expectValue(w5.nth(1), run.iterations[0].grad[W5]);
  await next(page);
  await expectValue(page.locator('#table-step tr[data-param="w5"] td').nth(1), run.iterations[0].parameters[W5]);
  expect(errors).toEqual([]);
});

test('without retain_graph the second backward shows PyTorch\'s RuntimeError, and nothing trains', async ({ page }) => {
  await open(page, 'bug=backward_twice', 6);
  await expect(page.locator('#bug-hint')).toContainText('Without retain_graph');
  await next(page, 5);
  const error = page.locator('#torch-error');
  await expect(error).toContainText(`RuntimeError: ${classic('backward_twice_no_retain').error!.message}`);
  await expect(error).toHaveAttribute('data-line', 'backward_again');
  await expect(page.locator('#next-phase')).toBeDisabled();
  // Run: the correct loop beside it, and the error in the note.
  await page.locator('#iterations').fill('200');
  await page.locator('#run').click();
  await expect(page.locator('#run-chart')).toHaveAttribute('data-runs', '2', { timeout: 30000 });
  await expect(page.locator('#run-legend li').nth(1)).toContainText('PyTorch stops in iteration 1 with a RuntimeError');
  await expect(page.locator('#zero-grad-note')).toHaveAttribute('data-error', 'backward_again');
  await expect(page.locator('#zero-grad-note')).toContainText('Trying to backward through the graph a second time');
});

test('step before backward: .grad is None at first, then backward raises in iteration 2', async ({ page }) => {
  await open(page, 'bug=step_before_backward', 5);
  await expect(page.locator('#code .line').nth(3)).toHaveAttribute('data-phase', 'step');
  await expect(page.locator('#code .line.changed')).toHaveAttribute('data-phase', 'step');
  await next(page, 4);
  await expect(page.locator('#phase-body')).toContainText('every .grad is None');
  await expectValue(page.locator('#table-step tr[data-param="w5"] td').nth(1), 0.4);
  await next(page);
  await expectValue(page.locator('#table-backward tr[data-param="w5"] td').first(), classic('step_before_backward').iterations[0].grad[W5]);
  await next(page, 5);
  const error = page.locator('#torch-error');
  await expect(error).toHaveAttribute('data-iteration', '2');
  await expect(error).toContainText(`RuntimeError: ${classic('step_before_backward').error!.message}`);
  await expect(page.locator('#next-phase')).toBeDisabled();
});

test('zero_grad between backward and step: step sees zeros and the weights stay', async ({ page }) => {
  await open(page, 'bug=zero_grad_before_step', 5);
  await expect(page.locator('#code .line').nth(3)).toHaveAttribute('data-phase', 'zero_grad');
  await next(page, 3);
  await expectValue(page.locator('#table-backward tr[data-param="w5"] td').first(), classic('none').iterations[0].grad[W5]);
  await next(page);
  const zeroed = page.locator('#table-zero_grad tr[data-param="w5"] td');
  await expectValue(zeroed.nth(0), classic('none').iterations[0].grad[W5]);
  await expect(zeroed.nth(1)).toHaveAttribute('data-value', '0');
  await next(page);
  const step = page.locator('#table-step tr[data-param="w5"] td');
  await expectValue(step.nth(1), classic('zero_grad_before_step').iterations[0].parameters[W5]);
  await expect(step.last()).toHaveAttribute('data-value', '0');
});

test('forgetting step(): the line is struck out, the weights never change, the curve is flat', async ({ page }) => {
  await open(page, 'bug=no_step', 5);
  await expect(page.locator('#code .line[data-phase="step"]')).toHaveClass(/skipped/);
  await expect(page.locator('#code .line[data-phase="step"]')).toHaveText('# optimizer.step()');
  await next(page, 5);
  await expect(page.locator('#phase-body')).toContainText('optimizer.step() is missing');
  await expectValue(page.locator('#table-step tr[data-param="w5"] td').nth(1), 0.4);
  await page.locator('#iterations').fill('100');
  await page.locator('#run').click();
  await expect(page.locator('#run-chart')).toHaveAttribute('data-runs', '2', { timeout: 30000 });
  await expect(page.locator('#zero-grad-note')).toHaveAttribute('data-stuck-from', '0');
  await expect(page.locator('#run-legend li').nth(1)).toHaveAttribute('data-final-e', String(classic('no_step').iterations[0].E));
});

test('the bug is kept in the address and cleared by the correct loop', async ({ page }) => {
  await open(page, '', 5);
  await page.locator('#loop-bug').selectOption('no_step');
  await expect(page).toHaveURL(/bug=no_step/);
  await page.locator('#loop-bug').selectOption('none');
  await expect(page.locator('#code .line.changed')).toHaveCount(0);
});

test('which bug made this curve: a wrong answer, then the right one', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '', 5);
  const quiz = page.locator('#bug-quiz');
  await expect(quiz).toHaveAttribute('data-question', '1');
  await expect(page.locator('#quiz-chart path.quiz-mystery')).toHaveAttribute('d', /^M.+L/);
  const result = page.locator('#quiz-result');
  await page.locator('#quiz-check').click();
  await expect(result).toHaveAttribute('data-result', 'none');
  await page.getByLabel('forget optimizer.step()').check();
  await page.locator('#quiz-check').click();
  await expect(result).toHaveAttribute('data-result', 'wrong');
  await expect(result).toContainText('Not this one');
  await expect(page.locator('#quiz-chart path.quiz-picked')).toHaveCount(1);
  await page.getByLabel('step() before backward()').check();
  await page.locator('#quiz-check').click();
  await expect(result).toContainText('PyTorch stops in iteration 2');
  await page.getByLabel('backward() twice (retain_graph=True)').check();
  await page.locator('#quiz-check').click();
  await expect(result).toHaveAttribute('data-result', 'right');
  // The third curve is flat: both mistakes that leave the weights are right.
  await page.locator('#quiz-next').click();
  await page.locator('#quiz-next').click();
  await expect(quiz).toHaveAttribute('data-question', '3');
  await page.getByLabel('zero_grad() between backward() and step()').check();
  await page.locator('#quiz-check').click();
  await expect(result).toHaveAttribute('data-result', 'right');
  await expect(result).toContainText('too');
  expect(errors).toEqual([]);
});

test('in Chinese: the bug lab and the quiz', async ({ page }) => {
  await page.goto('./training.html#lang=zh-CN&bug=backward_twice');
  await expect(page.locator('#buglab legend')).toHaveText('错误实验室：训练循环的常见错误');
  await expect(page.locator('#quiz-title')).toHaveText('是哪个错误画出了这条曲线？');
  await page.getByLabel('忘记 optimizer.step()').check();
  await page.locator('#quiz-check').click();
  await expect(page.locator('#quiz-result')).toContainText('不是这个');
});
