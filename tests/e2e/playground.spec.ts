// The playground: a network built by clicking trains, and its losses are the
// core's for that network on that data; a learning rate that diverges stops
// with the core's reason; the share link brings back the same data and
// network.
import { expect, type Page, test } from '@playwright/test';
import { defaults, spec, useCatalog } from '../../web/src/optimizers/racers';
import type { BackpropCore, Config, TrainingState } from '../../web/src/shared/core-types';
import { short } from '../../web/src/shared/format';
import { LossWatch, PATIENCE } from '../../web/src/playground/blowup';
import { SUGGESTIONS } from '../../web/src/playground/hints';
import { loadWasmModule } from '../wasm/load.mjs';
import { heatPixels, watchErrors } from './helpers';

test.use({ locale: 'en-US', reducedMotion: 'no-preference' });

let core: BackpropCore;
test.beforeAll(async () => {
  core = (await loadWasmModule()) as BackpropCore;
  useCatalog(core);
});

const widget = (page: Page) => page.locator('#widget');

/** What the page should show after `epochs` epochs: the core run here on the same data and network. */
function expected(setup: { kind: 'circle' | 'xor' | 'plane'; noise: number; seed: number; layers: number[]; activations: string[]; output: string; loss: string; targets: 'sign' | 'value'; lr: string }, epochs: number): { E_train: number; E_test: number }[] {
  const d = core.dataset({ kind: setup.kind, points: 500, noise: setup.noise, seed: setup.seed, train_ratio: 0.5 });
  const side = (indices: Float64Array) => core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices, features: ['x', 'y'], targets: setup.targets });
  let network: Config = core.newNetwork({ layers: [2, ...setup.layers, 1], activations: [...setup.activations, setup.output], loss: setup.loss, seed: setup.seed });
  let state: TrainingState | null = null;
  const out: { E_train: number; E_test: number }[] = [];
  for (let e = 1; e <= epochs; e++) {
    const r = core.trainingEpoch({
      network,
      optimizer: spec('sgd', { ...defaults('sgd'), lr: setup.lr }),
      data: side(d.train),
      test: side(d.test),
      batch_size: '10',
      seed: e,
      losses: true,
      state,
      l1: '0',
      l2: '0',
    });
    out.push({ E_train: r.E_train!, E_test: r.E_test! });
    ({ network, state } = r);
  }
  return out;
}

test('a network built by clicking trains: the heat map changes and the losses fall, as the core computes them', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '4,2');
  // A third hidden layer, a fifth neuron in the first, ReLU in the second.
  await w.locator('#add-layer').click();
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '4,2,2');
  await w.locator('[data-add-neuron="1"]').click();
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '5,2,2');
  await expect(w.locator('[data-layer="1"] .node')).toHaveCount(5);
  await w.locator('#activation-2').selectOption('relu');
  await expect(w.locator('line.edge')).toHaveCount(2 * 5 + 5 * 2 + 2 * 2 + 2 * 1);
  const before = await heatPixels(w);

  const losses = expected({ kind: 'circle', noise: 0, seed: 1, layers: [5, 2, 2], activations: ['tanh', 'relu', 'tanh'], output: 'tanh', loss: 'half_sse', targets: 'sign', lr: '0.03' }, 8);
  for (let e = 1; e <= 8; e++) {
    await w.locator('#step-epoch').click();
    await expect(w.locator('#playground')).toHaveAttribute('data-epoch', String(e));
    expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBe(losses[e - 1].E_train);
    expect(Number(await w.locator('#playground').getAttribute('data-e-test'))).toBe(losses[e - 1].E_test);
  }
  expect(losses[7].E_train).toBeLessThan(losses[0].E_train);
  await expect(w.locator('#epoch')).toHaveText('Epochs trained: 8');
  expect(await heatPixels(w)).not.toBe(before);
  // The curves have a point an epoch; the readout shows the last losses.
  await expect(w.locator('#loss-readout')).toContainText(`training loss ${String(Number(losses[7].E_train.toPrecision(4)))}`);

  // Play runs on by itself, one epoch a frame; Pause stops it.
  await w.locator('#play').click();
  await expect.poll(async () => Number(await w.locator('#playground').getAttribute('data-epoch'))).toBeGreaterThan(12);
  await w.locator('#play').click();
  await expect(w.locator('#play')).toHaveAttribute('aria-pressed', 'false');
  const stopped = await w.locator('#playground').getAttribute('data-epoch');
  await page.waitForTimeout(200);
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', stopped!);
  // Reset: the same fresh network again, epoch 0.
  await w.locator('#reset-training').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
  expect(await heatPixels(w)).toBe(before);
  expect(errors).toEqual([]);
});

