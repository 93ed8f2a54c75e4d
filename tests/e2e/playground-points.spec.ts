// The student's own points on the playground: added by a click and at the
// keyboard's cursor, moved, removed; a CSV with an error on line 3, then a
// good one; training on them as the core trains; the share link brings the
// same points back, and with epoch= the same weights.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { defaults, spec, useCatalog } from '../../web/src/optimizers/racers';
import type { BackpropCore, Config, TrainingState } from '../../web/src/shared/core-types';
import { loadWasmModule } from '../wasm/load.mjs';
import { axeViolations, watchErrors } from './helpers';

test.use({ locale: 'en-US', reducedMotion: 'no-preference', bypassCSP: true });

let core: BackpropCore;
test.beforeAll(async () => {
  core = (await loadWasmModule()) as BackpropCore;
  useCatalog(core);
});

const widget = (page: Page) => page.locator('#widget');

/** A canvas's pixels, as a short fingerprint. */
function pixels(w: Locator, which: 'heat' | 'points'): Promise<string> {
  return w.evaluate((host, cls) => {
    const canvas = host.shadowRoot!.querySelector(`canvas.${cls}`) as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i++) hash = (Math.imul(hash, 31) + data[i]) | 0;
    return `${canvas.width}x${canvas.height}:${hash}`;
  }, which);
}

/** Where (x, y) of the plane (−6 … 6 on both axes) is on the screen. */
async function at(plane: Locator, x: number, y: number): Promise<{ x: number; y: number }> {
  await plane.scrollIntoViewIfNeeded();
  const box = (await plane.boundingBox())!;
  return { x: box.x + ((x + 6) / 12) * box.width, y: box.y + ((6 - y) / 12) * box.height };
}

/** The address's points= as the page wrote it. */
function pointsKey(page: Page): string {
  return new URL(page.url()).hash.match(/[#&]points=([^&]*)/)?.[1] ?? '';
}

/** The losses after each epoch, by the core here, on the circle (seed 1) with the edits `edits`. */
function expected(edits: string, epochs: number): number[] {
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5, edits: decodeURIComponent(edits) });
  const side = (indices: Float64Array) => core.playgroundExamples({ x: d.x, y: d.y, label: d.label, indices, features: ['x', 'y'], targets: 'sign' });
  let network: Config = core.newNetwork({ layers: [2, 4, 2, 1], activations: ['tanh', 'tanh', 'tanh'], loss: 'half_sse', seed: 1 });
  let state: TrainingState | null = null;
  const out: number[] = [];
  for (let e = 1; e <= epochs; e++) {
    const r = core.trainingEpoch({
      network,
      optimizer: spec('sgd', { ...defaults('sgd'), lr: '0.03' }),
      data: side(d.train),
      test: d.test.length ? side(d.test) : null,
      batch_size: '10',
      seed: e,
      losses: true,
      state,
      l1: '0',
      l2: '0',
    });
    out.push(r.E_train!);
    ({ network, state } = r);
  }
  return out;
}

/** A CSV of two classes, a blob each, inside the plane. */
function goodCsv(): string {
  const rows = ['x,y,class'];
  for (let i = 0; i < 30; i++) {
    const a = (i / 30) * 2 * Math.PI;
    rows.push(`${(-3 + Math.cos(a)).toFixed(3)},${(-3 + Math.sin(a)).toFixed(3)},0`);
    rows.push(`${(3 + Math.cos(a)).toFixed(3)},${(3 + Math.sin(a)).toFixed(3)},1`);
  }
  return rows.join('\n');
}

