// The playground's regularized epoch in the wasm module: L1 and L2 on the
// weights, for every activation and loss, against PyTorch
// (tests/fixtures/playground_pytorch.json) to 1e-12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClose, getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/playground_pytorch.json', import.meta.url), 'utf8'));

test('regularized epochs equal PyTorch\'s in float64: parameters, data losses and penalty after each', async () => {
  const core = await getCore();
  const activations = new Set();
  const losses = new Set();
  for (const c of fixture.cases) {
    let network = c.network;
    let state = null;
    for (const e of c.epochs) {
      const r = core.trainingEpoch({
        network, optimizer: c.optimizer, data: c.data, test: c.test, batch_size: c.batch_size, seed: e.seed,
        losses: true, l1: c.l1, l2: c.l2, state,
      });
      assert.equal(r.parameters.length, e.parameters.length);
      e.parameters.forEach((p, k) => assertClose(r.parameters[k], p, 1e-12, `${c.name} seed ${e.seed} θ${k}`));
      assertClose(r.E_train, e.E_train, 1e-12, `${c.name} E_train`);
      assertClose(r.E_test, e.E_test, 1e-12, `${c.name} E_test`);
      assertClose(r.penalty, e.penalty, 1e-12, `${c.name} penalty`);
      assert.equal(r.stopped_at, null);
      ({ network, state } = r);
    }
    c.network.activations.forEach((a) => activations.add(a));
    losses.add(c.network.loss);
  }
  // Every activation of the core (softmax as the output of cross-entropy), every loss of the network.
  assert.deepEqual([...activations].sort(), core.activations().map((a) => a.name).sort());
  assert.deepEqual([...losses].sort(), core.losses().map((l) => l.name).sort());
});

test('l1 and l2 are refused when negative or not numbers, and 0 changes nothing', async () => {
  const core = await getCore();
  const c = fixture.cases[0];
  const spec = { network: c.network, optimizer: c.optimizer, data: c.data, batch_size: 8, seed: 1, losses: true };
  assert.throws(() => core.trainingEpoch({ ...spec, l2: -1 }), { code: 'negative', field: 'l2' });
  assert.throws(() => core.trainingEpoch({ ...spec, l1: 'a' }), { field: 'l1' });
  const plain = core.trainingEpoch(spec);
  const zero = core.trainingEpoch({ ...spec, l1: 0, l2: 0 });
  assert.deepEqual(zero.parameters, plain.parameters);
  assert.equal(plain.penalty, 0);
  assert.equal(core.trainingEpoch({ ...spec, losses: false }).penalty, null);
});
