// The optimizer race in the wasm module: torch.optim's trajectories
// (tests/fixtures/optimizers_pytorch.json), the zero-copy grid, and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/optimizers_pytorch.json', import.meta.url), 'utf8'));

test('every surface trajectory matches torch.optim through the wasm API', async () => {
  const core = await getCore();
  let runs = 0;
  for (const [surface, data] of Object.entries(fixture.surfaces)) {
    for (const [config, run] of Object.entries(data.runs)) {
      const r = core.race({ surface: { preset: surface }, start: data.start, steps: fixture.steps, optimizers: [{ id: config, ...run.optimizer }] }).runs[0];
      assert.equal(r.x.length, run.x.length);
      let worst = 0;
      for (let t = 0; t < run.x.length; t++) {
        const err = Math.hypot(r.x[t] - run.x[t], r.y[t] - run.y[t]) / Math.hypot(run.x[t], run.y[t]);
        worst = Math.max(worst, err);
      }
      assert.ok(worst <= 1e-12, `${surface} / ${config}: ${worst}`);
      runs++;
    }
  }
  assert.equal(runs, 41);
});

test('the grid arrives as a Float64Array of its own, with the surface values', async () => {
  const core = await getCore();
  const g = core.grid({ surface: { preset: 'rosenbrock' }, domain: [-2, 2, -1, 3], width: 5, height: 3 });
  assert.ok(g.values instanceof Float64Array);
  assert.notEqual(g.values.buffer, core.HEAP8.buffer, 'not a view over the wasm memory');
  assert.equal(g.values.length, 15);
  // Row j, column i: f(x0 + i (x1 - x0) / 4, y0 + j (y1 - y0) / 2), read after further calls.
  const at = (i, j) => core.evaluateSurface({ surface: { preset: 'rosenbrock' }, point: [-2 + i, -1 + 2 * j] }).value;
  const copy = g.values;
  for (let j = 0; j < 3; j++) for (let i = 0; i < 5; i++) assert.equal(copy[j * 5 + i], at(i, j));
  assert.equal(g.min, Math.min(...copy));
  assert.equal(g.max, Math.max(...copy));
});

test('a typed function: exact gradient, and errors with their position', async () => {
  const core = await getCore();
  const e = core.evaluateSurface({ surface: { expression: 'x^2*y + sin(y)' }, point: [1.5, 0.5] });
  assert.equal(e.value, 1.5 ** 2 * 0.5 + Math.sin(0.5));
  assert.ok(Math.abs(e.gradient[0] - 2 * 1.5 * 0.5) < 1e-15);
  assert.ok(Math.abs(e.gradient[1] - (1.5 ** 2 + Math.cos(0.5))) < 1e-15);
  assert.equal(core.expression({ text: '(1 - x)^2' }).tex, '\\left(1 - x\\right)^{2}');
  for (const [text, code, position] of [['2x', 'expr_expected_operator', '2'], ['sin(x', 'expr_unclosed', '4'], ['x + q', 'expr_unknown_name', '5']]) {
    try {
      core.expression({ text });
      assert.fail(`no error for ${text}`);
    } catch (err) {
      assert.equal(err.code, code);
      assert.equal(err.params.position, position);
      assert.equal(err.field, 'expression');
    }
  }
});

test('a learning rate too large: the run stops and says why', async () => {
  const core = await getCore();
  const r = core.race({ surface: { preset: 'ill_conditioned' }, start: [-4.5, 1], steps: 1000, optimizers: [{ id: 'sgd', kind: 'sgd', lr: 1.5 }] }).runs[0];
  assert.equal(r.reason, 'diverged');
  assert.ok(r.stopped_at > 100 && r.stopped_at < 400);
  assert.equal(r.x.length, r.stopped_at);
  const undefinedStart = core.race({ surface: { expression: 'log(x)' }, start: [-1, 0], steps: 5, optimizers: [{ id: 'adam', kind: 'adam' }] }).runs[0];
  // A start where f is not finite has its own reason (it was 'undefined' before the one divergence rule).
  assert.equal(undefinedStart.reason, 'start');
  assert.equal(undefinedStart.stopped_at, 0);
  // f NaN where a step lands: log(x) after x turns negative.
  const outside = core.race({ surface: { expression: 'log(x) + y^2' }, start: [1, 1], steps: 100, optimizers: [{ id: 'sgd', kind: 'sgd', lr: 2 }] }).runs[0];
  assert.deepEqual([outside.reason, outside.stopped_at], ['undefined', 1]);
});

test('one step in detail: Adam shows m_hat and v_hat, and they follow their formulas', async () => {
  const core = await getCore();
  const d = core.optimizerStep({ surface: { preset: 'saddle' }, start: [-2, 0.5], optimizer: { kind: 'adam', lr: 0.05 }, step: 3 });
  assert.equal(d.step, 3);
  for (let i = 0; i < 2; i++) {
    assert.ok(Math.abs(d.after.m_hat[i] - d.after.m[i] / (1 - 0.9 ** 3)) <= 1e-15 * Math.abs(d.after.m_hat[i]));
    assert.ok(Math.abs(d.after.v_hat[i] - d.after.v[i] / (1 - 0.999 ** 3)) <= 1e-15 * Math.abs(d.after.v_hat[i]));
  }
  assert.ok(d.tex.some((l) => l.formula.includes('\\hat{m}_t')));
  assert.ok(d.tex.some((l) => l.formula.includes('\\hat{v}_t')));
  const without = core.optimizerStep({ surface: { preset: 'saddle' }, start: [-2, 0.5], optimizer: { kind: 'adam', lr: 0.05, bias_correction: false }, step: 1 });
  assert.deepEqual(without.after.m_hat, without.after.m);
});

test('bad hyperparameters name the optimizer and the setting', async () => {
  const core = await getCore();
  const cases = [
    [{ id: 'adam', kind: 'adam', lr: -1 }, 'not_positive', 'adam.lr'],
    [{ id: 'adam', kind: 'adam', beta1: 1 }, 'out_of_range_open', 'adam.beta1'],
    [{ id: 'adagrad', kind: 'adagrad', eps: 0 }, 'not_positive', 'adagrad.eps'],
    [{ id: 'momentum', kind: 'momentum', form: 'pytorch', nesterov: true, momentum: 0 }, 'nesterov_needs_momentum', 'momentum.nesterov'],
  ];
  for (const [optimizer, code, field] of cases) {
    try {
      core.race({ surface: { preset: 'saddle' }, start: [0, 1], steps: 3, optimizers: [optimizer] });
      assert.fail('no error');
    } catch (e) {
      assert.equal(e.code, code);
      assert.equal(e.field, field);
    }
  }
});
