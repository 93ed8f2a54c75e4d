// The playground's calls: one epoch of minibatches and a network over a grid,
// against PyTorch (tests/fixtures/epoch_pytorch.json) and the native core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClose, getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/epoch_pytorch.json', import.meta.url), 'utf8'));
const flat = (rows) => Float64Array.from(rows.flat());

test('epochs equal PyTorch\'s in float64: the parameters and both losses after each', async () => {
  const core = await getCore();
  for (const c of fixture.cases) {
    let network = c.network;
    let state = null;
    for (const e of c.epochs) {
      const r = core.trainingEpoch({
        network, optimizer: c.optimizer, data: c.data, test: c.test, batch_size: c.batch_size, seed: e.seed, losses: true, state,
      });
      assert.ok(r.parameters instanceof Float64Array);
      assert.equal(r.parameters.length, e.parameters.length);
      e.parameters.forEach((p, k) => assertClose(r.parameters[k], p, 1e-12, `${c.name} seed ${e.seed} θ${k}`));
      assertClose(r.E_train, e.E_train, 1e-12, `${c.name} E_train`);
      assertClose(r.E_test, e.E_test, 1e-12, `${c.name} E_test`);
      assert.equal(r.stopped_at, null);
      ({ network, state } = r);
    }
  }
});

test('an epoch on Float64Arrays gives the same bits as on rows; the losses only when asked', async () => {
  const core = await getCore();
  const c = fixture.cases[0];
  const spec = { network: c.network, optimizer: c.optimizer, batch_size: 10, seed: 1 };
  const rows = core.trainingEpoch({ ...spec, data: c.data, test: c.test, losses: true });
  const typed = core.trainingEpoch({
    ...spec,
    data: { inputs: flat(c.data.inputs), targets: flat(c.data.targets) },
    test: { inputs: flat(c.test.inputs), targets: flat(c.test.targets) },
    losses: true,
  });
  assert.deepEqual(typed.parameters, rows.parameters);
  assert.equal(typed.E_train, rows.E_train);
  assert.equal(typed.E_test, rows.E_test);
  const quiet = core.trainingEpoch({ ...spec, data: { inputs: flat(c.data.inputs), targets: flat(c.data.targets) } });
  assert.equal(quiet.E_train, null);
  assert.equal(quiet.E_test, null);
  assert.deepEqual(quiet.parameters, rows.parameters);
  assert.equal(quiet.updates, 25);
});

test('an epoch\'s errors name their field', async () => {
  const core = await getCore();
  const c = fixture.cases[0];
  const errorOf = (spec) => {
    try {
      core.trainingEpoch({ network: c.network, batch_size: 10, ...spec });
    } catch (e) {
      return e;
    }
    assert.fail('no error');
  };
  const inputs = flat(c.data.inputs);
  const e1 = errorOf({ data: { inputs: inputs.subarray(1), targets: flat(c.data.targets) } });
  assert.equal(e1.code, 'wrong_length');
  assert.equal(e1.field, 'data.inputs');
  const bad = Float64Array.from(inputs);
  bad[7] = NaN;
  const e2 = errorOf({ data: { inputs: bad, targets: flat(c.data.targets) } });
  assert.equal(e2.code, 'not_finite');
  assert.equal(e2.field, 'data.inputs[3][1]');
  const e3 = errorOf({ data: c.data, batch_size: 0 });
  assert.equal(e3.code, 'out_of_range');
  assert.equal(e3.field, 'batch_size');
  assert.equal(errorOf({}).field, 'data');
});

test('a network over a grid: every neuron\'s image, inputs first, each the forward pass\'s output', async () => {
  const core = await getCore();
  const network = fixture.cases[0].network;
  const [W, H] = [7, 5];
  const g = core.networkGrid({ network, domain: [-6, 6, -5, 5], width: W, height: H });
  assert.deepEqual(g.layers, [2, 4, 2, 1]);
  assert.equal(g.values.length, 9 * W * H);
  // The output neuron at every point is trainingRun's output there.
  const points = [];
  for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) points.push([-6 + (12 * i) / (W - 1), -5 + (10 * j) / (H - 1)]);
  for (let start = 0; start < points.length; start += 20) {
    const batch = points.slice(start, start + 20);
    const run = core.trainingRun({ network, data: { inputs: batch, targets: batch.map(() => [0]) }, iterations: 0 });
    run.outputs.forEach((out, n) => {
      const p = start + n;
      assert.equal(g.values[p], batch[n][0]);
      assert.equal(g.values[W * H + p], batch[n][1]);
      assert.equal(g.values[8 * W * H + p], out[0]);
    });
  }
});