test('points added by a click and at the keyboard, moved, removed; a CSV refused by its line, then taken; trained as the core trains; the link brings them back', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  const plane = w.locator('#plane');
  await expect(plane).toHaveAttribute('data-points', '500');
  // Editing is off until asked: a click on a point picks it.
  await expect(w.locator('#pg-edit-points')).toHaveAttribute('aria-pressed', 'false');
  await w.locator('#pg-edit-points').click();
  await expect(w.locator('#pg-edit-points')).toHaveAttribute('aria-pressed', 'true');

  // A click adds a point of the chosen class (class 0), where no point is.
  let p = await at(plane, -4.5, 4.5);
  await page.mouse.click(p.x, p.y);
  await expect(plane).toHaveAttribute('data-points', '501');
  await expect(w.locator('#plane-live')).toContainText('Added: point 501 of 501: class 0');
  // Class 1 from the picker.
  await w.locator('#pg-class-picker [data-class="1"]').click();
  await expect(w.locator('#pg-class-picker [data-class="1"]')).toHaveAttribute('aria-checked', 'true');
  p = await at(plane, 4.5, -4.5);
  await page.mouse.click(p.x, p.y);
  await expect(plane).toHaveAttribute('data-points', '502');
  await expect.poll(() => pointsKey(page)).toMatch(/^-4\.\d+,4\.\d+,0\/4\.\d+,-4\.\d+,1$/);

  // At the keyboard: the cursor from the centre to (5, 5), class 2 (a third class: softmax), Enter adds it.
  await plane.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowUp');
  await expect(w.locator('#plane-live')).toHaveText('cursor at (5, 5)');
  await page.keyboard.press('2');
  await expect(w.locator('#pg-class-picker [data-class="2"]')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(plane).toHaveAttribute('data-points', '503');
  await expect(w.locator('#pg-output-text')).toContainText('softmax and cross-entropy over 3 classes');
  await expect.poll(() => pointsKey(page)).toMatch(/\/5,5,2$/);
  // P holds the last point (the one just added); the arrow keys move it; Delete removes it: two classes again.
  await page.keyboard.press('p');
  await expect(w.locator('#plane-live')).toContainText('point 503 of 503: class 2');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => pointsKey(page)).toMatch(/\/4\.75,5,2$/);
  await page.keyboard.press('Delete');
  await expect(plane).toHaveAttribute('data-points', '502');
  await expect(w.locator('#plane-live')).toContainText('Point removed. 251 training and 251 test points.');
  await expect(w.locator('#pg-output-field')).toBeVisible();
  expect(pointsKey(page)).not.toContain(',2');

  // A drag moves the first point added, from (−4.5, 4.5) to about (−3, 3).
  const from = await at(plane, -4.5, 4.5);
  const to = await at(plane, -3, 3);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
  await expect.poll(() => pointsKey(page)).toMatch(/^-(3|2\.9\d|3\.0\d),(3|2\.9\d|3\.0\d),0\//);
  await expect(plane).toHaveAttribute('data-points', '502');
  // A right-click removes a generated point: an edit of it, d<i>.
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const far = [...d.train].sort((a, b) => Math.hypot(d.x[b], d.y[b]) - Math.hypot(d.x[a], d.y[a]))[0];
  p = await at(plane, d.x[far], d.y[far]);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  await expect(plane).toHaveAttribute('data-points', '501');
  await expect.poll(() => pointsKey(page)).toMatch(new RegExp(`^d${far}/`));
  const edits = pointsKey(page);

  // Train three epochs: the heat map changes, the losses are the core's on these points.
  const heat = await pixels(w, 'heat');
  for (let e = 1; e <= 3; e++) await w.locator('#step-epoch').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '3');
  expect(await pixels(w, 'heat')).not.toBe(heat);
  const losses = expected(edits, 3);
  expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBe(losses[2]);

  // The share link: the same points, the same weights after the same epochs.
  await page.locator('#share-button').click();
  const link = await page.locator('#share-link').inputValue();
  expect(link).toContain('epoch=3');
  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await other.setViewportSize(page.viewportSize()!);
  await other.goto(link);
  const o = widget(other);
  await expect(o.locator('#playground')).toHaveAttribute('data-epoch', '3');
  await expect(other.locator('.state-notice')).toBeHidden();
  await expect(o.locator('#plane')).toHaveAttribute('data-points', '501');
  await expect(o.locator('#playground')).toHaveAttribute('data-e-train', (await w.locator('#playground').getAttribute('data-e-train'))!);
  expect(await pixels(o, 'points')).toBe(await pixels(w, 'points'));
  expect(await pixels(o, 'heat')).toBe(await pixels(w, 'heat'));
  expect(pointsKey(other)).toBe(edits);
  expect(otherErrors).toEqual([]);

  // An edit after training: the link keeps the points, no longer the epochs.
  p = await at(plane, 5.5, -1);
  await page.mouse.click(p.x, p.y);
  await expect(plane).toHaveAttribute('data-points', '502');
  await page.locator('#share-button').click();
  await page.locator('#share-button').click();
  expect(await page.locator('#share-link').inputValue()).not.toContain('epoch=');

  // A CSV with an error on line 3: its message names the line, the points stay.
  await w.locator('#pg-csv-panel summary').click();
  await w.locator('#pg-csv').fill('x,y,class\n1,1,0\n1,2\n-1,-1,1');
  await w.locator('#pg-csv-use').click();
  await expect(w.locator('#error-pg-csv')).toHaveText('line 3: expected 3 numbers (2 inputs and 1 targets), found 2');
  await expect(w.locator('#pg-csv')).toHaveAttribute('aria-invalid', 'true');
  await expect(plane).toHaveAttribute('data-points', '502');
  // A good one replaces the generated points.
  await w.locator('#pg-csv').fill(goodCsv());
  await w.locator('#pg-csv-use').click();
  await expect(w.locator('#error-pg-csv')).toBeEmpty();
  await expect(plane).toHaveAttribute('data-points', '60');
  await expect(plane).toHaveAttribute('data-train', '30');
  await expect(w.locator('#pg-csv-status')).toHaveText('60 points of your own: 30 for training, 30 for test.');
  await expect.poll(() => pointsKey(page)).toMatch(/^own\/-2,-3,0\/4,3,1\//);
  const before = await pixels(w, 'heat');
  for (let e = 1; e <= 2; e++) await w.locator('#step-epoch').click();
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '2');
  expect(await pixels(w, 'heat')).not.toBe(before);
  expect(Number(await w.locator('#playground').getAttribute('data-e-train'))).toBe(expected(pointsKey(page), 2)[1]);
  // Back to the generated points.
  await w.locator('#pg-clear-points').click();
  await expect(plane).toHaveAttribute('data-points', '500');
  await expect.poll(() => pointsKey(page)).toBe('');
  expect(errors).toEqual([]);
});

