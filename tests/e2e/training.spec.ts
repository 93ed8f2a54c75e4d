// The training loop page, as a student uses it.
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

async function openTraining(page: Page): Promise<void> {
  await page.goto('./training.html');
  await expect(page.locator('#code .line')).toHaveCount(5);
}

test('the phases light their line of code in order', async ({ page }) => {
  const errors = watchErrors(page);
  await openTraining(page);
  const order = ['zero_grad', 'forward', 'loss', 'backward', 'step', 'zero_grad'];
  for (const phase of order) {
    await page.locator('#next-phase').click();
    await expect(page.locator('#code .line.current')).toHaveAttribute('data-phase', phase);
    await expect(page.locator('#code .line.current')).toHaveAttribute('aria-current', 'step');
  }
  expect(errors).toEqual([]);
});

test('each phase shows what it changes, with the stepper\'s numbers', async ({ page }) => {
  await openTraining(page);
  await page.locator('#next-phase').click();
  await expect(page.locator('#table-zero_grad tr[data-param="w5"] td').nth(1)).toHaveAttribute('data-value', '0');
  await page.locator('#next-phase').click();
  await expect(page.locator('#table-forward')).toContainText('0.59327');
  await page.locator('#next-phase').click();
  await expect(page.locator('#loss-value')).toHaveAttribute('data-value', '0.2983711087600027');
  await page.locator('#next-phase').click();
  const w5 = page.locator('#table-backward tr[data-param="w5"]');
  await expect(w5.locator('td').first()).toHaveAttribute('data-value', '0.08216704056423077');
  await expect(w5.locator('a')).toHaveAttribute('href', './index.html#term=dE_total/dw5');
  await page.locator('#next-phase').click();
  await expect(page.locator('#table-step tr[data-param="w5"] td').nth(1)).toHaveAttribute('data-value', '0.35891647971788465');
});

test('Run draws the loss curve and reproduces the 10,000-iteration figures', async ({ page }) => {
  await openTraining(page);
  await page.locator('#run').click();
  const chart = page.locator('#run-chart');
  await expect(chart).toHaveAttribute('data-final-e', '0.00003510187782978859', { timeout: 20000 });
  await expect(page.locator('#run-legend li').first()).toContainText('outputs 0.01591362044355068, 0.9840642735146238');
  await expect(page.locator('#run-chart path.curve')).toHaveAttribute('d', /^M.+L/);
  // How long its chunks take is the benchmark's (npm run bench: the training page's longest chunk).
});

test('forgetting zero_grad runs the correct loop beside it, labelled, and says what the curves show', async ({ page }) => {
  await openTraining(page);
  await page.locator('#forget-zero-grad').check();
  await expect(page.locator('#code .line[data-phase="zero_grad"]')).toHaveClass(/skipped/);
  await page.locator('#run').click();
  const chart = page.locator('#run-chart');
  await expect(chart).toHaveAttribute('data-runs', '2', { timeout: 40000 });
  await expect(page.locator('#run-chart path.curve')).toHaveCount(2);
  const legend = page.locator('#run-legend li');
  await expect(legend.nth(0)).toContainText('SGD, η = 0.5 — with zero_grad()');
  await expect(legend.nth(0)).toHaveAttribute('data-final-e', '0.00003510187782978859');
  await expect(legend.nth(1)).toContainText('SGD, η = 0.5 — without zero_grad()');
  await expect(legend.nth(1)).toContainText('outputs 0, 1');
  expect(Math.abs(Number(await legend.nth(1).getAttribute('data-final-e')) - 1e-4)).toBeLessThan(1e-15);
  // The note, from the core's comparison: stuck after 261 iterations, overtaken from 5,493.
  const note = page.locator('#zero-grad-note');
  await expect(note).toHaveAttribute('data-stuck-from', '261');
  await expect(note).toHaveAttribute('data-below-from', '5493');
  await expect(note).toContainText('stops changing after 261 iterations');
  await expect(note).toContainText('exactly 0 or 1');
  await expect(note).toContainText('lower from iteration 5493 on');
  // Another run is about itself: the note goes.
  await page.locator('#forget-zero-grad').uncheck();
  await page.locator('#iterations').fill('500');
  await page.locator('#run').click();
  await expect(chart).toHaveAttribute('data-runs', '3', { timeout: 40000 });
  await expect(note).toBeHidden();
  await expect(legend.nth(2)).toContainText('SGD, η = 0.5: E after 500 iterations');
});

