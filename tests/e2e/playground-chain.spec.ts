// The playground's chain rule for any weight: a network built by clicking
// trains a few epochs; paused, a click on a training point and on a weight's
// edge (or a neuron) opens the stepper's term card and chain panel, and
// every value in it is the core's trace of that network on that example.
// The same by keyboard; nothing overflows on a wide screen or a phone.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { defaults, spec, useCatalog } from '../../web/src/optimizers/racers';
import type { BackpropCore, Config, Trace, TrainingState } from '../../web/src/shared/core-types';
import { loadWasmModule } from '../wasm/load.mjs';
import { axeViolations, watchErrors } from './helpers';
import { widgetProblems } from './look';

test.use({ locale: 'en-US', reducedMotion: 'no-preference' });

let core: BackpropCore;
test.beforeAll(async () => {
  core = (await loadWasmModule()) as BackpropCore;
  useCatalog(core);
});

const widget = (page: Page) => page.locator('#widget');

/** The circle data set (seed 1) and its examples for x and y, tanh and ½SE, as the page makes them. */
function circle() {
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const side = (indices: Float64Array) => core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices, features: ['x', 'y'], targets: 'sign' });
  return { d, train: side(d.train), test: side(d.test) };
}

/** The network after `epochs` epochs of the defaults (SGD, η 0.03, batch 10) with these hidden layers, run here by the core. */
function trained(layers: number[], epochs: number): Config {
  const { train, test: testSet } = circle();
  let network: Config = core.newNetwork({ layers: [2, ...layers, 1], activations: [...layers.map(() => 'tanh'), 'tanh'], loss: 'half_sse', seed: 1 });
  let state: TrainingState | null = null;
  for (let e = 1; e <= epochs; e++) {
    const r = core.trainingEpoch({ network, optimizer: spec('sgd', { ...defaults('sgd'), lr: '0.03' }), data: train, test: testSet, batch_size: '10', seed: e, losses: true, state, l1: '0', l2: '0' });
    ({ network, state } = r);
  }
  return network;
}

/** The core's trace of the network on training example i (from 0). */
function traceOn(network: Config, i: number): Trace {
  const { train } = circle();
  const inputs = train.inputs as Float64Array;
  const targets = train.targets as Float64Array;
  return core.trace({ ...network, inputs: Array.from(inputs.subarray(2 * i, 2 * i + 2)), targets: [targets[i]] }, {});
}

/** Clicks a training point (its index in the data set) where the plane draws it. */
async function clickPoint(page: Page, w: Locator, point: number): Promise<void> {
  const { d } = circle();
  const box = (await w.locator('#plane').boundingBox())!;
  const x = box.x + ((d.x[point] + 6) / 12) * box.width;
  const y = box.y + (1 - (d.y[point] + 6) / 12) * box.width;
  await page.mouse.click(x, y);
}

/** Clicks a weight's edge where nothing else covers it. */
async function clickEdge(page: Page, w: Locator, id: string): Promise<void> {
  const at = await w.evaluate((host, id) => {
    const root = host.shadowRoot!;
    const hit = root.querySelector(`g.edge-link[data-param="${id}"] .edge-hit`) as SVGLineElement;
    const svg = hit.ownerSVGElement!;
    const m = svg.getScreenCTM()!;
    const p = (k: 'x1' | 'y1' | 'x2' | 'y2') => Number(hit.getAttribute(k));
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
      const x = p('x1') + f * (p('x2') - p('x1'));
      const y = p('y1') + f * (p('y2') - p('y1'));
      const screen = new DOMPoint(x, y).matrixTransform(m);
      if (root.elementFromPoint(screen.x, screen.y) === hit) return { x: screen.x, y: screen.y };
    }
    return null;
  }, id);
  expect(at, `a point of ${id}'s edge that nothing covers`).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
}

/** The chain panel's terms: ids and values (17 digits), in order. */
function chainShown(w: Locator): Promise<{ id: string; value: number }[]> {
  return w.locator('#pg-chain .chain li').evaluateAll((items) =>
    items.map((li) => ({ id: (li as HTMLElement).dataset.chainTerm!, value: Number((li as HTMLElement).dataset.value) })),
  );
}

