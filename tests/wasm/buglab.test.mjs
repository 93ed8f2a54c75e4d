// The bug lab in the wasm module: the loop's mistakes as PyTorch computes
// them (tests/fixtures/buglab_pytorch.py), and the same bits as natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClose, getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/buglab_pytorch.json', import.meta.url), 'utf8'));

function closeAll(actual, expected, what) {
  assert.equal(actual.length, expected.length, what);
  expected.forEach((e, k) => assert.ok(Math.abs(actual[k] - e) <= Math.max(1e-12 * Math.abs(e), 1e-15), `${what}[${k}]: ${actual[k]} against PyTorch's ${e}`));
}

test('backward twice with retain_graph, Adam on the seeded network, iteration by iteration', async () => {
  const core = await getCore();
  const net = fixture.networks.seeded;
  const run = net.runs['adam/backward_twice'];
  let spec = { network: net.network, data: net.data, optimizer: run.optimizer, bug: 'backward_twice', retain_graph: true, state: null };
  run.iterations.forEach((expected, k) => {
    const it = core.trainingIteration(spec);
    assert.equal(it.error, null);
    assertClose(it.E_total, expected.E, 1e-12, `E in iteration ${k + 1}`);
    closeAll(it.grad_end, expected.grad, `.grad in iteration ${k + 1}`);
    closeAll(it.theta_after, expected.parameters, `parameters after iteration ${k + 1}`);
    spec = { ...spec, network: it.network, state: it.state };
  });
  // The same four iterations at once; tests/native/test_buglab.cpp expects these same bits.
  const r = core.trainingRun({ ...spec, network: net.network, state: null, iterations: 4 });
  assertClose(r.E_total[4], run.E_after, 1e-12, 'E after 4 iterations');
  assert.equal(r.E_total[4], 0.097085042582142636);
});

test('PyTorch\'s RuntimeErrors: the second backward, and backward after an in-place step', async () => {
  const core = await getCore();
  const twice = core.trainingRun({ network: core.classic(), bug: 'backward_twice', iterations: 50 });
  assert.equal(twice.E_total.length, 1);
  assert.equal(twice.error.line, 'backward_again');
  assert.equal(twice.error.message, fixture.networks.classic.runs['sgd/backward_twice_no_retain'].error.message);
  const step = core.trainingRun({ network: core.classic(), bug: 'step_before_backward', iterations: 50 });
  assert.equal(step.error.iteration, 2);
  assert.equal(step.error.message, fixture.networks.classic.runs['sgd/step_before_backward'].error.message);
  // The listing, as the page shows it before any iteration.
  const { lines } = core.trainingRun({ network: core.classic(), bug: 'zero_grad_before_step', iterations: 0 });
  assert.deepEqual(lines.map((l) => l.line), ['forward', 'loss', 'backward', 'zero_grad', 'step']);
  assert.deepEqual(lines.map((l) => l.changed), [false, false, false, true, false]);
});

test('an unknown bug is an unknown choice, listing the bugs', async () => {
  const core = await getCore();
  assert.throws(() => core.trainingRun({ network: core.classic(), bug: 'typo', iterations: 1 }), (e) => e.code === 'unknown_choice' && e.field === 'bug');
});