test('with editing off a click on a point holds it and says what it is, adding nothing; a CSV error is shown in Chinese with its line; axe finds nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./playground.html#lang=zh-CN');
  const w = widget(page);
  const plane = w.locator('#plane');
  await expect(plane).toHaveAttribute('data-points', '500');
  await expect(w.locator('#pg-edit-points')).toHaveAttribute('aria-pressed', 'false');
  await expect(w.locator('#pg-points-hint')).toHaveText('点击一个点，选它作为样本。');
  // A click on a point adds nothing: the point is held (and handed to the plane's onPick) and said.
  const d = core.dataset({ kind: 'circle', points: 500, noise: 0, seed: 1, train_ratio: 0.5 });
  const i = d.train[0];
  const p = await at(plane, d.x[i], d.y[i]);
  await page.mouse.click(p.x, p.y);
  await expect(w.locator('#plane-live')).toHaveText(
    `第 ${i + 1} 个点（共 500 个）：类别 ${d.label[i]}，训练点，位于 (${(Math.round(d.x[i] * 100) / 100).toString().replace('-', '−')}, ${(Math.round(d.y[i] * 100) / 100).toString().replace('-', '−')})`,
  );
  await expect(plane).toHaveAttribute('data-points', '500');
  await page.mouse.click((await at(plane, -5.5, 5.5)).x, (await at(plane, -5.5, 5.5)).y);
  await expect(plane).toHaveAttribute('data-points', '500');
  await w.locator('#pg-csv-panel summary').click();
  await w.locator('#pg-csv').fill('1,1,0\n\n1,9,1');
  await w.locator('#pg-csv-use').click();
  await expect(w.locator('#error-pg-csv')).toHaveText('第 3 行：点 (1, 9) 在平面之外（x 和 y 须在 −6 到 6 之间）');
  await w.locator('#pg-edit-points').click();
  await plane.focus();
  await page.keyboard.press('n');
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a link with points the core refuses says why and keeps the generated points', async ({ page }) => {
  await page.goto('./playground.html#lang=en&points=1,1,0/d999');
  const w = widget(page);
  await expect(w.locator('#plane')).toHaveAttribute('data-points', '500');
  await expect(page.locator('.state-notice')).toContainText('the points’ item 2: there is no generated point 999 (500 were made, numbered from 0)');
});

for (const view of [
  { width: 1440, height: 900, lang: 'en' },
  { width: 390, height: 844, lang: 'zh-CN' },
]) {
  test(`the plane stays where it is while the points are edited: editing on, a point of a new class, editing off (${view.width} px, ${view.lang})`, async ({ page }) => {
    await page.setViewportSize({ width: view.width, height: view.height });
    await page.goto(`./playground.html#lang=${view.lang}`);
    const w = widget(page);
    const plane = w.locator('#plane');
    await expect(plane).toHaveAttribute('data-points', '500');
    // Where the plane is on the page (not on the screen: a click may scroll).
    const top = () => plane.evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));
    const start = await top();
    await w.locator('#pg-edit-points').click();
    expect(await top()).toBe(start);
    await expect(w.locator('#pg-class-picker button')).toHaveCount(3);
    await w.locator('#pg-class-picker button[data-class="2"]').click();
    const p = await at(plane, -5, 5);
    await page.mouse.click(p.x, p.y);
    await expect(plane).toHaveAttribute('data-points', '501');
    await expect(w.locator('#pg-class-picker button')).toHaveCount(4);
    await expect(w.locator('#pg-clear-points')).toBeEnabled();
    expect(await top()).toBe(start);
    await w.locator('#pg-edit-points').click();
    expect(await top()).toBe(start);
    // On the regression plane, the value's field takes the class picker's place.
    await page.goto(`./playground.html#lang=${view.lang}&data=plane`);
    await expect(plane).toHaveAttribute('data-points', '500');
    const before = await top();
    await w.locator('#pg-edit-points').click();
    await expect(w.locator('#pg-point-value')).toBeVisible();
    expect(await top()).toBe(before);
  });
}
