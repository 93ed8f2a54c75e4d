// What the demos' texts say, through the wasm API the page calls: the narrow
// valley, the local minimum, forgetting zero_grad(), the gradient check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, getCore } from './support.mjs';

async function preset(name) {
  const core = await getCore();
  const p = core.surfaces().find((s) => s.name === name);
  assert.ok(p, name);
  return p;
}

const forms = {
  sgd: { kind: 'sgd' },
  momentum: { kind: 'momentum', form: 'ewa', beta: 0.9 },
  momentum_pytorch: { kind: 'momentum', form: 'pytorch', momentum: 0.9 },
  adagrad: { kind: 'adagrad', eps: 1e-10 },
  rmsprop: { kind: 'rmsprop' },
  adam: { kind: 'adam' },
};

async function race(p, id, lr, steps = 1000) {
  const core = await getCore();
  return core.race({ surface: { preset: p.name }, start: p.start, steps, optimizers: [{ id, ...forms[id], lr }] }).runs[0];
}

test('every surface has a rate for each of the six racers', async () => {
  const core = await getCore();
  for (const p of core.surfaces()) assert.deepEqual(Object.keys(p.rates), Object.keys(forms), p.name);
});

test('narrow valley at eta 0.35: f after 30 steps 0.119 (SGD), 0.251 (lesson), 0.018 (PyTorch); both forms ahead from step 46 and 38', async () => {
  const p = await preset('ill_conditioned');
  for (const id of ['sgd', 'momentum', 'momentum_pytorch']) assert.equal(p.rates[id], 0.35, id);
  const sgd = await race(p, 'sgd', 0.35);
  const lesson = await race(p, 'momentum', 0.35);
  const pytorch = await race(p, 'momentum_pytorch', 0.35);
  assertClose(sgd.loss[30], 0.11940819197279004, 1e-9);
  assertClose(lesson.loss[30], 0.25139129834192214, 1e-9);
  assertClose(pytorch.loss[30], 0.017756677559302186, 1e-9);
  const core = await getCore();
  assert.equal(core.compareRuns({ a: pytorch.loss, b: sgd.loss }).a_below_from, 38);
  assert.equal(core.compareRuns({ a: lesson.loss, b: sgd.loss }).a_below_from, 46);
  // The lesson's first step along the valley is a tenth of SGD's; PyTorch's overshoots to x = 1.84.
  assertClose(lesson.x[1] - lesson.x[0], 0.1 * (sgd.x[1] - sgd.x[0]), 1e-9);
  assertClose(Math.max(...pytorch.x), 1.84, 1e-3);
});

test('local minimum: at eta 0.05 SGD ends on the right, Momentum on the left; at 0.02 Momentum stays, at 0.1 SGD jumps', async () => {
  const p = await preset('local_minimum');
  const right = 0.9601495555191054;
  const left = -1.035578714088854;
  assert.equal(p.rates.sgd, 0.05);
  assert.equal(p.rates.momentum, 0.05);
  assertClose((await race(p, 'sgd', 0.05)).x.at(-1), right, 1e-9);
  assertClose((await race(p, 'momentum', 0.05)).x.at(-1), left, 1e-9);
  for (const id of ['adagrad', 'rmsprop', 'adam']) assertClose((await race(p, id, p.rates[id])).x.at(-1), right, 1e-9, id);
  assertClose((await race(p, 'momentum', 0.02)).x.at(-1), right, 1e-9);
  const big = await race(p, 'sgd', 0.1);
  assertClose(big.x[0] - big.x[1], 2.43, 1e-9);
  assertClose(big.x.at(-1), left, 1e-9);
  // The stars: where f'(x) = 4x(x^2 - 1) + 0.3 vanishes, to 4 decimals.
  assert.deepEqual(p.minima, [[-1.0356, 0], [0.9601, 0]]);
});

test('without zero_grad: stuck at E = 1e-4 after 261 iterations, outputs 0 and 1; the correct run below it after 5,493', async () => {
  const core = await getCore();
  const good = core.trainingRun({ network: core.classic(), iterations: 10000 });
  const bad = core.trainingRun({ network: core.classic(), zero_grad: false, iterations: 10000 });
  assertClose(bad.E_total[10], 0.022341010740906372, 1e-9);
  assertClose(good.E_total[10], 0.22091859205390404, 1e-9);
  assertClose(bad.E_total.at(-1), 1e-4, 1e-12);
  assert.deepEqual(Array.from(bad.outputs[0]), [0, 1]);
  const c = core.compareRuns({ a: good.E_total, b: bad.E_total });
  assert.deepEqual(c, { a_below_from: 5493, b_below_from: null, a_constant_from: null, b_constant_from: 261 });
});

test('the gradient check reports its largest relative difference, 1.6e-7 for w3 on the classic network', async () => {
  const core = await getCore();
  const r = core.gradientCheck({ network: core.classic() });
  assert.equal(r.max_relative, Math.max(...r.parameters.map((p) => p.relative)));
  assert.equal(r.max_relative_parameter, 'w3');
  assertClose(r.max_relative, 1.61e-7, 1e-2);
});

test('compareRuns takes losses as a run returns them, a diverged one included', async () => {
  const core = await getCore();
  assert.deepEqual(core.compareRuns({ a: [3, 2, 1], b: [1, 2, Infinity] }), { a_below_from: 2, b_below_from: null, a_constant_from: null, b_constant_from: null });
  assert.deepEqual(core.compareRuns({ a: [3, 1, 1, 1], b: [2, 2] }), { a_below_from: 1, b_below_from: null, a_constant_from: 1, b_constant_from: 0 });
  assert.throws(() => core.compareRuns({ a: [1, 'x'], b: [] }), (e) => e.code === 'expected_number' && e.field === 'a[1]');
});
