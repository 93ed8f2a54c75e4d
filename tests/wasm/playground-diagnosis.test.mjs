// "Why did it blow up?" in the wasm module: a line fitted by MSE, whose
// Hessian is known, and a learning rate past its stable limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClose, getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/playground_diagnosis_pytorch.json', import.meta.url), 'utf8'));

// out = w x + b over x = 1, 2, 3 (targets 1, 0, 2) at w = 0.5, b = 0.1:
// the Hessian (2/3) [[14, 6], [6, 3]], the gradient (0.4, 0.2).
const line = (lr) => ({
  network: {
    layers: [1, 1], activations: ['linear'], inputs: [0], targets: [0], weights: [[[0.5]]], biases: [[0.1]],
    shared_bias: false, train_biases: true, learning_rate: 0.1, loss: 'mse',
  },
  data: { inputs: [[1], [2], [3]], targets: [[1], [0], [2]] },
  optimizer: { kind: 'sgd', lr },
});

test('the curvature along the step and the largest are the Hessian\'s', async () => {
  const core = await getCore();
  const d = core.trainingDiagnosis(line(0.1));
  const lambda = (17 + Math.sqrt(265)) / 3;
  assertClose(d.largest_curvature, lambda, 1e-8, 'λ_max');
  assertClose(d.stable_lr, 2 / lambda, 1e-8, '2 / λ_max');
  assertClose(d.curvature_along_step, (2 / 3) * 16.6, 1e-8, 'λ along −g');
  assertClose(d.overshoot, (0.1 * (2 / 3) * 16.6) / 2, 1e-8, 'overshoot');
  assertClose(d.gradient_norm, Math.sqrt(0.2), 1e-14, '‖g‖');
  assertClose(d.momentum_factor, 1, 1e-14, 'momentum factor');
  assert.equal(d.saturated_share, null);
});

test('a learning rate past 2 / λ_max overshoots and each epoch raises the loss', async () => {
  const core = await getCore();
  const spec = line(0.25);
  const d = core.trainingDiagnosis(spec);
  assert.ok(d.overshoot > 1);
  assert.ok(d.stable_lr < 0.25);
  let E = d.E;
  let { network } = spec;
  let state = null;
  for (let epoch = 0; epoch < 5; epoch++) {
    const r = core.trainingEpoch({ ...spec, network, state, batch_size: 3, losses: true });
    assert.ok(r.E_train > E);
    E = r.E_train;
    ({ network, state } = r);
  }
  assert.throws(() => core.trainingDiagnosis({ ...spec, l1: -1 }), { code: 'negative', field: 'l1' });
});

test('the estimates against PyTorch\'s exact Hessian on random networks, with L1 and L2', async () => {
  const core = await getCore();
  for (const c of fixture.cases) {
    const d = core.trainingDiagnosis({ network: c.network, data: c.data, l1: c.l1, l2: c.l2, optimizer: { kind: 'sgd', lr: 0.1 } });
    const name = c.network.activations.join(' ');
    assertClose(d.E, c.E, 1e-12, `${name} E`);
    assertClose(d.gradient_norm, c.gradient_norm, 1e-12, `${name} ‖g‖`);
    assertClose(d.curvature_along_step, c.curvature_along_step, 1e-6, `${name} dᵀHd`);
    assertClose(d.largest_curvature, c.largest_curvature, 1e-5, `${name} λ_max`);
    assert.equal(d.saturated, c.saturated);
    assert.equal(d.saturated_of, c.saturated_of);
  }
});
