// The playground's export: the weights saved, the page loaded again, the file
// opened — the same weights and the same heat map; a file that does not fit
// is refused beside its button in both languages, the playground unchanged;
// the PyTorch script holds the network and, run with torch, prints the page's
// losses; the drawing downloads as a valid SVG and PNG.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Download, type Locator, type Page, test } from '@playwright/test';
import type { BackpropCore } from '../../web/src/shared/core-types';
import { loadWasmModule } from '../wasm/load.mjs';
import { heatPixels, watchErrors } from './helpers';

test.use({ locale: 'en-US' });

let core: BackpropCore;
test.beforeAll(async () => {
  core = (await loadWasmModule()) as BackpropCore;
});

const widget = (page: Page) => page.locator('#widget');

/** Every edge's weight, as the drawing holds it. */
function weights(w: Locator): Promise<string[]> {
  return w.locator('line.edge').evaluateAll((lines) => lines.map((l) => (l as SVGLineElement).dataset.weight ?? ''));
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, body: readFileSync((await download.path())!) };
}

/** A network built and trained by clicking: three hidden layers, ReLU in the second, sin x as a third input. */
async function trained(page: Page, epochs: number): Promise<Locator> {
  await page.goto('./playground.html#lang=en');
  const w = widget(page);
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '4,2');
  await w.locator('#add-layer').click();
  await w.locator('#activation-2').selectOption('relu');
  await w.locator('#feature-sinx').click();
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '4,2,2');
  await expect(w.locator('line.edge')).toHaveCount(3 * 4 + 4 * 2 + 2 * 2 + 2 * 1);
  for (let e = 1; e <= epochs; e++) {
    await w.locator('#step-epoch').click();
    await expect(w.locator('#playground')).toHaveAttribute('data-epoch', String(e));
  }
  return w;
}

