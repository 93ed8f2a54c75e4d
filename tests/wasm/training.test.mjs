// The training loop in the wasm module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertClose, getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/optimizers_pytorch.json', import.meta.url), 'utf8'));

test('the defaults reproduce the 10,000-iteration figures', async () => {
  const core = await getCore();
  const r = core.trainingRun({ network: core.classic(), iterations: 10000 });
  assert.equal(r.E_total.length, 10001);
  assertClose(r.E_total.at(-1), 3.510187782978859e-5, 1e-12);
  assertClose(r.outputs[0][0], 0.01591362044355068, 1e-12);
  assertClose(r.outputs[0][1], 0.9840642735146238, 1e-12);
});

test('Adam and RMSprop on the classic network match PyTorch over 1,000 iterations', async () => {
  const core = await getCore();
  for (const config of ['adam', 'rmsprop']) {
    const run = fixture.network[config];
    const r = core.trainingRun({ network: core.classic(), optimizer: run.optimizer, iterations: 1000 });
    run.E_total.forEach((e, t) => assertClose(r.E_total[t], e, 1e-10, `${config} at ${t}`));
  }
});

test('chunks resumed from the returned state equal one run, bit for bit', async () => {
  const core = await getCore();
  const optimizer = { kind: 'adam', lr: 0.01 };
  const whole = core.trainingRun({ network: core.classic(), optimizer, zero_grad: false, iterations: 900 });
  let spec = { network: core.classic(), optimizer, zero_grad: false, state: null };
  const E = [];
  for (let chunk = 0; chunk < 3; chunk++) {
    const r = core.trainingRun({ ...spec, iterations: 300 });
    E.push(...Array.from(r.E_total).slice(chunk ? 1 : 0));
    spec = { ...spec, network: r.network, state: r.state };
  }
  assert.deepEqual(E, Array.from(whole.E_total));
});

test('one iteration in phases: zero_grad, forward, loss, backward, step', async () => {
  const core = await getCore();
  const it = core.trainingIteration({ network: core.classic() });
  assert.deepEqual(it.parameters.names, ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8']);
  assert.deepEqual(it.parameters.terms.at(4), 'dE_total/dw5');
  assert.deepEqual(Array.from(it.grad_zeroed), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(it.grad_after[4], 0.08216704056423077);
  assert.equal(it.E_total, 0.2983711087600027);
  assert.equal(it.forward[0][1].out[0], 0.5932699921071872);
  assertClose(it.theta_after[4], 0.35891647971788465, 1e-15);
  const next = core.trainingIteration({ network: it.network, state: it.state, zero_grad: false });
  // Without zero_grad, .grad is the sum of both iterations' gradients.
  for (let k = 0; k < 8; k++) assertClose(next.grad_after[k], it.grad_after[k] + next.grad_batch[k], 1e-15);
});

test('pasted data: rows, and errors that name the line', async () => {
  const core = await getCore();
  const d = core.csv({ text: 'x1,x2,t1,t2\n0.05,0.1,0.01,0.99\n1 2 0.5 0.5\n', inputs: 2, targets: 2 });
  assert.deepEqual(d.inputs, [[0.05, 0.1], [1, 2]]);
  try {
    core.csv({ text: '1,2,3,4\n1,2,3\n', inputs: 2, targets: 2 });
    assert.fail('no error');
  } catch (e) {
    assert.equal(e.code, 'csv_columns');
    assert.equal(e.params.line, '2');
  }
});

test('the exported script is the one the native CLI writes', async () => {
  const core = await getCore();
  const cli = fileURLToPath(new URL('../../build/native/backprop', import.meta.url));
  const native = execFileSync(cli, ['--export-pytorch', '--iterations', '10000'], { encoding: 'utf8' });
  const ours = core.exportPytorch({ network: core.classic(), iterations: 10000 }).script;
  assert.equal(ours, native);
  assert.match(ours, /optimizer\.zero_grad\(\)/);
  assert.match(ours, /torch\.optim\.SGD\(params, lr=0\.5\)/);
  const forget = core.exportPytorch({ network: core.classic(), zero_grad: false, iterations: 100 }).script;
  assert.doesNotMatch(forget, /^\s+optimizer\.zero_grad\(\)/m);
});

test('a network of any shape, from a seed, the same natively and in wasm', async () => {
  const core = await getCore();
  const n = core.newNetwork({ layers: [2, 3, 1], activations: ['tanh', 'sigmoid'], seed: 7 });
  assert.deepEqual(n.weights[0][0], [-0.15580426399512015, -0.6833645473757151]);
  assert.throws(() => core.newNetwork({ layers: [2, 3], activations: ['swish'] }), (e) => e.code === 'unknown_choice');
});

test('check: true validates the run and trains nothing', async () => {
  const core = await getCore();
  const spec = { network: core.classic(), optimizer: { kind: 'sgd', lr: 0.5 } };
  assert.deepEqual(core.trainingRun({ ...spec, iterations: '1000000', check: true }), { iterations: 1000000 });
  assert.throws(() => core.trainingRun({ ...spec, iterations: '1000001', check: true }), (e) => e.field === 'iterations');
  assert.throws(() => core.trainingRun({ ...spec, iterations: 'ten', check: true }), (e) => e.field === 'iterations');
  assert.throws(
    () => core.trainingRun({ ...spec, optimizer: { kind: 'adam', lr: 0.1, beta1: 1.5 }, iterations: 1, check: true }),
    (e) => e.field === 'optimizer.beta1',
  );
});