test('pasted data with a bad row names its line', async ({ page }) => {
  await openTraining(page);
  await page.locator('#own-data').check();
  await page.locator('#csv').fill('x1,x2,t1,t2\n0.05,0.1,0.01,0.99\n0.5,0.2,0.9\n');
  await expect(page.locator('#error-csv')).toHaveText('line 3: expected 4 numbers (2 inputs and 2 targets), found 3');
  await page.locator('#csv').fill('0.05,0.1,0.01,0.99\n0.5,abc,0.9,0.1\n');
  await expect(page.locator('#error-csv')).toHaveText('line 2, column 2: “abc” is not a number');
  await page.locator('#csv').fill('0.05,0.1,0.01,0.99\n0.5,0.2,0.9,0.1\n');
  await expect(page.locator('#error-csv')).toHaveText('');
  await page.locator('#iterations').fill('500');
  await page.locator('#run').click();
  await expect(page.locator('#run-chart')).toHaveAttribute('data-runs', '1', { timeout: 20000 });
});

test('the gradient check and the PyTorch export', async ({ page }) => {
  await openTraining(page);
  await page.locator('#check').click();
  const rows = page.locator('#gradient-check tr[data-param]');
  await expect(rows).toHaveCount(8);
  const relative: number[] = [];
  for (let i = 0; i < 8; i++) relative.push(Number(await rows.nth(i).getAttribute('data-relative')));
  for (const r of relative) expect(r).toBeLessThan(1e-6);
  // How far they agree, as the core measured it: 1.6e-7, for w3.
  const summary = page.locator('#check-summary');
  await expect(summary).toHaveText('Largest relative difference: 1.61e-7, for w3.');
  expect(Number(await summary.getAttribute('data-max-relative'))).toBe(Math.max(...relative));
  await page.locator('#export').click();
  const script = await page.locator('#script').inputValue();
  expect(script).toContain('optimizer = torch.optim.SGD(params, lr=0.5)');
  expect(script).toContain('    optimizer.zero_grad()');
  expect(script).toContain('W1 = torch.tensor([[0.15, 0.2], [0.25, 0.3]], dtype=torch.float64, requires_grad=True)');
  const download = page.waitForEvent('download');
  await page.locator('#download').click();
  expect((await download).suggestedFilename()).toBe('train.py');
});

test('another optimizer, a shaped network, and their errors', async ({ page }) => {
  await openTraining(page);
  await page.locator('#optimizer-kind').selectOption('adam');
  await page.locator('#optimizer-lr').fill('-1');
  await expect(page.locator('#error-optimizer-lr')).toContainText('Adam: learning rate η must be greater than 0');
  await page.locator('#optimizer-lr').fill('0.01');
  await page.locator('#network-choice').selectOption('shape');
  await page.locator('#activations').fill('tanh, swish');
  await page.locator('#make-network').click();
  await expect(page.locator('#error-activations')).toContainText('“swish” is not one of');
  await page.locator('#activations').fill('tanh, sigmoid');
  await page.locator('#make-network').click();
  await expect(page.locator('#error-activations')).toHaveText('');
  await page.locator('#next-phase').click();
  await page.locator('#next-phase').click();
  await page.locator('#next-phase').click();
  await page.locator('#next-phase').click();
  // 2-3-2 with trained biases: 6 + 6 weights and 3 + 2 biases.
  await expect(page.locator('#table-backward tr[data-param]')).toHaveCount(17);
});

test('the training page speaks 中文', async ({ page }) => {
  await page.goto('./training.html#lang=zh-CN');
  await expect(page.locator('h1')).toHaveText('训练循环：PyTorch 的写法');
  await expect(page.locator('#next-phase')).toHaveText('下一阶段');
  await page.locator('#check').click();
  await expect(page.locator('#check-summary')).toHaveText('最大相对差异：1.61e-7，出现在 w3。');
});