test('a learning rate that diverges stops training at the last good state and says why; no NaN on screen', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await w.locator('#pg-data').selectOption('plane');
  await expect(w.locator('#pg-output-text')).toContainText('linear and MSE');
  await w.locator('#pg-lr').fill('3');
  await w.locator('#play').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-stopped', 'diverged');
  await expect(w.locator('#play')).toHaveAttribute('aria-pressed', 'false');
  // Epoch 7, the 11th update, as the core stops it.
  await expect(w.locator('#pg-status .pg-stop')).toHaveText(
    'Training paused: in epoch 7, at its mini-batch 11, the loss overflowed to infinity — the learning rate is too large. The network is shown as it was just before that step.',
  );
  // In epoch 7, ten of its batches done: the network as it was before the 11th.
  await expect(w.locator('#epoch')).toHaveText("Epochs trained: 6, and 10 of epoch 7's 25 mini-batches");
  // The export says the same: the weights on screen are 6 epochs and 10 mini-batches in, and the address too.
  await expect(w.locator('#pg-export-script-hint')).toContainText('from the weights on screen (after 6 epochs and 10 mini-batches of epoch 7)');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/[#&]epoch=6&.*batches=10|[#&]batches=10&.*epoch=6/);
  // Why, in the core's numbers: η against the untrained network's curvature, and the saturated units where it stopped.
  const d = core.dataset({ kind: 'plane', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const train = core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices: d.train, features: ['x', 'y'], targets: 'value' });
  const fresh = core.newNetwork({ layers: [2, 4, 2, 1], activations: ['tanh', 'tanh', 'linear'], loss: 'mse', seed: 1 });
  const start = core.trainingDiagnosis({ network: fresh, optimizer: spec('sgd', { ...defaults('sgd'), lr: '3' }), data: train, l1: '0', l2: '0' });
  expect(start.stable_lr).toBeLessThan(3);
  await expect(w.locator('[data-why="curvature_above"]')).toHaveText(
    `At epoch 0 the loss's largest curvature (the Hessian's largest eigenvalue λ) is ${short(start.largest_curvature, 3)}: gradient descent on the whole training set is stable there only for η below 2/λ = ${short(start.stable_lr!, 3)}. η = 3 is above it: along that direction each step overshoots the valley's floor and lands higher on the far side.`,
  );
  await expect(w.locator('[data-why="saturated"]')).toContainText('At epoch 7, ');
  const text = await w.evaluate((host) => host.shadowRoot!.textContent ?? '');
  expect(text).not.toMatch(/NaN|Infinity/);
  // The weights drawn are finite: the last good state.
  const weights = await w.locator('line.edge').evaluateAll((lines) => lines.map((l) => Number((l as SVGLineElement).dataset.weight)));
  expect(weights.every(Number.isFinite)).toBe(true);
  // The same in Chinese.
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(w.locator('#pg-status')).toContainText('第 7 轮的第 11 个小批量使损失溢出为无穷大');
  await expect(w.locator('#epoch')).toHaveText('已训练 6 轮，以及第 7 轮 25 个小批量中的 10 个');
  await expect(w.locator('#pg-export-script-hint')).toContainText('从屏幕上的权重（已训练 6 轮，以及第 7 轮的 10 个小批量）开始');
  expect(errors).toEqual([]);
});

/** The training losses of `epochs` epochs of a setup on the circle, from the core here, and the rule's verdict on them. */
function watched(lr: string, optimizer: 'sgd' | 'adam', epochs: number): { stop: number | null; start: number; network: Config; state: TrainingState | null; data: ReturnType<BackpropCore['playgroundExamples']> } {
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const data = core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices: d.train, features: ['x', 'y'], targets: 'sign' });
  let network: Config = core.newNetwork({ layers: [2, 4, 2, 1], activations: ['tanh', 'tanh', 'tanh'], loss: 'half_sse', seed: 1 });
  let state: TrainingState | null = null;
  const watch = new LossWatch();
  let start = Number.NaN;
  for (let e = 1; e <= epochs; e++) {
    const r = core.trainingEpoch({ network, optimizer: spec(optimizer, { ...defaults(optimizer), lr }), data, batch_size: '10', seed: e, losses: true, losses_before: e === 1, state, l1: '0', l2: '0' });
    if (e === 1) {
      start = r.E_train_before!;
      watch.begin({ epoch: 0, E: start, E_test: null, network, state });
    }
    ({ network, state } = r);
    if (watch.add({ epoch: e, E: r.E_train!, E_test: null, network, state })) return { stop: e, start, network, state, data };
  }
  return { stop: null, start, network, state, data };
}

test('the watch stops a run whose loss stays above the untrained network\'s, and never the default one', () => {
  // TensorFlow Playground's defaults train 300 epochs without a stop; η = 0.3 and 1 too.
  for (const lr of ['0.03', '0.3', '1']) expect(watched(lr, 'sgd', 300).stop, `η = ${lr}`).toBeNull();
  // η = 10 throws the network out of the valley in its first epoch: ten epochs above the start.
  expect(watched('10', 'sgd', 300).stop).toBe(PATIENCE);
  expect(watched('1', 'adam', 300).stop).toBe(PATIENCE);
});

