// The optimizer race, as a student uses it.
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

const racers = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'];

async function openRace(page: Page, hash = ''): Promise<void> {
  await page.goto(`./optimizers.html${hash}`);
  await expect(page.locator('svg.surface-map path.level').first()).toBeAttached();
}

/** The contours are drawn in tasks after the surface is chosen: wait for them, then count them. */
async function drawnLevels(page: Page): Promise<number> {
  await expect(page.locator('svg.surface')).toHaveAttribute('data-drawn', 'true');
  return page.locator('svg.surface-map path.level').count();
}

async function trail(page: Page, id: string): Promise<{ step: number; x: number; y: number }> {
  const path = page.locator(`svg.surface path.trail[data-optimizer="${id}"]`);
  return {
    step: Number(await path.getAttribute('data-step')),
    x: Number(await path.getAttribute('data-x')),
    y: Number(await path.getAttribute('data-y')),
  };
}

test('each preset draws its contours and its formula', async ({ page }) => {
  const errors = watchErrors(page);
  await openRace(page);
  for (const name of ['plateau', 'saddle', 'local_minimum', 'ill_conditioned', 'rosenbrock', 'beale']) {
    await page.locator(`label[for="surface-${name}"]`).click();
    await expect(page.locator('svg.surface')).toHaveAttribute('data-surface', name);
    const drawn = await drawnLevels(page);
    expect(drawn).toBeGreaterThan(8);
    expect(Number(await page.locator('svg.surface').getAttribute('data-levels'))).toBe(drawn);
    await expect(page.locator('#surface-formula .katex')).toBeVisible();
    await expect(page.locator('svg.surface .minimum').first()).toBeAttached();
  }
  await expect(page.locator('svg.surface .saddle')).toHaveCount(0);
  await page.locator('label[for="surface-saddle"]').click();
  await expect(page.locator('svg.surface .saddle')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('Play moves all five trails; Pause stops them; Step moves by one', async ({ page }) => {
  await openRace(page, '#surface=saddle');
  for (const id of racers) expect((await trail(page, id)).step).toBe(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await trail(page, 'sgd')).step).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await trail(page, 'adam');
  for (const id of racers) {
    const t = await trail(page, id);
    expect(t.step).toBe(paused.step);
    expect(t.x === -2 && t.y === 0.00001).toBe(false);
  }
  await page.waitForTimeout(500);
  expect((await trail(page, 'adam')).step).toBe(paused.step);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  expect((await trail(page, 'adam')).step).toBe(paused.step + 1);
  await page.getByRole('button', { name: 'Back to the start' }).click();
  expect((await trail(page, 'adam')).step).toBe(0);
});

test('on the saddle Adam leaves at once while SGD lingers', async ({ page }) => {
  await openRace(page, '#surface=saddle');
  for (let i = 0; i < 60; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  expect(Math.abs((await trail(page, 'adam')).y)).toBeGreaterThan(0.5);
  expect(Math.abs((await trail(page, 'sgd')).y)).toBeLessThan(0.05);
});

test('selecting Adam shows m-hat and v-hat with their numbers', async ({ page }) => {
  await openRace(page, '#surface=plateau');
  await page.locator('#detail-adam').check();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  const detail = page.locator('section.detail');
  await expect(detail).toHaveAttribute('data-step', '3');
  await expect(detail).toHaveAttribute('data-m-hat', /^-?\d.*,-?\d/);
  await expect(detail).toHaveAttribute('data-v-hat', /^\d.*,\d/);
  await expect(page.locator('#update-equations annotation')).toContainText('\\hat{m}_t');
  await expect(page.locator('#update-equations annotation')).toContainText('1 - 0.9^{3}');
  await page.locator('#detail-adagrad').check();
  await expect(page.locator('#update-equations annotation')).toContainText('\\sqrt{s_t} + \\varepsilon');
});

test('turning off the bias correction changes the first steps', async ({ page }) => {
  await openRace(page, '#surface=plateau');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const withCorrection = await trail(page, 'adam');
  await page.locator('li.racer.adam summary').click();
  await page.locator('#race-adam-bias_correction').uncheck();
  await expect.poll(async () => (await trail(page, 'adam')).x).not.toBe(withCorrection.x);
  const without = await trail(page, 'adam');
  // Without the correction the first step is about (1 - 0.9) / sqrt(1 - 0.999) = 3.16 times longer.
  const start = [3.5, 2.8];
  const ratio = Math.hypot(without.x - start[0], without.y - start[1]) / Math.hypot(withCorrection.x - start[0], withCorrection.y - start[1]);
  expect(ratio).toBeGreaterThan(3);
  expect(ratio).toBeLessThan(3.3);
});

test('a typed f(x, y) draws; a malformed one shows its error and position', async ({ page }) => {
  await openRace(page);
  await page.locator('label[for="surface-custom"]').click();
  await expect(page.locator('svg.surface')).toHaveAttribute('data-surface', 'custom');
  await page.locator('#expression').fill('(x - 1)^2 + 2*(y + 0.5)^2');
  await expect(page.locator('#surface-formula annotation')).toContainText('\\left(x - 1\\right)^{2}');
  expect(await drawnLevels(page)).toBeGreaterThan(8);
  for (let i = 0; i < 200; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  const adam = await trail(page, 'adam');
  expect(Math.hypot(adam.x - 1, adam.y + 0.5)).toBeLessThan(0.2);
  await page.locator('#expression').fill('x^2 + 2y');
  await expect(page.locator('#expression-error')).toContainText('position 8: expected an operator');
  await expect(page.locator('#expression')).toHaveAttribute('aria-invalid', 'true');
  // The last good surface stays.
  await expect(page.locator('#surface-formula annotation')).toContainText('\\left(x - 1\\right)^{2}');
});

test('a learning rate that diverges shows its message', async ({ page }) => {
  await openRace(page, '#surface=ill_conditioned');
  await page.locator('li.racer.sgd summary').click();
  await page.locator('#race-sgd-lr').fill('1.5');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('li.racer.sgd .status')).toContainText(/diverged at step \d+: the learning rate is too large/, { timeout: 20000 });
  await page.locator('#race-sgd-lr').fill('-1');
  await expect(page.locator('#error-race-sgd-lr')).toHaveText('SGD: learning rate η must be greater than 0 (got -1)');
});

test('AdaGrad offers the lesson\'s epsilon; the momentum forms keep the same trail', async ({ page }) => {
  await openRace(page, '#surface=ill_conditioned');
  for (let i = 0; i < 30; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  const lesson = await trail(page, 'momentum');
  await page.locator('li.racer.momentum summary').click();
  await page.locator('#race-momentum-form').selectOption('pytorch');
  await expect(page.locator('#race-momentum-momentum')).toBeVisible();
  const pytorch = await trail(page, 'momentum');
  expect(Math.abs(pytorch.x - lesson.x)).toBeLessThan(1e-9);
  expect(Math.abs(pytorch.y - lesson.y)).toBeLessThan(1e-9);
  await page.locator('li.racer.adagrad summary').click();
  await page.locator('#adagrad-lesson-eps').click();
  await expect(page.locator('#race-adagrad-eps')).toHaveValue('1e-6');
});

test('the narrow valley races both momentum forms at the same η, with the numbers its text states', async ({ page }) => {
  await openRace(page, '#surface=ill_conditioned&step=30');
  for (const id of ['sgd', 'momentum', 'momentum_pytorch']) await expect(page.locator(`li.racer.${id} .racer-rate`)).toHaveText('η = 0.35');
  await expect(page.locator('li.racer.momentum .racer-label')).toHaveText("Momentum (lesson's form)");
  await expect(page.locator('li.racer.momentum_pytorch .racer-label')).toHaveText("Momentum (PyTorch's form)");
  await expect(page.locator('#enable-momentum_pytorch')).toBeChecked();
  await expect(page.locator('svg.surface path.trail[data-optimizer="momentum_pytorch"]')).toHaveAttribute('display', 'inline');
  const f = async (id: string) => Number(await page.locator(`li.racer.${id} .loss`).getAttribute('data-loss'));
  // f after 30 steps, as the description says: 0.119, 0.251, 0.018.
  expect((await f('sgd')).toFixed(3)).toBe('0.119');
  expect((await f('momentum')).toFixed(3)).toBe('0.251');
  expect((await f('momentum_pytorch')).toFixed(3)).toBe('0.018');
  for (const number of ['η = 0.35', '0.251', '0.119', '0.018', 'step 38', 'step 46']) await expect(page.locator('#trouble')).toContainText(number);
  // The PyTorch form's update is PyTorch's: b <- mu b + g.
  await page.locator('#detail-momentum_pytorch').check();
  await expect(page.locator('section.detail')).toHaveAttribute('data-optimizer', 'momentum_pytorch');
  await expect(page.locator('#update-equations annotation')).toContainText('0.9');
  // Elsewhere the race starts with the five; the PyTorch form can be added.
  await page.locator('label[for="surface-plateau"]').click();
  await expect(page.locator('#enable-momentum_pytorch')).not.toBeChecked();
  await expect(page.locator('svg.surface path.trail[data-optimizer="momentum_pytorch"]')).toHaveAttribute('display', 'none');
  await page.locator('#enable-momentum_pytorch').check();
  await expect(page.locator('svg.surface path.trail[data-optimizer="momentum_pytorch"]')).toHaveAttribute('display', 'inline');
  await expect(page.locator('li.racer.momentum_pytorch .racer-rate')).toHaveText('η = 0.5');
});

test('every racer names its learning rate; the legend follows the rate its run used', async ({ page }) => {
  await openRace(page, '#surface=saddle');
  const rates: Record<string, string> = { sgd: '0.05', momentum: '0.05', adagrad: '0.3', rmsprop: '0.02', adam: '0.05' };
  for (const [id, lr] of Object.entries(rates)) await expect(page.locator(`li.racer.${id} .racer-rate`)).toHaveText(`η = ${lr}`);
  await page.locator('li.racer.sgd summary').click();
  await page.locator('#race-sgd-lr').fill('0.2');
  await expect(page.locator('li.racer.sgd .racer-rate')).toHaveText('η = 0.2');
  // A rate the core refuses leaves the last run, and its rate, in place.
  await page.locator('#race-sgd-lr').fill('-1');
  await expect(page.locator('#error-race-sgd-lr')).not.toBeEmpty();
  await expect(page.locator('li.racer.sgd .racer-rate')).toHaveText('η = 0.2');
});

test('local minimum: at the same η SGD stays on the right and Momentum crosses the ridge; other rates, other valleys', async ({ page }) => {
  await openRace(page, '#surface=local_minimum&step=1000');
  const right = 0.9601495555191054;
  const left = -1.035578714088854;
  for (const id of ['sgd', 'momentum']) await expect(page.locator(`li.racer.${id} .racer-rate`)).toHaveText('η = 0.05');
  expect((await trail(page, 'sgd')).x).toBeCloseTo(right, 9);
  expect((await trail(page, 'momentum')).x).toBeCloseTo(left, 9);
  for (const id of ['adagrad', 'rmsprop', 'adam']) expect((await trail(page, id)).x).toBeCloseTo(right, 9);
  await expect(page.locator('#trouble .note')).toContainText('same η = 0.05');
  // Momentum at 0.02 rolls back; SGD at 0.1 jumps the ridge in its first step.
  await page.locator('li.racer.momentum summary').click();
  await page.locator('#race-momentum-lr').fill('0.02');
  await expect.poll(async () => (await trail(page, 'momentum')).x).toBeCloseTo(right, 9);
  await expect(page.locator('li.racer.momentum .racer-rate')).toHaveText('η = 0.02');
  await page.locator('li.racer.sgd summary').click();
  await page.locator('#race-sgd-lr').fill('0.1');
  await expect.poll(async () => (await trail(page, 'sgd')).x).toBeCloseTo(left, 9);
});

test('clicking the plot moves the start', async ({ page }) => {
  await openRace(page, '#surface=plateau');
  await page.locator('svg.surface').scrollIntoViewIfNeeded();
  const box = (await page.locator('svg.surface').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
  const x = Number(await page.locator('#start-x').inputValue());
  const y = Number(await page.locator('#start-y').inputValue());
  expect(x).toBeLessThan(0);
  expect(y).toBeGreaterThan(0);
  expect((await trail(page, 'sgd')).x).toBe(x);
});

test('the race speaks 中文', async ({ page }) => {
  await openRace(page, '#surface=local_minimum&lang=zh-CN');
  await expect(page.locator('h1')).toHaveText('为什么需要优化器：在损失曲面上比一比');
  await expect(page.locator('#trouble .note')).toContainText('动量');
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
});
