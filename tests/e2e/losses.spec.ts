// The loss explorer, as a student uses it.
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

async function openExplorer(page: Page, hash = ''): Promise<void> {
  await page.goto(`./losses.html${hash}`);
  await expect(page.locator('#loss-formula .katex')).toBeVisible();
}

async function slopes(page: Page): Promise<Record<string, number>> {
  const figure = page.locator('#outlier-demo');
  const read = async (loss: string) => Number(await figure.getAttribute(`data-slope-${loss}`));
  return { mse: await read('mse'), mae: await read('mae'), smooth_l1: await read('smooth_l1') };
}

test('every loss renders its formula, both charts and its readout', async ({ page }) => {
  const errors = watchErrors(page);
  await openExplorer(page);
  const expectations: Record<string, { name: string; formula: string }> = {
    MSE: { name: 'Mean squared error (MSE)', formula: 'MSE' },
    MAE: { name: 'Mean absolute error (MAE, L1)', formula: 'MAE' },
    SmoothL1: { name: 'SmoothL1 (with threshold β)', formula: 'SmoothL1' },
    BCE: { name: 'Binary cross-entropy (on probabilities)', formula: 'BCE' },
    'BCE (logits)': { name: 'Binary cross-entropy on logits (stable)', formula: 'BCE' },
    'Cross-entropy': { name: 'Cross-entropy (several classes)', formula: 'CE' },
  };
  for (const [label, want] of Object.entries(expectations)) {
    await page.getByRole('radiogroup').getByText(label, { exact: true }).click();
    await expect(page.locator('#loss-name')).toHaveText(want.name);
    await expect(page.locator('#loss-formula annotation')).toContainText(want.formula);
    await expect(page.locator('.loss-chart path.curve')).toHaveAttribute('d', /^M.+L/);
    await expect(page.locator('.grad-chart path.curve')).toHaveAttribute('d', /^M.+L/);
    await expect(page.locator('.readout')).toContainText('loss =');
  }
  expect(errors).toEqual([]);
});

test('the readout is the core value: MSE at 1.5 against 0', async ({ page }) => {
  await openExplorer(page, '#loss=mse');
  const curves = page.locator('#curves');
  await expect(curves).toHaveAttribute('data-loss', '2.25');
  await expect(curves).toHaveAttribute('data-gradient', '3');
  await page.locator('#field-prediction').fill('-0.5');
  await expect(curves).toHaveAttribute('data-loss', '0.25');
  await expect(curves).toHaveAttribute('data-gradient', '-1');
});

test('BCE shows the leading minus and the mistake note; sum drops the 1/N', async ({ page }) => {
  await openExplorer(page, '#loss=bce');
  await expect(page.locator('#loss-formula annotation')).toHaveText(/^\\mathrm\{BCE\} = -\\frac\{1\}\{N\}/);
  await expect(page.locator('.mistake')).toContainText('leading minus');
  await page.getByLabel('Reduction').selectOption('sum');
  await expect(page.locator('#loss-formula annotation')).toHaveText(/^\\mathrm\{BCE\} = -\\sum/);
  await expect(page).toHaveURL(/reduction=sum/);
});

test('the three fitted lines and their loss curves are drawn, each in its own colour', async ({ page }) => {
  await openExplorer(page, '#loss=mse');
  const strokes: Record<string, string> = {};
  for (const loss of ['mse', 'mae', 'smooth_l1']) {
    for (const el of [page.locator(`line.fit.${loss}`).first(), page.locator(`path.curve.${loss}`)]) {
      const stroke = await el.evaluate((e) => getComputedStyle(e).stroke);
      expect(stroke, `${loss} is drawn`).toMatch(/^rgb\(/);
      strokes[loss] = stroke;
    }
  }
  expect(new Set(Object.values(strokes)).size).toBe(3);
});

test('dragging the outlier moves the MSE line more than the MAE line', async ({ page }) => {
  await openExplorer(page, '#loss=mse');
  const figure = page.locator('#outlier-demo');
  await expect(figure).toHaveAttribute('data-slope-mse', /\d/);
  const before = await slopes(page);
  // Drag the outlier from (0.8, -1.6) up onto the line.
  const outlier = page.locator('circle.outlier');
  await outlier.scrollIntoViewIfNeeded();
  const box = (await outlier.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 150, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await slopes(page)).mse).not.toBe(before.mse);
  const after = await slopes(page);
  const moved = (loss: string) => Math.abs(after[loss] - before[loss]);
  expect(moved('mse')).toBeGreaterThan(2 * moved('mae'));
  expect(moved('mse')).toBeGreaterThan(moved('smooth_l1'));
  // With the outlier gone, MSE's line comes back near the nine points' slope 0.6.
  expect(after.mse).toBeGreaterThan(before.mse);
});

test('the outlier moves with the arrow keys too', async ({ page }) => {
  await openExplorer(page, '#loss=mae');
  const before = await slopes(page);
  await page.locator('circle.outlier').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
  await expect(page.locator('#outlier-demo')).toHaveAttribute('data-outlier', '0.8,-1.1');
  expect((await slopes(page)).mse).toBeGreaterThan(before.mse);
});