test('a learning rate too large for the curvature: the loss stays above the start, training goes back to its best epoch and says why with the core\'s numbers', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en&lr=10');
  const w = widget(page);
  await expect(w.locator('#epoch')).toHaveText('Epochs trained: 0');
  await w.locator('#play').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-stopped', 'rising');
  await expect(w.locator('#play')).toHaveAttribute('aria-pressed', 'false');
  // Back at epoch 0, the lowest loss: the untrained network's.
  await expect(w.locator('#epoch')).toHaveText('Epochs trained: 0');
  const run = watched('10', 'sgd', PATIENCE);
  expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBe(run.start);
  const sgd = spec('sgd', { ...defaults('sgd'), lr: '10' });
  const fresh = core.newNetwork({ layers: [2, 4, 2, 1], activations: ['tanh', 'tanh', 'tanh'], loss: 'half_sse', seed: 1 });
  const good = core.trainingDiagnosis({ network: fresh, optimizer: sgd, data: run.data, l1: '0', l2: '0' });
  const bad = core.trainingDiagnosis({ network: run.network, state: run.state, optimizer: sgd, data: run.data, l1: '0', l2: '0' });
  const stopE = core.trainingDiagnosis({ network: run.network, optimizer: sgd, data: run.data }).E;
  await expect(w.locator('#pg-status .pg-stop')).toHaveText(
    `Training paused after epoch 10: for 10 epochs in a row the training loss stayed above the untrained network's ${short(run.start, 4)} (it is ${short(stopE, 4)} now). The network is back at epoch 0, where the loss was lowest (${short(run.start, 4)}); the curves after it are drawn faded.`,
  );
  // η = 10 against 2/λ at the start; at epoch 10 the tanh units sit at their limits and the gradient is gone.
  expect(good.stable_lr!).toBeLessThan(10);
  await expect(w.locator('[data-why="curvature_above"]')).toContainText(`is ${short(good.largest_curvature, 3)}: `);
  await expect(w.locator('[data-why="curvature_above"]')).toContainText(`2/λ = ${short(good.stable_lr!, 3)}. η = 10 is above it`);
  expect(bad.saturated_share!).toBeGreaterThan(0.4);
  await expect(w.locator('[data-why="saturated"]')).toContainText(`At epoch 10, ${short(100 * bad.saturated_share!, 3)} % of the sigmoid and tanh outputs (${bad.saturated} of ${bad.saturated_of},`);
  expect(bad.gradient_norm).toBeLessThan(1e-3 * good.gradient_norm);
  await expect(w.locator('[data-why="gradient_vanished"]')).toHaveText(
    `The gradient's norm fell from ${short(good.gradient_norm, 3)} at epoch 0 to ${short(bad.gradient_norm, 3)} at epoch 10: training has next to nothing to go on.`,
  );
  // The epochs it went back from stay on the chart, faded.
  expect((await w.locator('.loss-chart path.curve.train.ghost').getAttribute('d'))!.length).toBeGreaterThan(10);
  const text = await w.evaluate((host) => host.shadowRoot!.textContent ?? '');
  expect(text).not.toMatch(/NaN|Infinity/);
  // In Chinese, the same numbers.
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(w.locator('#pg-status .pg-stop')).toContainText(`训练损失已连续 10 轮高于未训练网络的 ${short(run.start, 4)}`);
  await expect(w.locator('[data-why="curvature_above"]')).toContainText(`2/λ = ${short(good.stable_lr!, 3)}`);
  // Play again: the same ten epochs, the same stop.
  await w.locator('#play').click();
  await expect(w.locator('#play')).toHaveAttribute('aria-pressed', 'false');
  await expect(w.locator('#playground')).toHaveAttribute('data-stopped', 'rising');
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
  expect(errors).toEqual([]);
});

test('a run that blows up plots its losses on a log scale, its labels clear of the axis title', async ({ page }) => {
  await page.goto('./playground.html#lang=en&data=plane&lr=3');
  const w = widget(page);
  await w.locator('#play').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-stopped', 'diverged');
  const chart = w.locator('svg.loss-chart');
  await expect(chart).toHaveAttribute('data-scale', 'log');
  await expect(chart.locator('.axis-title').nth(1)).toHaveText('loss (log scale)');
  const boxes = await chart.evaluate((svg) => {
    const title = svg.querySelectorAll('.axis-title')[1].getBoundingClientRect();
    return { title: title.right, labels: Math.min(...Array.from(svg.querySelectorAll('.y-axis text'), (t) => t.getBoundingClientRect().left)) };
  });
  expect(boxes.labels).toBeGreaterThan(boxes.title + 2);
});

/** The training loss after 300 epochs of TensorFlow Playground's defaults but the data set, features and hidden layers given. */
function trained(kind: 'circle' | 'xor' | 'gauss' | 'spiral' | 'plane' | 'reg_gauss', features: string[], hidden: number[], classes = 2): number {
  const d = core.dataset({ kind, points: 500, noise: 0, seed: 1, train_ratio: 0.5, ...(kind === 'gauss' || kind === 'spiral' ? { classes } : {}) });
  const out = d.regression ? { a: 'linear', loss: 'mse', targets: 'value' as const, n: 1 } : classes > 2 ? { a: 'softmax', loss: 'ce', targets: 'one_hot' as const, n: classes } : { a: 'tanh', loss: 'half_sse', targets: 'sign' as const, n: 1 };
  const data = core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices: d.train, features, targets: out.targets, ...(out.targets === 'one_hot' ? { classes } : {}) });
  let network: Config = core.newNetwork({ layers: [features.length, ...hidden, out.n], activations: [...hidden.map(() => 'tanh'), out.a], loss: out.loss, seed: 1 });
  let state: TrainingState | null = null;
  let E = Number.NaN;
  for (let e = 1; e <= 300; e++) {
    const r = core.trainingEpoch({ network, optimizer: spec('sgd', { ...defaults('sgd'), lr: '0.03' }), data, batch_size: '10', seed: e, losses: true, state });
    ({ network, state } = r);
    E = r.E_train!;
  }
  return E;
}

