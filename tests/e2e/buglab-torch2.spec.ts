// The bug lab computes as PyTorch 1.13 does; where zero_grad()'s effect on
// .grad is shown, the page says what PyTorch 2.x's default
// (zero_grad(set_to_none=True)) changes, in both languages.
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`./training.html#${hash}`);
  await expect(page.locator('#code .line')).toHaveCount(5);
}

async function next(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.locator('#next-phase').click();
}

test('zero_grad(): .grad is None before the first backward, zeros after it, and the note names PyTorch 2.x\'s set_to_none=True', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, '');
  await next(page);
  const w5 = page.locator('#table-zero_grad tr[data-param="w5"] td');
  // Iteration 1: no backward() has run, so .grad is None before and after, in every PyTorch.
  await expect(w5.nth(0)).toHaveText('None');
  await expect(w5.nth(1)).toHaveText('None');
  await expect(w5.nth(1)).toHaveAttribute('data-none', 'true');
  const note = page.locator('#set-to-none');
  await expect(note).toContainText('PyTorch 1.13');
  await expect(note).toContainText('In PyTorch 2.x, zero_grad() defaults to set_to_none=True: .grad becomes None instead of zeros');
  await expect(page.locator('#set-to-none-bug')).toHaveCount(0);
  // Iteration 2: zero_grad() clears backward's gradient to zeros (PyTorch 1.13).
  await next(page, 5);
  await expect(page.locator('#phase-title')).toHaveText('Iteration 2 · optimizer.zero_grad()');
  await expect(w5.nth(0)).toHaveAttribute('data-value', '0.08216704056423077');
  await expect(w5.nth(1)).toHaveAttribute('data-value', '0');
  await expect(w5.nth(1)).not.toHaveAttribute('data-none', 'true');
  await expect(note).toBeVisible();
  expect(errors).toEqual([]);
});

test('step before backward: the hint and the step say that with set_to_none=True nothing moves and nothing raises', async ({ page }) => {
  await open(page, 'bug=step_before_backward');
  await expect(page.locator('#bug-hint')).toContainText('PyTorch stops with a RuntimeError');
  await expect(page.locator('#bug-hint-torch2')).toHaveText('With zero_grad(set_to_none=True), PyTorch 2.x\'s default, step() finds .grad None in every iteration and skips every parameter: the weights never move, and backward() never raises.');
  await next(page);
  await expect(page.locator('#set-to-none')).toContainText('In PyTorch 2.x, zero_grad() defaults to set_to_none=True');
  await expect(page.locator('#set-to-none-bug')).toContainText('step() finds .grad None in every iteration');
  // Iteration 1's step finds None in every PyTorch: no note there.
  await next(page, 3);
  await expect(page.locator('#phase-body')).toContainText('every .grad is None');
  await expect(page.locator('#set-to-none-step')).toHaveCount(0);
  // Iteration 2's step uses the zeros zero_grad() left: PyTorch 2.x leaves None and skips.
  await next(page, 5);
  await expect(page.locator('#code .line.current')).toHaveAttribute('data-phase', 'step');
  await expect(page.locator('#set-to-none-step')).toContainText('With zero_grad(set_to_none=True), PyTorch 2.x\'s default');
});

test('zero_grad between backward and step: with set_to_none=True not even weight decay moves the weights', async ({ page }) => {
  await open(page, 'bug=zero_grad_before_step');
  await expect(page.locator('#bug-hint-torch2')).toContainText('not even weight decay moves the weights');
  await next(page, 4);
  const w5 = page.locator('#table-zero_grad tr[data-param="w5"] td');
  // backward() has run: .grad holds its gradient, and zero_grad() leaves zeros.
  await expect(w5.nth(0)).toHaveAttribute('data-value', '0.08216704056423077');
  await expect(w5.nth(1)).toHaveText('0');
  await expect(page.locator('#set-to-none-bug')).toContainText('Adam\'s state stays empty');
  await next(page);
  await expect(page.locator('#set-to-none-step')).toContainText('skips every parameter');
});

test('the loops set_to_none=True does not change: only the general note', async ({ page }) => {
  for (const bug of ['backward_twice&retain_graph=true', 'no_step']) {
    await page.goto(`./training.html#bug=${bug}`);
    await expect(page.locator('#bug-hint-torch2')).toBeHidden();
    await next(page);
    await expect(page.locator('#set-to-none')).toContainText('backward() then gives the same .grad');
    await expect(page.locator('#set-to-none-bug')).toHaveCount(0);
  }
  // Without zero_grad() there is no call to change.
  await page.goto('./training.html#forget_zero_grad=true');
  await next(page);
  await expect(page.locator('#phase-body')).toContainText('zero_grad() is skipped');
  await expect(page.locator('#set-to-none')).toHaveCount(0);
});

test('the notes in Chinese', async ({ page }) => {
  await page.goto('./training.html#lang=zh-CN&bug=zero_grad_before_step');
  await expect(page.locator('#bug-hint-torch2')).toContainText('PyTorch 2.x 的默认设置');
  await next(page, 4);
  await expect(page.locator('#set-to-none')).toContainText('在 PyTorch 2.x 中，zero_grad() 默认使用 set_to_none=True：.grad 被设为 None 而不是 0');
  await expect(page.locator('#set-to-none-bug')).toContainText('连权重衰减也不再移动权重');
});