/** A training point far enough from every other that a click finds it, the index into the training set and into the data. */
function lonelyPoint(): { at: number; point: number } {
  const { d } = circle();
  for (let at = 0; at < d.train.length; at++) {
    const p = d.train[at];
    const near = Array.from(d.x).some((x, q) => q !== p && Math.hypot(x - d.x[p], d.y[q] - d.y[p]) < 0.45);
    if (!near) return { at, point: p };
  }
  throw new Error('no lonely point');
}

test('a point and a weight clicked after training: the chain\'s every value is the core\'s trace on that example', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await expect(w.locator('line.edge')).toHaveCount(2 * 4 + 4 * 2 + 2 * 1);
  // Built by clicking: a neuron more in the second hidden layer (4, 3).
  await w.locator('[data-add-neuron="2"]').click();
  await expect(w.locator('line.edge')).toHaveCount(2 * 4 + 4 * 3 + 3 * 1);
  for (let i = 0; i < 3; i++) await w.locator('#step-epoch').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '3');
  const network = trained([4, 3], 3);

  const { at, point } = lonelyPoint();
  await clickPoint(page, w, point);
  await expect(w.locator('#pg-chain-example')).toHaveValue(String(at + 1));
  // A weight of the first hidden layer: its chain runs through both layers above it.
  await clickEdge(page, w, 'w3');
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-pick', 'w3');
  await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-term', 'dE_total/dw3');
  await expect(w.locator('g.edge-link[data-param="w3"]')).toHaveClass(/picked/);

  const trace = traceOn(network, at);
  const expected = Array.from(trace.chains.find((c) => c.param === 'w3')!.terms, (p) => trace.terms[p]).filter((x) => x.kind !== 'update');
  const shown = await chainShown(w);
  expect(shown.map((x) => x.id)).toEqual(expected.map((x) => x.id));
  shown.forEach((x, k) => expect(x.value, x.id).toBe(expected[k].value));
  expect(shown.map((x) => x.id)).toContain('dE_total/dout_h1_2');
  const gradient = trace.terms.find((x) => x.id === 'dE_total/dw3')!;
  expect(Number(await w.locator('#pg-chain .term-card').getAttribute('data-value'))).toBe(gradient.value);
  // The formula, typeset, with the numbers.
  await expect(w.locator('#pg-chain .equation .katex').first()).toBeVisible();

  // The edges drawn by each weight's gradient on this example: the core's dE_total/dw terms, the sign as colour, the widest the largest.
  await w.locator('#pg-chain-gradients').check();
  await expect(w.locator('#net-key')).toContainText('∂E/∂w < 0');
  const grads = trace.terms.filter((x) => /^dE_total\/dw\d+$/.test(x.id));
  expect(grads).toHaveLength(2 * 4 + 4 * 3 + 3 * 1);
  const largest = Math.max(...grads.map((x) => Math.abs(x.value)));
  for (const x of grads) {
    const edge = w.locator(`g.edge-link[data-param="${x.id.slice('dE_total/d'.length)}"] line.edge`);
    await expect(edge).toHaveAttribute('data-gradient', String(x.value));
    await expect(edge).toHaveClass(x.value < 0 ? /negative/ : /^edge$/);
    if (Math.abs(x.value) === largest) await expect(edge).toHaveCSS('stroke-width', '6px');
  }
  await w.locator('#pg-chain-gradients').uncheck();
  await expect(w.locator('#net-key')).toContainText('w < 0');
  await expect(w.locator('line.edge[data-gradient]')).toHaveCount(0);
  await expect(w.locator('g.edge-link[data-param="w3"] line.edge')).toHaveAttribute('data-weight', String(network.weights[0][1][0]));

  // A factor of the chain: its own formula, the chain still w3's.
  await w.locator('#pg-chain .chain li[data-chain-term="dE_total/dout_h1_2"] button').click();
  await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-term', 'dE_total/dout_h1_2');
  await expect(w.locator('#pg-chain .chain-title')).toHaveText('The chain for w3');

  // A neuron: its δ and what it sums.
  await w.locator('[data-neuron="h2_1"]').click();
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-pick', 'h2_1');
  await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-term', 'dE_total/dnet_h2_1');
  const neuron = await chainShown(w);
  for (const id of ['dE_total/dout_h2_1', 'dout_h2_1/dnet_h2_1', 'dE_total/dnet_h2_1', 'dE_o1/dout_h2_1']) expect(neuron.map((x) => x.id)).toContain(id);
  for (const x of neuron) expect(x.value, x.id).toBe(trace.terms.find((y) => y.id === x.id)!.value);
  // In the first hidden layer the δ is its bias's gradient, and the card says so.
  await w.locator('[data-neuron="h1_1"]').click();
  await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-term', 'dE_total/db_h1_1');
  await expect(w.locator('#pg-chain-note')).toContainText('∂net/∂b = 1');
  await expect(w.locator('[data-neuron="h1_1"]')).toHaveClass(/picked/);

  // Titles: each edge its weight's id and value, each neuron its bias.
  await expect(w.locator('g.edge-link[data-param="w3"] title')).toHaveText(`weight w3 = ${String(Number((network.weights[0][1][0] as number).toPrecision(9))).replace('-', '−')}`);
  await expect(w.locator('[data-neuron="h1_2"]')).toHaveAttribute('title', new RegExp(`^neuron h1_2, bias b_h1_2 = `));
  await expect(w.locator('#net-key')).toContainText('each square');

  // Nothing is out of its box, on a wide screen or as wide as a course column; training again closes it.
  expect(await widgetProblems(w)).toEqual([]);
  await page.setViewportSize({ width: 700, height: 1000 });
  await expect(w.locator('#pg-chain .term-card')).toBeVisible();
  expect(await widgetProblems(w)).toEqual([]);
  await w.locator('#play').click();
  await expect(w.locator('#pg-chain-card')).toBeHidden();
  await w.locator('#play').click();
  expect(errors).toEqual([]);
});