test('each data set\'s hint is what training its suggestion in the core shows (300 epochs)', () => {
  const s = SUGGESTIONS;
  // Circle and XOR: no line separates them (x and y, no hidden layer), their features do.
  expect(trained('circle', ['x', 'y'], [])).toBeGreaterThan(0.4);
  expect(trained('circle', s.circle!.features, s.circle!.hidden)).toBeLessThan(0.01);
  expect(trained('xor', ['x', 'y'], [])).toBeGreaterThan(0.4);
  expect(trained('xor', s.xor!.features, s.xor!.hidden)).toBeLessThan(0.01);
  // Gaussians: no hidden layer is needed, for two classes or four.
  expect(trained('gauss', s.gauss!.features, s.gauss!.hidden)).toBeLessThan(0.01);
  expect(trained('gauss', s.gauss!.features, s.gauss!.hidden, 4)).toBeLessThan(0.05);
  // The spiral: two layers of 8 on x and y stay near where they started; sin x and sin y learn it.
  expect(trained('spiral', ['x', 'y'], [8, 8])).toBeGreaterThan(0.3);
  expect(trained('spiral', s.spiral!.features, s.spiral!.hidden)).toBeLessThan(0.05);
  expect(trained('spiral', ['x', 'y'], [8, 8], 3)).toBeGreaterThan(1);
  expect(trained('spiral', s.spiral!.features, s.spiral!.hidden, 3)).toBeLessThan(0.3);
  // The plane: fitted exactly, to rounding, without a hidden layer; the bumps need hidden layers.
  expect(trained('plane', s.plane!.features, s.plane!.hidden)).toBeLessThan(1e-20);
  expect(trained('reg_gauss', ['x', 'y'], [])).toBeGreaterThan(2 * trained('reg_gauss', ['x', 'y'], [4, 2]));
});

