// The loss explorer's calls in the wasm module: PyTorch's values and
// gradients (tests/fixtures/losses_pytorch.json), the curves, the line fits
// and the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/losses_pytorch.json', import.meta.url), 'utf8'));

function close(actual, expected, message) {
  const ok = Math.abs(actual - expected) <= Math.max(1e-12 * Math.abs(expected), 1e-300);
  assert.ok(ok, `${message}: ${actual} vs ${expected}`);
}

test('every fixture case matches PyTorch to 1e-12 through the wasm API', async () => {
  const core = await getCore();
  for (const c of fixture.cases) {
    const spec = { kind: c.kind, input: c.input, target: c.target, reduction: c.reduction };
    if ('beta' in c) spec.beta = c.beta;
    if ('delta' in c) spec.delta = c.delta;
    if ('label_smoothing' in c) spec.label_smoothing = c.label_smoothing;
    const r = core.loss(spec);
    const label = `${c.kind} ${c.reduction} ${JSON.stringify(c.input).slice(0, 40)}`;
    close(r.value, c.value, label);
    const got = r.grad.flat();
    const want = c.grad.flat();
    assert.equal(got.length, want.length);
    got.forEach((g, i) => close(g, want[i], `${label} grad ${i}`));
  }
});

test('a curve agrees with single evaluations', async () => {
  const core = await getCore();
  const curve = core.lossCurve({ kind: 'smooth_l1', target: 0.5, from: -2, to: 3, points: 11, beta: 0.7 });
  assert.equal(curve.x.length, 11);
  curve.x.forEach((x, i) => {
    const single = core.loss({ kind: 'smooth_l1', input: [x], target: [0.5], beta: 0.7 });
    assert.equal(curve.loss[i], single.value);
    assert.equal(curve.grad[i], single.grad[0]);
  });
  const ce = core.lossCurve({ kind: 'ce', target: 1, from: -1, to: 1, points: 3, logits: [0, 0.5, 2], vary: 2 });
  const at = core.loss({ kind: 'ce', input: [[0, 0.5, 1]], target: [1] });
  close(ce.loss[2], at.value, 'ce curve');
  close(ce.grad[2], at.grad[0][2], 'ce curve gradient');
});

test('the logits form stays exact where the probability form saturates', async () => {
  const core = await getCore();
  const r = core.bceStability({ logit: 40, target: 0 });
  assert.equal(r.probability, 1);
  assert.equal(r.on_probability, 100);
  assert.equal(r.on_logit, 40);
});

test('the outlier pulls the MSE line more than the MAE line', async () => {
  const core = await getCore();
  const points = [-1, -0.5, 0, 0.5, 1].map((x) => [x, 0.6 * x + 0.2]);
  const fit = (outlier) =>
    Object.fromEntries(
      core.fitLines({ points: [...points, outlier], steps: 500, learning_rate: 0.1, beta: 0.25 }).fits.map((f) => [f.loss, f.a.at(-1)]),
    );
  const near = fit([0.8, 0.68]);
  const far = fit([0.8, -1.6]);
  const moved = (loss) => Math.abs(far[loss] - near[loss]);
  assert.ok(moved('mse') > 2 * moved('mae'), `MSE moved ${moved('mse')}, MAE ${moved('mae')}`);
  assert.ok(moved('mse') > moved('smooth_l1'));
});

test('each fit says how far above its lowest loss it is: MSE settles, MAE keeps bouncing', async () => {
  const core = await getCore();
  const points = [-1, -0.5, 0, 0.5, 1].map((x, i) => [x, 0.6 * x + 0.2 + [0.04, -0.03, 0.05, -0.02, 0.01][i]]);
  const { fits } = core.fitLines({ points: [...points, [0.8, -1.6]], steps: 500, learning_rate: 0.1, beta: 0.25 });
  for (const f of fits) {
    assert.ok(f.above_lowest instanceof Float64Array);
    assert.equal(f.above_lowest.length, f.E.length);
    const lowest = Math.min(...f.E);
    f.E.forEach((e, i) => assert.equal(f.above_lowest[i], e - lowest));
    const late = Math.max(...f.above_lowest.slice(-100));
    if (f.loss === 'mae') assert.ok(late > 1e-4, `MAE still bounces ${late} above its lowest`);
    else assert.ok(late < 1e-12, `${f.loss} settled to ${late}`);
  }
});

test('bad explorer input gets a clear error', async () => {
  const core = await getCore();
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      return [e.code, e.field];
    }
    return null;
  };
  assert.deepEqual(code(() => core.loss({ kind: 'bce', input: [1.2], target: [1] })), ['out_of_range', 'input[0]']);
  assert.deepEqual(code(() => core.loss({ kind: 'ce', input: [[1, 2]], target: [2] })), ['out_of_range', 'target[0]']);
  assert.deepEqual(code(() => core.loss({ kind: 'mse', input: [1, 2], target: [1] })), ['wrong_length', 'target']);
  assert.deepEqual(code(() => core.loss({ kind: 'smooth_l1', input: [1], target: [1], beta: -1 })), ['negative', 'beta']);
  assert.deepEqual(code(() => core.loss({ kind: 'mse', input: [NaN], target: [1] })), ['not_finite', 'input[0]']);
  assert.deepEqual(code(() => core.lossCurve({ kind: 'mse', target: 'x', from: 0, to: 1, points: 3 })), ['not_a_number', 'target']);
  assert.deepEqual(code(() => core.fitLines({ points: [[0, 0], [1, 1]], steps: 2.5 })), ['expected_integer', 'steps']);
});