test('bad values show a message and keep the last charts', async ({ page }) => {
  await openExplorer(page, '#loss=smooth_l1');
  const d = await page.locator('.loss-chart path.curve').getAttribute('d');
  await page.locator('#field-beta').fill('-1');
  await expect(page.locator('#error-beta')).toContainText('β must not be negative (got -1)');
  await page.locator('#field-target').fill('abc');
  await expect(page.locator('#error-target')).toContainText('“abc” is not a number');
  expect(await page.locator('.loss-chart path.curve').getAttribute('d')).toBe(d);
  await page.locator('#field-fit-rate').fill('-1');
  await expect(page.locator('#outlier-error')).toContainText('learning rate η must be greater than 0');
  await page.getByRole('radiogroup').getByText('BCE', { exact: true }).click();
  await page.locator('#field-prediction').fill('1.5');
  await expect(page.locator('#error-prediction')).toContainText('must be between 0 and 1');
});

test('the stability demo: probabilities saturate, logits stay exact', async ({ page }) => {
  await openExplorer(page, '#loss=bce_logits');
  const table = page.locator('#stability');
  await expect(table).toHaveAttribute('data-on-probability', '100');
  await expect(table).toHaveAttribute('data-on-logit', '40');
  await page.locator('#field-logit').fill('3');
  await expect(table).toHaveAttribute('data-on-logit', /^3\.04858/);
});

test('cross-entropy: softmax bars and the gradient per logit', async ({ page }) => {
  await openExplorer(page, '#loss=ce');
  await expect(page.locator('#softmax-bars rect')).toHaveCount(3);
  await expect(page.locator('#softmax-bars')).toHaveAttribute('aria-label', /0\.705, 0\.259, 0\.035/);
  await page.locator('#field-label_smoothing').fill('0.1');
  await expect(page.locator('.readout')).toContainText('loss =');
});

test('classes count from 0, as in PyTorch; the gradient chart is by the logit', async ({ page }) => {
  await openExplorer(page, '#loss=ce&class=1&logit0=3&sweep=2');
  await expect(page.locator('#ce-class option')).toHaveText(['0', '1', '2']);
  await expect(page.locator('#loss-formula annotation')).toContainText('\\sum_{c=0}^{C-1}');
  await expect(page.getByLabel('logit z₀')).toHaveValue('3');
  await expect(page.getByLabel('target class')).toHaveValue('1');
  await expect(page.locator('#softmax-bars rect.target')).toHaveCount(1);
  await expect(page.locator('#softmax-bars text').filter({ hasText: 'class 0' })).toHaveCount(1);
  await expect(page.locator('#softmax-bars text').filter({ hasText: 'class 3' })).toHaveCount(0);
  await expect(page.locator('.grad-chart .axis-title').nth(1)).toHaveText('logit gradient ∂L/∂z₂');
  await expect(page.locator('.grad-chart .axis-title').first()).toHaveText('logit z₂');
  // The readout's gradient is the core's ∂L/∂z₂ for class 1: softmax(3, 1, -1)₂ − 0.
  const gradient = Number(await page.locator('#curves').getAttribute('data-gradient'));
  expect(Math.abs(gradient - Math.exp(-1) / (Math.exp(3) + Math.exp(1) + Math.exp(-1)))).toBeLessThan(1e-15);
  await expect(page).toHaveURL(/class=1/);
  // Class 3 does not exist (0, 1, 2): the notice says so.
  await page.goto('./losses.html#loss=ce&class=3');
  await expect(page.locator('.state-notice li[data-key="class"]')).toBeVisible();
  await expect(page.getByLabel('target class')).toHaveValue('0');
});

test('BCE on logits: the gradient axis is by the logit; on probabilities, by p̂', async ({ page }) => {
  await openExplorer(page, '#loss=bce_logits');
  await expect(page.locator('.grad-chart .axis-title').nth(1)).toHaveText('logit gradient ∂L/∂z');
  await page.getByRole('radiogroup').getByText('BCE', { exact: true }).click();
  await expect(page.locator('.grad-chart .axis-title').nth(1)).toHaveText('gradient ∂L/∂p̂');
});

test('the outlier: one chart per loss, each on its own axis, of how far it is above its lowest', async ({ page }) => {
  await openExplorer(page, '#loss=mse');
  const charts = page.locator('.steps-charts svg.chart');
  await expect(charts).toHaveCount(3);
  for (const [i, name] of ['MSE', 'MAE', 'SmoothL1'].entries()) {
    await expect(charts.nth(i).locator('.axis-title').nth(1)).toHaveText(`${name} − lowest`);
    await expect(charts.nth(i).locator('path.curve')).toHaveAttribute('d', /^M.+L/);
  }
  await expect(page.locator('.steps-charts figcaption')).toContainText('its own log axis');
});

test('the explorer speaks 中文', async ({ page }) => {
  await openExplorer(page, '#loss=mae&lang=zh-CN');
  await expect(page.locator('h1')).toHaveText('损失函数对比');
  await expect(page.locator('#loss-name')).toHaveText('平均绝对误差（MAE，L1）');
  await expect(page.locator('.mistake')).toContainText('常见错误');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('#loss-name')).toHaveText('Mean absolute error (MAE, L1)');
});