test('a data set\'s hint and its "Try it" set up the network it speaks of', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await expect(w.locator('#pg-data-hint')).toHaveText('No straight line separates a circle. With the features x² and y², a network without hidden layers does.');
  await w.locator('#pg-data').selectOption('spiral');
  await expect(w.locator('#pg-data-hint')).toContainText('add sin x and sin y');
  await w.locator('#pg-try').click();
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '8,8');
  for (const f of ['x', 'y', 'sinx', 'siny']) await expect(w.locator(`#feature-${f}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(w.locator('#feature-x2')).toHaveAttribute('aria-pressed', 'false');
  await expect(w.locator('#pg-try')).toBeHidden();
  expect(page.url()).toContain('features=x,y,sinx,siny');
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(w.locator('#pg-data-hint')).toHaveText('只用 x 和 y，即使两层各 8 个神经元也很难学会螺旋：加上 sin x 和 sin y。');
  expect(errors).toEqual([]);
});

test('One batch trains one mini-batch of the epoch, One epoch the rest of it: the same bits as the whole epoch; the link keeps the batches', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const side = (indices: Float64Array) => core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices, features: ['x', 'y'], targets: 'sign' });
  const fresh = core.newNetwork({ layers: [2, 4, 2, 1], activations: ['tanh', 'tanh', 'tanh'], loss: 'half_sse', seed: 1 });
  const run = (batches?: number) =>
    core.trainingEpoch({ network: fresh, optimizer: spec('sgd', { ...defaults('sgd'), lr: '0.03' }), data: side(d.train), test: side(d.test), batch_size: '10', seed: 1, losses: true, ...(batches ? { first_batch: 0, batches } : {}), l1: '0', l2: '0' });
  for (let b = 1; b <= 3; b++) await w.locator('#step-batch').click();
  await expect(w.locator('#epoch')).toHaveText("Epochs trained: 0, and 3 of epoch 1's 25 mini-batches");
  await expect(w.locator('#playground')).toHaveAttribute('data-batch', '3');
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
  expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBe(run(3).E_train);
  // One epoch trains the other 22: the whole epoch's bits.
  await w.locator('#step-epoch').click();
  await expect(w.locator('#epoch')).toHaveText('Epochs trained: 1');
  await expect(w.locator('#playground')).toHaveAttribute('data-batch', '0');
  expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBe(expected({ kind: 'circle', noise: 0, seed: 1, layers: [4, 2], activations: ['tanh', 'tanh'], output: 'tanh', loss: 'half_sse', targets: 'sign', lr: '0.03' }, 1)[0].E_train);
  // Two batches into epoch 2: the link brings them back.
  await w.locator('#step-batch').click();
  await w.locator('#step-batch').click();
  await expect(w.locator('#epoch')).toHaveText("Epochs trained: 1, and 2 of epoch 2's 25 mini-batches");
  const eTrain = await w.locator('#playground').getAttribute('data-e-train');
  await expect.poll(() => new URL(page.url()).hash).toContain('batches=2');
  const other = await context.newPage();
  await other.goto(page.url());
  const w2 = widget(other);
  await expect(w2.locator('#epoch')).toHaveText("Epochs trained: 1, and 2 of epoch 2's 25 mini-batches");
  await expect(w2.locator('#playground')).toHaveAttribute('data-e-train', eTrain!);
  // In Chinese.
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(w.locator('#epoch')).toHaveText('已训练 1 轮，以及第 2 轮 25 个小批量中的 2 个');
  expect(errors).toEqual([]);
});

test('the share link brings back the same data, network, settings and trained weights: the epochs are trained again to the same bits', async ({ page, context }) => {
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await w.locator('#pg-data').selectOption('xor');
  await w.locator('#pg-noise').fill('20');
  await w.locator('#new-data').click();
  await w.locator('#remove-layer').click();
  await w.locator('[data-add-neuron="1"]').click();
  await w.locator('#activation-1').selectOption('gelu');
  await w.locator('#pg-lr').fill('0.1');
  for (let i = 0; i < 3; i++) await w.locator('#step-epoch').click();
  const E = await w.locator('#playground').getAttribute('data-e-train');
  await page.locator('#share-button').click();
  const link = await page.locator('#share-link').inputValue();
  for (const part of ['data=xor', 'noise=20', 'seed=2', 'layers=5', 'activations=gelu', 'lr=0.1', 'epoch=3']) expect(link).toContain(part);

  const other = await context.newPage();
  const errors = watchErrors(other);
  await other.goto(link);
  const o = widget(other);
  await expect(o.locator('#network')).toHaveAttribute('data-hidden', '5');
  await expect(o.locator('#pg-data')).toHaveValue('xor');
  await expect(o.locator('#pg-noise')).toHaveValue('20');
  await expect(o.locator('#activation-1')).toHaveValue('gelu');
  await expect(o.locator('#pg-lr')).toHaveValue('0.1');
  await expect(other.locator('.state-notice')).toBeHidden();
  // The three epochs, trained again from the same fresh network: the same weights, the same losses, the same heat map.
  await expect(o.locator('#playground')).toHaveAttribute('data-epoch', '3');
  await expect(o.locator('#playground')).toHaveAttribute('data-e-train', E!);
  expect(await heatPixels(o)).toBe(await heatPixels(w));
  // The address keeps naming them, so a reload trains them again.
  await expect.poll(() => new URL(other.url()).hash).toContain('epoch=3');
  const losses = expected({ kind: 'xor', noise: 20, seed: 2, layers: [5], activations: ['gelu'], output: 'tanh', loss: 'half_sse', targets: 'sign', lr: '0.1' }, 4);
  expect(Number(E)).toBe(losses[2].E_train);
  // And on from there alike.
  await w.locator('#step-epoch').click();
  await o.locator('#step-epoch').click();
  await expect(o.locator('#playground')).toHaveAttribute('data-e-train', (await w.locator('#playground').getAttribute('data-e-train'))!);
  expect(Number(await o.locator('#playground').getAttribute('data-e-train'))).toBe(losses[3].E_train);
  // A setting changed after training: the weights came from the old one, so the link no longer asks for the epochs.
  await w.locator('#pg-lr').fill('0.2');
  await page.locator('#share-button').click();
  await page.locator('#share-button').click();
  expect(await page.locator('#share-link').inputValue()).not.toContain('epoch=');
  expect(errors).toEqual([]);
});

test('a setting the core refuses shows its reason beside its field, trains nothing, and stays out of the address', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await w.locator('#pg-lr').fill('-1');
  await expect(w.locator('#error-pg-lr')).toContainText('learning rate η');
  await expect(w.locator('#pg-lr')).toHaveAttribute('aria-invalid', 'true');
  await w.locator('#play').click();
  await expect(w.locator('#play')).toHaveAttribute('aria-pressed', 'false');
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
  expect(page.url()).not.toContain('lr=');
  await w.locator('#pg-lr').fill('0.1');
  await expect(w.locator('#error-pg-lr')).toBeEmpty();
  // More than the 250 training points.
  await w.locator('#pg-batch').fill('300');
  await expect(w.locator('#error-pg-batch')).toContainText('batch size');
  // Put right, training goes.
  await w.locator('#pg-batch').fill('25');
  await expect(w.locator('#error-pg-batch')).toBeEmpty();
  await w.locator('#step-epoch').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '1');
  expect(page.url()).toContain('lr=0.1');
  expect(page.url()).toContain('batch=25');
  // The optimizer's own settings: Adam's β₁ out of range is refused beside it; a good one trains as the core does.
  await w.locator('#pg-optimizer').selectOption('adam');
  await w.locator('#pg-more summary').click();
  await w.locator('#pg-opt-beta1').fill('1.5');
  await expect(w.locator('#error-pg-opt-beta1')).toContainText('β₁');
  await w.locator('#pg-opt-beta1').fill('0.8');
  await expect(w.locator('#error-pg-opt-beta1')).toBeEmpty();
  await w.locator('#reset-training').click();
  await w.locator('#step-epoch').click();
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const side = (indices: Float64Array) => core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices, features: ['x', 'y'], targets: 'sign' });
  const r = core.trainingEpoch({
    network: core.newNetwork({ layers: [2, 4, 2, 1], activations: ['tanh', 'tanh', 'tanh'], loss: 'half_sse', seed: 1 }),
    optimizer: spec('adam', { ...defaults('adam'), beta1: '0.8', lr: '0.1' }),
    data: side(d.train),
    test: side(d.test),
    batch_size: '25',
    seed: 1,
    losses: true,
    l1: '0',
    l2: '0',
  });
  expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBe(r.E_train);
  expect(page.url()).toContain('adam.beta1=0.8');
  expect(errors).toEqual([]);
});

test('features beyond x and y train, and the plane shows the network over them; three classes take softmax', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
  await expect(w.locator('canvas.heat')).toBeVisible();
  const before = await heatPixels(w);
  await w.locator('#feature-x2').click();
  await expect(w.locator('#feature-x2')).toHaveAttribute('aria-pressed', 'true');
  // A network of x, y and x² over the plane: another picture from the first.
  await expect.poll(() => heatPixels(w)).not.toBe(before);
  await w.locator('#step-epoch').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '1');
  expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBeGreaterThan(0);
  await w.locator('#feature-x2').click();
  await expect(w.locator('#feature-x2')).toHaveAttribute('aria-pressed', 'false');
  await w.locator('#pg-data').selectOption('spiral');
  await w.locator('#pg-classes').selectOption('3');
  await expect(w.locator('#pg-output-text')).toContainText('softmax and cross-entropy over 3 classes');
  await expect(w.locator('.output .node')).toHaveCount(3);
  await expect(w.locator('.point-legend li[data-class]')).toHaveCount(3);
  await w.locator('#step-epoch').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '1');
  expect(errors).toEqual([]);
});

for (const viewport of [{ width: 1280, height: 720 }, { width: 853, height: 480 }]) {
  test(`presenter mode at ${viewport.width}×${viewport.height}: the network and the plane side by side, the losses under the plane, all on the screen`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('./playground.html#lang=en&present=1');
    const w = widget(page);
    await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
    const net = (await w.locator('.net-stage').boundingBox())!;
    const plane = (await w.locator('#plane').boundingBox())!;
    expect(plane.x).toBeGreaterThan(net.x + net.width - 1);
    expect(plane.y + plane.height).toBeLessThanOrEqual(viewport.height);
    expect(net.y + net.height).toBeLessThanOrEqual(viewport.height);
    // The losses under the plane, on the screen too: what the back row watches while the network trains.
    const chart = (await w.locator('svg.loss-chart').boundingBox())!;
    expect(chart.y).toBeGreaterThan(plane.y + plane.height);
    expect(chart.y + chart.height).toBeLessThanOrEqual(viewport.height);
  });
}

test('the last input feature stays on, and its switch says why', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en&features=y2');
  const w = widget(page);
  const last = w.locator('#feature-y2');
  await expect(last).toHaveAttribute('aria-pressed', 'true');
  await expect(last).toHaveAttribute('aria-disabled', 'true');
  await expect(last).toHaveAttribute('title', 'At least one input feature is needed: switch another on first.');
  // A click on it anyway changes nothing.
  await last.click({ force: true });
  await expect(last).toHaveAttribute('aria-pressed', 'true');
  await w.locator('#feature-x').click();
  await expect(w.locator('#feature-y2')).not.toHaveAttribute('aria-disabled', 'true');
  expect(errors).toEqual([]);
});

test('before any training, every data set shows the untrained network\'s losses, as the core computes them, and the curves start there', async ({ page }) => {
  const errors = watchErrors(page);
  for (const kind of ['circle', 'xor', 'gauss', 'spiral', 'plane', 'reg_gauss'] as const) {
    await page.goto('about:blank');
    await page.goto(`./playground.html#lang=en&data=${kind}`);
    const w = widget(page);
    await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
    const regression = kind === 'plane' || kind === 'reg_gauss';
    const d = core.dataset({ kind, points: 500, noise: 0, seed: 1, train_ratio: 0.5, ...(regression ? {} : { classes: 2 }) });
    const side = (indices: Float64Array) => core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices, features: ['x', 'y'], targets: regression ? 'value' : 'sign' });
    const fresh = core.newNetwork({ layers: [2, 4, 2, 1], activations: ['tanh', 'tanh', regression ? 'linear' : 'tanh'], loss: regression ? 'mse' : 'half_sse', seed: 1 });
    // The loss of the whole set at a state, from the core's diagnosis (another call than the page's).
    const E = (data: ReturnType<BackpropCore['playgroundExamples']>) => core.trainingDiagnosis({ network: fresh, optimizer: spec('sgd', { ...defaults('sgd'), lr: '0.03' }), data, l1: '0', l2: '0' }).E;
    const train = E(side(d.train));
    const testLoss = E(side(d.test));
    expect(Number(await w.locator('#playground').getAttribute('data-e-train')), kind).toBe(train);
    expect(Number(await w.locator('#playground').getAttribute('data-e-test')), kind).toBe(testLoss);
    await expect(w.locator('#loss-readout')).toHaveText(`training loss ${short(train, 4)} test loss ${short(testLoss, 4)}`);
    await expect(w.locator('svg.loss-chart path.curve.train:not(.ghost)')).toHaveAttribute('d', /^M/);
  }
  // Trained on, the first point stays the untrained network's: one epoch adds one point.
  await page.locator('#widget').locator('#step-epoch').click();
  await expect(page.locator('#widget').locator('#playground')).toHaveAttribute('data-epoch', '1');
  expect(errors).toEqual([]);
});

