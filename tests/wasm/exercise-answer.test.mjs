// A tutorial's exercise through the module the page uses: the values the
// core computes from a widget's state against the PyTorch fixtures, the
// verdicts, and the spec's errors with code and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClose, getCore } from './support.mjs';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const saddle = (x, y) => x * x + y ** 4 / 4 - y * y / 2;

function race(steps) {
  return {
    surface: { preset: 'saddle' },
    start: [-2, 1e-5],
    steps,
    optimizers: [
      { id: 'sgd', kind: 'sgd', lr: 0.05 },
      { id: 'adam', kind: 'adam', lr: 0.01 },
    ],
  };
}

test('a term, a loss and a position equal the fixtures; verdicts as in the native tests', async () => {
  const core = await getCore();
  const term = { config: core.classic(), term: 'dE_total/dw5' };
  const shown = core.exerciseAnswer({ compute: term });
  assert.equal(shown.kind, 'number');
  assertClose(shown.value, 0.082167041, 1e-8, 'Mazur');
  assert.equal(core.exerciseAnswer({ compute: term, answer: '0.0822' }).verdict, 'right');
  const sign = core.exerciseAnswer({ compute: term, answer: '−0.0822' });
  assert.deepEqual([sign.verdict, sign.mistake, sign.value], ['mistake', 'sign_dE_dout', null]);
  assert.equal(core.exerciseAnswer({ compute: term, answer: '0.0830', tolerance: 0.02 }).verdict, 'right');

  const losses = fixture('losses_pytorch.json').cases;
  for (const { value, grad, ...spec } of losses.slice(0, 12)) {
    assertClose(core.exerciseAnswer({ compute: { loss: spec } }).value, value, 1e-12, JSON.stringify(spec));
  }

  const runs = fixture('optimizers_pytorch.json').surfaces.saddle.runs;
  for (const id of ['sgd', 'adam']) {
    const { x, y } = runs[id];
    for (const [at, expected] of [['x', x[50]], ['y', y[50]], ['loss', saddle(x[50], y[50])]]) {
      assertClose(core.exerciseAnswer({ compute: { race: race(50), optimizer: id, at } }).value, expected, 1e-12, `${id} ${at}`);
    }
  }
});

test('a choice: the optimizer the race in the core names, checked', async () => {
  const core = await getCore();
  const { sgd, adam } = fixture('optimizers_pytorch.json').surfaces.saddle.runs;
  const first = (r) => r.x.findIndex((x, k) => saddle(x, r.y[k]) < -0.2);
  const earliest = first(sgd) < first(adam) ? 'sgd' : 'adam';
  const compute = { race: race(300), choose: 'first_below', below: -0.2 };
  const shown = core.exerciseAnswer({ compute });
  assert.deepEqual([shown.kind, shown.options, shown.value], ['choice', ['sgd', 'adam'], [earliest]]);
  assert.equal(core.exerciseAnswer({ compute, answer: earliest }).verdict, 'right');
  assert.equal(core.exerciseAnswer({ compute, answer: earliest === 'sgd' ? 'adam' : 'sgd' }).verdict, 'wrong');
  assert.equal(core.exerciseAnswer({ compute: { ...compute, below: -10 } }).value, null);
});

test('errors name their code and field', async () => {
  const core = await getCore();
  const error = (spec) => {
    try {
      core.exerciseAnswer(spec);
    } catch (e) {
      return `${e.code} ${e.field}`;
    }
    return 'no error';
  };
  assert.equal(error({}), 'missing compute');
  assert.equal(error({ compute: { config: core.classic(), term: 'dE_total/dw9' } }), 'unknown_choice term');
  assert.equal(error({ compute: { race: race(5), choose: 'lowest' }, answer: 'lbfgs' }), 'unknown_choice answer');
  assert.equal(error({ compute: { race: race(5), optimizer: 'sgd', at: 'z' } }), 'unknown_choice compute.at');
  assert.equal(error({ compute: { loss: { kind: 'mse', input: [1], target: [0] } }, tolerance: 0 }), 'out_of_range tolerance');
});