test('by keyboard: an example\'s number and a weight from the list open its chain, also on a phone', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./playground.html#lang=en&epoch=2');
  const w = widget(page);
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '2');
  const network = trained([4, 2], 2);

  await w.locator('#pg-chain-example').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('7');
  await page.keyboard.press('Tab');
  await expect(w.locator('#pg-chain-param')).toBeFocused();
  // The list: weights, biases, then neurons; the arrow keys walk it.
  for (let i = 0; i < 30; i++) {
    if ((await w.locator('#pg-chain-param').inputValue()) === 'param:b_h1_2') break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(w.locator('#pg-chain-param')).toHaveValue('param:b_h1_2');
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-example', '6');
  await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-term', 'dE_total/db_h1_2');
  const trace = traceOn(network, 6);
  const expected = Array.from(trace.chains.find((c) => c.param === 'b_h1_2')!.terms, (p) => trace.terms[p]).filter((x) => x.kind !== 'update');
  const shown = await chainShown(w);
  expect(shown.map((x) => x.id)).toEqual(expected.map((x) => x.id));
  shown.forEach((x, k) => expect(x.value, x.id).toBe(expected[k].value));
  expect(await widgetProblems(w)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // ↑ steps to the next example; a number that is no example is refused beside the field, and the chain stays.
  await w.locator('#pg-chain-example').focus();
  await page.keyboard.press('ArrowUp');
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-example', '7');
  await expect(w.locator('#pg-chain-example')).toHaveValue('8');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0.5');
  await page.keyboard.press('Tab');
  await expect(w.locator('#error-pg-chain-example')).toHaveText('must be a whole number from 1 to 250');
  await expect(w.locator('#pg-chain-example')).toHaveAttribute('aria-invalid', 'true');
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-example', '7');
  expect(errors).toEqual([]);
});