test('an overflow on the regression plane: the legend says the colour scale is clipped and how far the output goes; the points\' legend runs from −1 to 1', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en&data=plane&activations=relu,relu');
  const w = widget(page);
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
  await expect(w.locator('.legend-values .value-tick')).toHaveText(['−1', '0', '1']);
  await expect(w.locator('.legend-values canvas.swatch')).toHaveCount(3);
  await w.locator('#pg-lr').fill('5');
  await w.locator('#play').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-stopped', 'diverged');
  const [lo, hi] = (await w.locator('#plane').getAttribute('data-clipped'))!.split(',').map(Number);
  expect(lo < -1 || hi > 1).toBe(true);
  await expect(w.locator('#plane-clipped')).toHaveText(`The output over the plane runs from ${short(lo, 3)} to ${short(hi, 3)}: past −1 and 1 its colours stop at the scale's ends (clipped).`);
  await expect(w.locator('.scale-ticks')).toHaveText(lo < -1 && hi > 1 ? '≤ −10≥ 1' : lo < -1 ? '≤ −101' : '−10≥ 1');
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(w.locator('#plane-clipped')).toContainText('已截断');
  expect(errors).toEqual([]);
});

test('a classifier\'s output stays within its scale: nothing is said to be clipped', async ({ page }) => {
  await page.goto('./playground.html#lang=en&epoch=3');
  const w = widget(page);
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '3');
  await expect(w.locator('#plane-clipped')).toBeHidden();
  await expect(w.locator('#plane')).not.toHaveAttribute('data-clipped', /./);
  await expect(w.locator('.scale-ticks')).toHaveText('−101');
});

