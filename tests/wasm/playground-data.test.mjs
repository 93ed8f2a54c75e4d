// The playground's data in the wasm module: the same points as the native
// core (the checksums tests/native/test_playground_data.cpp expects), the
// split, the features and the examples trainingEpoch takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCore } from './support.mjs';

// Σ (i + 1) (x_i + 2 y_i + 3 label_i), summed in order, as the native test sums it.
function checksum(d) {
  let s = 0;
  for (let i = 0; i < d.x.length; i++) s += (i + 1) * (d.x[i] + 2 * d.y[i] + 3 * d.label[i]);
  return s;
}

test('every set gives the native core\'s numbers to the last bit', async () => {
  const core = await getCore();
  const expected = {
    circle: 80807.376287902502,
    xor: 195486.55348077818,
    gauss: 661037.56678567384,
    spiral: 218626.11924881808,
    plane: -10280.486874200873,
    reg_gauss: -7049.4309287394735,
  };
  for (const [kind, sum] of Object.entries(expected)) {
    const d = core.dataset({ kind, points: 500, noise: 25, seed: 3 });
    assert.ok(d.x instanceof Float64Array);
    assert.equal(d.x.length, 500);
    assert.equal(checksum(d), sum, kind);
  }
  assert.equal(checksum(core.dataset({ kind: 'spiral', points: 500, noise: 10, seed: 5, classes: 3 })), 488286.22445003991);
});

test('the catalogs: the sets and the features, each with its name in both languages', async () => {
  const core = await getCore();
  assert.deepEqual(core.datasets().map((d) => d.name), ['circle', 'xor', 'gauss', 'spiral', 'plane', 'reg_gauss']);
  assert.deepEqual(core.features().map((f) => f.name), ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny']);
  assert.equal(core.features()[4].tex, 'x y');
  const { readFileSync } = await import('node:fs');
  for (const lang of ['en', 'zh-CN']) {
    const catalog = JSON.parse(readFileSync(new URL(`../../web/src/messages/${lang}.json`, import.meta.url), 'utf8'));
    for (const d of core.datasets()) assert.ok(`dataset.${d.name}` in catalog, `${lang}: dataset.${d.name}`);
    for (const f of core.features()) assert.ok(`feature.${f.name}` in catalog, `${lang}: feature.${f.name}`);
  }
});

test('a split and its examples train an epoch; errors name their field', async () => {
  const core = await getCore();
  const d = core.dataset({ kind: 'xor', points: 200, noise: 0, seed: 1, train_ratio: 0.7 });
  assert.equal(d.train.length, 140);
  assert.equal(d.test.length, 60);
  const features = ['x', 'y', 'xy'];
  const points = { x: d.x, y: d.y, label: d.label };
  const train = core.playgroundExamples({ ...points, indices: d.train, features, targets: 'sign' });
  const test = core.playgroundExamples({ ...points, indices: d.test, features, targets: 'sign' });
  assert.equal(train.inputs.length, 140 * 3);
  const i = d.train[5];
  assert.deepEqual(Array.from(train.inputs.subarray(15, 18)), [d.x[i], d.y[i], d.x[i] * d.y[i]]);
  assert.equal(train.targets[5], d.label[i] === 1 ? 1 : -1);
  const network = core.newNetwork({ layers: [3, 4, 1], activations: 'tanh', loss: 'half_sse', seed: 1 });
  const r = core.trainingEpoch({ network, data: train, test, batch_size: 10, seed: 1, losses: true, optimizer: { kind: 'sgd', lr: 0.03 } });
  assert.equal(r.updates, 14);
  assert.ok(r.E_test > 0);
  assert.throws(() => core.dataset({ kind: 'moons' }), { code: 'unknown_choice', field: 'kind' });
  assert.throws(() => core.dataset({ kind: 'circle', classes: 3 }), { code: 'out_of_range', field: 'classes' });
  assert.throws(() => core.dataset({ kind: 'spiral', noise: -1 }), { code: 'out_of_range', field: 'noise' });
  assert.throws(() => core.playgroundExamples({ ...points, features: ['cos x'] }), { code: 'unknown_choice', field: 'features[0]' });
});

test('a network over the plane reads the features it was trained on: its output is the epoch\'s forward pass', async () => {
  const core = await getCore();
  const features = ['x2', 'y2', 'sinx'];
  const network = core.newNetwork({ layers: [3, 4, 1], activations: 'tanh', loss: 'half_sse', seed: 2 });
  const [W, H] = [4, 3];
  const g = core.networkGrid({ network, domain: [-6, 6, -5, 5], width: W, height: H, features });
  assert.deepEqual(g.layers, [3, 4, 1]);
  const x = [], y = [];
  for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) x.push(-6 + (12 * i) / (W - 1)), y.push(-5 + (10 * j) / (H - 1));
  const ex = core.playgroundExamples({ x, y, label: x.map(() => 0), features });
  const run = core.trainingRun({ network, data: { inputs: ex.inputs, targets: ex.targets }, iterations: 0 });
  run.outputs.forEach((out, p) => {
    for (let k = 0; k < 3; k++) assert.equal(g.values[k * W * H + p], ex.inputs[3 * p + k]);
    assert.equal(g.values[7 * W * H + p], out[0]);
  });
  assert.throws(() => core.networkGrid({ network, domain: [-1, 1, -1, 1], width: 4, height: 4 }), { code: 'wrong_length', field: 'network.layers[0]' });
});