test('the address keeps the example and the chain: a link opens the same chain on the same trained network', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en&epoch=3&example=12&chain=w9');
  const w = widget(page);
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '3');
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-pick', 'w9');
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-example', '11');
  await expect(w.locator('#pg-chain-param')).toHaveValue('param:w9');
  const trace = traceOn(trained([4, 2], 3), 11);
  const expected = Array.from(trace.chains.find((c) => c.param === 'w9')!.terms, (p) => trace.terms[p]).filter((x) => x.kind !== 'update');
  await expect.poll(async () => (await chainShown(w)).map((x) => x.value)).toEqual(expected.map((x) => x.value));

  // A click on a neuron is in the address at once.
  await w.locator('[data-neuron="o1"]').click();
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-pick', 'o1');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('chain=o1');
  expect(await page.evaluate(() => location.hash)).toContain('example=12');

  // What the network does not have, or no example's number, is listed as not applied; the rest is.
  await page.goto('./playground.html#lang=en&layers=3&chain=w10&example=abc');
  await expect(w.locator('.state-notice li[data-key="chain"]')).toContainText('must be a weight, a bias or a neuron');
  await expect(w.locator('.state-notice li[data-key="example"]')).toContainText('must be a whole number from 1 to 1000');
  await expect(w.locator('#pg-chain-card')).toBeHidden();
  await expect(w.locator('#pg-chain')).not.toHaveAttribute('data-pick', /./);
  await page.goto('./playground.html#lang=en&layers=3&chain=w9');
  await expect(w.locator('#pg-chain')).toHaveAttribute('data-pick', 'w9');
  expect(errors).toEqual([]);
});