for (const lang of ['en', 'zh-CN']) {
  test.describe(`presenter mode at 1280×720 and 150 % (${lang})`, () => {
    test.use({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5 });
    test(`nothing is cut at the screen's bottom edge, and the plane takes the room beside its legend (${lang})`, async ({ page }) => {
      await page.goto(`./playground.html#lang=${lang}&present=1`);
      const w = widget(page);
      await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
      const plane = (await w.locator('#plane').boundingBox())!;
      expect(plane.width).toBeGreaterThanOrEqual(340);
      const legend = (await w.locator('#plane-legend').boundingBox())!;
      expect(legend.x).toBeGreaterThanOrEqual(plane.x + plane.width);
      // Every piece of text and every control is wholly above the edge of what the page shows, or wholly below it.
      const cut = await w.evaluate((host) => {
        const edge = Math.min(window.innerHeight, document.querySelector('.page')!.getBoundingClientRect().bottom);
        const out: string[] = [];
        for (const el of host.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
          if (el.closest('.visually-hidden')) continue;
          const leaf = el.children.length === 0 || ['SELECT', 'BUTTON', 'INPUT', 'LABEL', 'CANVAS'].includes(el.tagName);
          if (!leaf || !el.textContent?.trim() && !['SELECT', 'INPUT', 'CANVAS'].includes(el.tagName)) continue;
          const r = el.getBoundingClientRect();
          if (r.height === 0 || r.width === 0) continue;
          if (r.top < edge - 1 && r.bottom > edge + 1) out.push(`${el.tagName}#${el.id}.${el.className} ${Math.round(r.top)}–${Math.round(r.bottom)} across ${Math.round(edge)}`);
        }
        return out;
      });
      expect(cut).toEqual([]);
      // The network's column and the plane's, with its losses, end above the edge.
      const edge = await page.evaluate(() => Math.min(window.innerHeight, document.querySelector('.page')!.getBoundingClientRect().bottom));
      for (const sel of ['.pg-layer-settings', 'svg.loss-chart']) {
        const box = (await w.locator(sel).boundingBox())!;
        expect(box.y + box.height, sel).toBeLessThanOrEqual(edge);
      }
    });
  });
}