test('the weights saved, the page loaded again and the file opened: the same weights and the same heat map', async ({ page }) => {
  const errors = watchErrors(page);
  const w = await trained(page, 5);
  const heat = await heatPixels(w);
  const edges = await weights(w);
  const losses = { train: await w.locator('#playground').getAttribute('data-e-train'), test: await w.locator('#playground').getAttribute('data-e-test') };
  expect(losses.train).not.toBe('');
  const { download, body } = await downloaded(page, () => w.locator('#pg-save-weights').click());
  expect(download.suggestedFilename()).toBe('playground-circle-epoch-5-weights.json');
  const file = JSON.parse(body.toString('utf8'));
  expect(file.format).toBe('backprop-playground-weights');
  expect(file.features).toEqual(['x', 'y', 'sinx']);
  expect(file.epoch).toBe(5);
  expect(file.network.layers).toEqual([3, 4, 2, 2, 1]);
  expect(file.network.activations).toEqual(['tanh', 'relu', 'tanh', 'tanh']);
  // The file's first weight is the one the drawing shows (the page's data-weight, JavaScript's shortest digits).
  expect(String(file.network.weights[0][0][0])).toBe(edges[0]);

  // A fresh page: the default network, another heat map.
  await page.goto('about:blank');
  await page.goto('./playground.html#lang=en');
  const fresh = widget(page);
  await expect(fresh.locator('#network')).toHaveAttribute('data-hidden', '4,2');
  expect(await heatPixels(fresh)).not.toBe(heat);
  await fresh.locator('#pg-open-file').setInputFiles({ name: 'weights.json', mimeType: 'application/json', buffer: body });
  await expect(fresh.locator('#network')).toHaveAttribute('data-hidden', '4,2,2');
  await expect(fresh.locator('#pg-open-status')).toHaveText(
    "Opened weights.json: its features, layers, activations, output and weights, after 5 epochs of training. A link to this page does not carry these weights: it brings back the data and the network's shape with fresh weights. Send the file with the link.",
  );
  // The file's epoch, and the opened network's losses on these points as the core computes them: those the page showed when it saved.
  await expect(fresh.locator('#playground')).toHaveAttribute('data-epoch', '5');
  await expect(fresh.locator('#epoch')).toHaveText('Epochs trained: 5');
  await expect(fresh.locator('#playground')).toHaveAttribute('data-e-train', losses.train!);
  await expect(fresh.locator('#playground')).toHaveAttribute('data-e-test', losses.test!);
  await expect(fresh.locator('#loss-readout')).not.toContainText('—');
  await expect(fresh.locator('svg.loss-chart path.curve.train:not(.ghost)')).not.toHaveAttribute('d', '');
  // The link does not claim the epochs: they did not run from the fresh network here.
  await expect.poll(() => new URL(page.url()).hash).not.toMatch(/[#&]epoch=5/);
  await expect(fresh.locator('#activation-2')).toHaveValue('relu');
  await expect(fresh.locator('#feature-sinx')).toHaveAttribute('aria-pressed', 'true');
  expect(await weights(fresh)).toEqual(edges);
  expect(await heatPixels(fresh)).toBe(heat);
  // It trains on from there.
  await fresh.locator('#step-epoch').click();
  await expect(fresh.locator('#playground')).toHaveAttribute('data-epoch', '6');
  expect(await weights(fresh)).not.toEqual(edges);
  expect(errors).toEqual([]);
});

test('a file that does not fit is refused beside its button, in both languages, and the playground stays as it was', async ({ page }) => {
  const errors = watchErrors(page);
  const w = await trained(page, 2);
  const heat = await heatPixels(w);
  const edges = await weights(w);
  const open = (name: string, text: string) => w.locator('#pg-open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const slot = w.locator('#error-pg-open-weights');

  await open('broken.json', '{"format": "backprop-playground-weights", ');
  await expect(slot).toContainText('broken.json was not opened: invalid JSON at line 1');
  // A three-class network on the two classes of the circle.
  const three = core.weightsFile({
    network: core.newNetwork({ layers: [2, 3, 3], activations: ['tanh', 'softmax'], loss: 'ce', seed: 1 }),
    features: ['x', 'y'],
  }).text;
  await open('three.json', three);
  await expect(slot).toHaveText("three.json was not opened: the file's layer 2 must have 1 entries, not 3. The playground is as it was.");
  expect(await weights(w)).toEqual(edges);
  expect(await heatPixels(w)).toBe(heat);
  await expect(w.locator('#playground')).toHaveAttribute('data-epoch', '2');

  // In Chinese, the same refusal in Chinese.
  await page.evaluate(() => {
    location.hash = location.hash.replace(/lang=[^&]*/, 'lang=zh-CN');
  });
  await expect(w.locator('#pg-export-title')).toHaveText('导出');
  await expect(slot).toContainText('没有打开 three.json');
  await open('other.json', '{"format": "something"}');
  await expect(slot).toContainText('没有打开 other.json');
  await expect(slot).toContainText('backprop-playground-weights');
  expect(await weights(w)).toEqual(edges);
  // A good file clears the message.
  const good = core.weightsFile({ network: core.newNetwork({ layers: [2, 3, 1], activations: ['tanh', 'tanh'], loss: 'half_sse', seed: 4 }), features: ['x', 'y'] }).text;
  await open('good.json', good);
  await expect(slot).toHaveText('');
  await expect(w.locator('#network')).toHaveAttribute('data-hidden', '3');
  expect(errors).toEqual([]);
});

test('the PyTorch script holds the network and, run with torch, prints the losses the page shows', async ({ page }) => {
  const errors = watchErrors(page);
  const w = await trained(page, 3);
  await expect(w.locator('#pg-export-epochs')).toHaveValue('3');
  await expect(w.locator('#pg-export-script-hint')).toContainText("after epoch 3 they are the page's");
  const { download, body } = await downloaded(page, () => w.locator('#pg-export-script').click());
  expect(download.suggestedFilename()).toBe('playground-circle-epoch-3-train.py');
  const script = body.toString('utf8');
  expect(script).toContain('return torch.stack([x, y, torch.sin(x)], dim=1)');
  expect(script).toMatch(/^W1 = torch\.tensor\(\[\[.*\]\], dtype=torch\.float64, requires_grad=True\)$/m);
  expect(script).toMatch(/^W4 = torch\.tensor\(\[\[/m);
  expect(script).toContain('a = torch.relu(a @ W2.T + b2)');
  expect(script).toContain('for epoch in range(1, 4):');
  expect(script).toContain('batch_size = 10');
  // The fresh network's first weight: the script starts where the page started.
  const fresh = core.newNetwork({ layers: [3, 4, 2, 2, 1], activations: ['tanh', 'relu', 'tanh', 'tanh'], loss: 'half_sse', seed: 1 });
  expect(script).toContain(`W1 = torch.tensor([[${fresh.weights[0][0][0]}`);

  const torch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
  if (torch.status !== 0) {
    test.info().annotations.push({ type: 'skipped', description: "torch is not installed (Debian's python3-torch): the script was not run" });
  } else {
    const run = spawnSync('/usr/bin/python3', ['-'], { input: script, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const last = run.stdout.trim().split('\n').pop()!.split(' ');
    expect(last[0]).toBe('3');
    const eTrain = Number(await w.locator('#playground').getAttribute('data-e-train'));
    const eTest = Number(await w.locator('#playground').getAttribute('data-e-test'));
    expect(Math.abs(Number(last[1]) - eTrain)).toBeLessThanOrEqual(1e-12 * eTrain);
    expect(Math.abs(Number(last[2]) - eTest)).toBeLessThanOrEqual(1e-12 * eTest);
  }
  // A wrong number of epochs, refused beside the field.
  await w.locator('#pg-export-epochs').fill('0');
  await w.locator('#pg-export-script').click();
  await expect(w.locator('#error-pg-export-epochs')).toContainText('Epochs must be between 1 and 100000');
  expect(errors).toEqual([]);
});

test('the drawing downloads as an SVG and a PNG: the network with its thumbnails and the plane', async ({ page }) => {
  const errors = watchErrors(page);
  const w = await trained(page, 2);
  const svg = await downloaded(page, () => w.locator('#pg-export-svg').click());
  expect(svg.download.suggestedFilename()).toBe('playground-circle-epoch-2.svg');
  const text = svg.body.toString('utf8');
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      images: [...doc.querySelectorAll('image')].map((i) => (i.getAttribute('href') ?? '').slice(0, 22)),
      lines: doc.querySelectorAll('line').length,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
    };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  // A thumbnail a neuron (3 inputs, 4 + 2 + 2 hidden, 1 output), the heat map and the points.
  expect(parsed.images.length).toBe(3 + 8 + 1 + 2);
  for (const href of parsed.images) expect(href).toBe('data:image/png;base64,');
  expect(parsed.lines).toBe(3 * 4 + 4 * 2 + 2 * 2 + 2 * 1);
  expect(parsed.texts[0]).toBe('Circle · 3–4–2–2–1 · after 2 epochs');
  expect(parsed.texts).toContain('sin x');
  expect(parsed.width).toBeGreaterThan(400);

  const png = await downloaded(page, () => w.locator('#pg-export-png').click());
  expect(png.download.suggestedFilename()).toBe('playground-circle-epoch-2.png');
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: twice the SVG's size.
  expect(png.body.readUInt32BE(16)).toBe(Math.round(parsed.width * 2));
  expect(png.body.readUInt32BE(20)).toBe(Math.round(parsed.height * 2));
  expect(errors).toEqual([]);
});