test.describe('with the chain open', () => {
  // axe is injected as a script: the test's own, so the page's CSP is set aside for it.
  test.use({ bypassCSP: true });
  for (const lang of ['en', 'zh-CN']) {
    test(`axe finds nothing on the playground with a chain open (${lang})`, async ({ page }) => {
      await page.goto(`./playground.html#lang=${lang}&epoch=1`);
      const w = widget(page);
      await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '1');
      await w.locator('#pg-chain-param').selectOption('param:w9');
      await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-term', 'dE_total/dw9');
      await expect(w.locator('#pg-chain .chain li')).not.toHaveCount(0);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

for (const view of [
  { name: 'a wide screen', size: { width: 1440, height: 900 }, hash: 'lang=en' },
  { name: 'presenter mode', size: { width: 1280, height: 720 }, hash: 'lang=en&present=1', scale: 1.5 },
]) {
  test.describe(`on ${view.name}`, () => {
    test.use({ viewport: view.size, deviceScaleFactor: view.scale ?? 1 });
    test(`a chain opened by a click comes into view, on ${view.name}; from the list the focus stays and it is announced`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(`./playground.html#${view.hash}`);
      const w = widget(page);
      await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '0');
      const { at, point } = lonelyPoint();
      await w.locator('#plane').scrollIntoViewIfNeeded();
      await clickPoint(page, w, point);
      await expect(w.locator('#pg-chain-example')).toHaveValue(String(at + 1));
      await clickEdge(page, w, 'w3');
      const card = w.locator('#pg-chain-card');
      await expect(card).toBeVisible();
      // The card's top and at least part of it on the screen.
      await expect(card).toBeInViewport({ ratio: 0.25 });
      await expect.poll(() => card.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeGreaterThanOrEqual(0);
      expect(await card.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(view.size.height - 100);
      await expect(card).toBeFocused();
      await expect(w.locator('#pg-chain-announce')).toHaveText(`The chain rule for w3 on training example ${at + 1} is open below the network.`);
      // From the list: the list keeps the focus.
      await w.locator('#pg-chain-param').focus();
      await w.locator('#pg-chain-param').selectOption('param:w5');
      await expect(w.locator('#pg-chain')).toHaveAttribute('data-pick', 'w5');
      await expect(w.locator('#pg-chain-param')).toBeFocused();
      await expect(card).toBeInViewport({ ratio: 0.25 });
      await expect(w.locator('#pg-chain-announce')).toContainText('w5');
      expect(errors).toEqual([]);
    });
  });
}

for (const theme of ['light', 'dark']) {
  test(`the chain's example stands out on the plane: two rings of ink between bands of paper, above every point (${theme} theme)`, async ({ page }) => {
    await page.goto(`./playground.html#lang=en&theme=${theme}&example=7`);
    const w = widget(page);
    const { d } = circle();
    const point = d.train[6];
    await expect(w.locator('#plane')).toHaveAttribute('data-marked', String(point));
    // Every sample of each ring is the theme's ink; between them, and just outside the outer ring, the paper.
    const samples = await w.evaluate(
      (host, at) => {
        const root = host.shadowRoot!;
        const box = root.querySelector('#plane') as HTMLElement;
        const canvas = root.querySelector('canvas.points') as HTMLCanvasElement;
        const style = getComputedStyle(box);
        const probe = document.createElement('canvas').getContext('2d')!;
        const rgb = (name: string) => {
          probe.fillStyle = style.getPropertyValue(name).trim();
          probe.fillRect(0, 0, 1, 1);
          return Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3));
        };
        const r = Number.parseFloat(style.getPropertyValue('--point-r')) || 4;
        const ratio = canvas.width / box.clientWidth;
        const cx = ((at.x + 6) / 12) * box.clientWidth;
        const cy = (1 - (at.y + 6) / 12) * box.clientWidth;
        const ctx = canvas.getContext('2d')!;
        const ink = rgb('--ink');
        const paper = rgb('--paper');
        // Each sample: of the 3 × 3 device pixels around it, the one nearest the colour looked for (the edges are antialiased).
        const ring = (radius: number, want: number[]) =>
          Array.from({ length: 16 }, (_, k) => {
            const a = (k / 16) * 2 * Math.PI;
            const px = Math.round((cx + radius * Math.cos(a)) * ratio);
            const py = Math.round((cy + radius * Math.sin(a)) * ratio);
            const data = ctx.getImageData(px - 1, py - 1, 3, 3).data;
            let best: number[] = [];
            let gap = Infinity;
            for (let o = 0; o < data.length; o += 4) {
              const c = [data[o], data[o + 1], data[o + 2]];
              const g = Math.max(...c.map((v, i) => Math.abs(v - want[i])));
              if (g < gap) [best, gap] = [c, g];
            }
            return best;
          });
        return { ink, paper, inner: ring(r + 5, ink), between: ring(r + 8, paper), outer: ring(r + 11, ink) };
      },
      { x: d.x[point], y: d.y[point] },
    );
    const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 16);
    for (const c of samples.inner) expect(near(c, samples.ink), `inner ring ${c} vs ink ${samples.ink}`).toBe(true);
    for (const c of samples.outer) expect(near(c, samples.ink), `outer ring ${c} vs ink ${samples.ink}`).toBe(true);
    for (const c of samples.between) expect(near(c, samples.paper), `between the rings ${c} vs paper ${samples.paper}`).toBe(true);
  });
}

/** The smallest glyph KaTeX draws under a selector (its MathML and its empty struts aside), in CSS px. */
function smallestGlyph(w: Locator, selector: string): Promise<number> {
  return w.evaluate((host, selector) => {
    let min = Infinity;
    for (const el of host.shadowRoot!.querySelectorAll(`${selector} .katex-html *`)) {
      if (el.children.length || !el.textContent!.replace(/[\s\u200b]/g, '') || el.getBoundingClientRect().width === 0) continue;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
    }
    return min;
  }, selector);
}

for (const view of [
  { width: 1440, height: 900, lang: 'en' },
  { width: 390, height: 844, lang: 'zh-CN' },
]) {
  test(`the chain's factors are legible and its formula fits the card, not scrolled (${view.width} px, ${view.lang}); the exact value's minus is U+2212`, async ({ page }) => {
    await page.setViewportSize({ width: view.width, height: view.height });
    await page.goto(`./playground.html#lang=${view.lang}&epoch=2&example=1&chain=w3`);
    const w = widget(page);
    await expect(w.locator('#pg-chain .term-card')).toHaveAttribute('data-term', 'dE_total/dw3');
    await expect(w.locator('#pg-chain .chain li')).not.toHaveCount(0);
    // Every sub- and superscript of the chips at least the page's smallest text, and no smaller than the equation's own.
    const chips = await smallestGlyph(w, '#pg-chain .chain');
    expect(chips).toBeGreaterThanOrEqual(12);
    expect(chips).toBeGreaterThanOrEqual(await smallestGlyph(w, '#pg-chain .equation'));
    // The equation fits: no scrolling, no cue.
    const equation = w.locator('#pg-chain .equation');
    await expect(equation).not.toHaveClass(/formula-scrolls/);
    expect(await equation.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    expect(await widgetProblems(w)).toEqual([]);
    // −0.0432…: the trace's value, with the page's minus.
    const value = Number(await w.locator('#pg-chain .term-card').getAttribute('data-value'));
    expect(value).toBeLessThan(0);
    await expect(w.locator('#pg-chain .exact code')).toHaveText(/^−0\.0\d+$/);
  });
}