test('on a phone, six layers of eight: each layer\'s label breaks between words only, its − and + side by side, every neuron and button at least 24 × 24 px to tap', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./playground.html#lang=zh-CN&layers=8,8,8,8,8,8');
  const w = widget(page);
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '8,8,8,8,8,8');
  const titles = await w.locator('.hidden-layer .col-title').evaluateAll((els) =>
    els.map((el) => {
      // The top of each character's line: 神, 经 and 元 on one.
      const text = el.firstChild!;
      const at = (i: number) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return Math.round(range.getBoundingClientRect().top);
      };
      const s = text.textContent!;
      const i = s.indexOf('神经元');
      return { text: s, word: [at(i), at(i + 1), at(i + 2)] };
    }),
  );
  expect(titles).toHaveLength(6);
  for (const t of titles) {
    expect(t.text).toBe('8 个神经元');
    expect(new Set(t.word).size, t.text).toBe(1);
  }
  for (let layer = 1; layer <= 6; layer++) {
    const minus = (await w.locator(`[data-remove-neuron="${layer}"]`).boundingBox())!;
    const plus = (await w.locator(`[data-add-neuron="${layer}"]`).boundingBox())!;
    expect(Math.abs(minus.y - plus.y), `layer ${layer}`).toBeLessThan(1);
    expect(plus.x).toBeGreaterThan(minus.x + minus.width - 1);
    for (const b of [minus, plus]) {
      expect(b.width).toBeGreaterThanOrEqual(24);
      expect(b.height).toBeGreaterThanOrEqual(24);
    }
  }
  const nodes = await w.locator('.net-columns .node').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => [r.width, r.height]));
  expect(nodes).toHaveLength(6 * 8 + 1);
  for (const [width, height] of nodes) {
    expect(width).toBeGreaterThanOrEqual(24);
    expect(height).toBeGreaterThanOrEqual(24);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
});

test('at six hidden layers and eight neurons, + says why it does nothing, in both languages', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en&layers=8,8,8,8,8,8');
  const w = widget(page);
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '8,8,8,8,8,8');
  const addLayer = w.locator('#add-layer');
  const addNeuron = w.locator('[data-add-neuron="3"]');
  await expect(addLayer).toHaveAttribute('aria-disabled', 'true');
  await expect(addLayer).toHaveAttribute('title', 'The playground has at most 6 hidden layers.');
  await expect(addLayer).toHaveAccessibleDescription('The playground has at most 6 hidden layers.');
  await expect(addNeuron).toHaveAttribute('aria-disabled', 'true');
  await expect(addNeuron).toHaveAttribute('title', 'A hidden layer has at most 8 neurons.');
  // A click does nothing; the focus stays on the button that says why.
  await addLayer.click({ force: true });
  await addNeuron.focus();
  await page.keyboard.press('Enter');
  await expect(addNeuron).toBeFocused();
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '8,8,8,8,8,8');
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(w.locator('#add-layer')).toHaveAttribute('title', '游乐场最多有 6 个隐藏层。');
  await expect(w.locator('[data-add-neuron="3"]')).toHaveAttribute('title', '一个隐藏层最多有 8 个神经元。');
  // One layer fewer: + works again and says nothing.
  await w.locator('#remove-layer').click();
  await expect(w.locator('#add-layer')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(w.locator('#add-layer')).not.toHaveAttribute('title', /./);
  expect(errors).toEqual([]);
});

test('ReLU hidden layers at η = 100: the explanation says how many ReLUs are dead, as the core counts them where training stopped', async ({ page }) => {
  const errors = watchErrors(page);
  // The same run in the core here: the epochs until the core's rule or the watch stops it, and the state the page diagnoses.
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const data = core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices: d.train, features: ['x', 'y'], targets: 'sign' });
  const testSet = core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices: d.test, features: ['x', 'y'], targets: 'sign' });
  const optimizer = spec('sgd', { ...defaults('sgd'), lr: '100' });
  let network: Config = core.newNetwork({ layers: [2, 4, 2, 1], activations: ['relu', 'relu', 'tanh'], loss: 'half_sse', seed: 1 });
  let state: TrainingState | null = null;
  const watch = new LossWatch();
  watch.begin({ epoch: 0, E: core.trainingDiagnosis({ network, optimizer, data, l1: '0', l2: '0' }).E, E_test: null, network, state });
  let stopEpoch = 0;
  for (let e = 1; e <= 100 && !stopEpoch; e++) {
    const r = core.trainingEpoch({ network, optimizer, data, test: testSet, batch_size: '10', seed: e, losses: true, state, l1: '0', l2: '0' });
    ({ network, state } = r);
    if (r.stopped_at !== null) stopEpoch = e;
    else if (watch.add({ epoch: e, E: r.E_train!, E_test: r.E_test, network, state })) stopEpoch = e;
  }
  expect(stopEpoch).toBeGreaterThan(0);
  const bad = core.trainingDiagnosis({ network, state, optimizer, data, l1: '0', l2: '0' }) as ReturnType<BackpropCore['trainingDiagnosis']> & { dead_relu: number; relu_units: number; dead_relu_share: number };
  expect(bad.relu_units).toBe(6);
  expect(bad.dead_relu).toBeGreaterThan(0);

  await page.goto('./playground.html#lang=en&activations=relu,relu&lr=100');
  const w = widget(page);
  await w.locator('#play').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-stopped', /./);
  await expect(w.locator('[data-why="dead_relu"]')).toHaveText(
    `At epoch ${stopEpoch}, ${short(100 * bad.dead_relu_share, 3)} % of the hidden ReLU units (${bad.dead_relu} of ${bad.relu_units}) are dead: their net is at most 0 on every training point, so their output and its derivative are 0 there, no gradient reaches their weights, and they cannot come back.`,
  );
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(w.locator('[data-why="dead_relu"]')).toContainText(`（${bad.relu_units} 个中的 ${bad.dead_relu} 个）已经“死亡”`);
  expect(errors).toEqual([]);
});
