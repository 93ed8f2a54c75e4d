// Errors reach JS as Error objects with the core's message, code and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCore } from './support.mjs';

async function errorOf(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('no error was thrown');
}

test('a non-number in a weight', async () => {
  const core = await getCore();
  const config = core.classic();
  config.weights[1][0][0] = 'abc';
  const e = await errorOf(() => core.trace(config, {}));
  assert.ok(e instanceof Error);
  assert.equal(e.message, 'w5: "abc" is not a number');
  assert.equal(e.code, 'not_a_number');
  assert.equal(e.field, 'w5');
  assert.deepEqual(e.params, { value: 'abc' });
});

test('NaN, Infinity, an empty field, a wrong shape', async () => {
  const core = await getCore();
  const cases = [
    [(c) => (c.weights[0][1][0] = NaN), 'not_finite', 'w3'],
    [(c) => (c.inputs[1] = Infinity), 'not_finite', 'i2'],
    [(c) => (c.biases[0] = ''), 'empty', 'b1'],
    [(c) => (c.inputs = [0.05]), 'wrong_length', 'inputs'],
    [(c) => (c.layers = [2, 0, 2]), 'out_of_range', 'layers[1]'],
    [(c) => (c.learning_rate = -1), 'not_positive', 'learning_rate'],
    [(c) => (c.targets[0] = null), 'expected_number', 'target_o1'],
    [(c) => (c.activations = ['sigmoid', 'swish']), 'unknown_choice', 'activations[1]'],
    [(c) => (c.weights[1][0][0] = () => 1), 'expected_number', 'w5'],
    [(c) => (c.weights[1][0][0] = -Infinity), 'not_finite', 'w5'],
  ];
  for (const [edit, code, field] of cases) {
    const config = core.classic();
    edit(config);
    const e = await errorOf(() => core.trace(config, {}));
    assert.ok(e instanceof Error, `${code} is an Error`);
    assert.equal(e.code, code);
    assert.equal(e.field, field);
    assert.ok(e.message.length > 10);
  }
});

test('bad options and bad top-level values', async () => {
  const core = await getCore();
  assert.equal((await errorOf(() => core.trace(core.classic(), { digits: 40 }))).code, 'out_of_range');
  assert.equal((await errorOf(() => core.trace('config', {}))).code, 'expected_object');
  assert.equal((await errorOf(() => core.train(core.classic(), { iterations: -1 }))).code, 'out_of_range');
  const cyclic = core.classic();
  cyclic.self = cyclic;
  assert.ok((await errorOf(() => core.trace(cyclic, {}))) instanceof Error);
});

test('a learning rate that makes training diverge stops the run with its iteration', async () => {
  const core = await getCore();
  // One linear neuron, E = 1/2 w^2: w <- w - 10 w = -9 w, and w^2 overflows after about 160 steps.
  const config = {
    layers: [1, 1], activations: 'linear', inputs: [1], targets: [0], weights: [[[1]]], biases: [[0]],
    learning_rate: 10,
  };
  const result = core.train(config, { iterations: 1000 });
  assert.ok(result.diverged_at > 150 && result.diverged_at < 175, `diverged at ${result.diverged_at}`);
  assert.equal(result.iterations, result.diverged_at - 1);
  // The last state kept is finite, so it can be traced again.
  assert.ok(Number.isFinite(core.trace(result.final, {}).E_total));
});

test("the core's number reader, as the page's fields use it: every form the page prints", async () => {
  const core = await getCore();
  // U+2212, as the page prints negative numbers, in the mantissa and the exponent.
  assert.equal(core.number('−1', 'prediction'), -1);
  assert.equal(core.number(' −2.5e−3 ', 'x'), -0.0025);
  assert.equal(core.number('1e-7', 'x'), 1e-7);
  assert.equal(core.number('1.000e+6', 'x'), 1e6);
  assert.ok(Object.is(core.number('−0', 'x'), -0));
  assert.equal(core.number(0.1, 'x'), 0.1);
  for (const [text, code] of [
    ['1e999', 'not_finite'],
    ['NaN', 'not_finite'],
    ['abc', 'not_a_number'],
    ['0x10', 'not_a_number'],
    ['', 'empty'],
    ['<script>', 'not_a_number'],
    ['1'.repeat(10000), 'not_finite'],
  ]) {
    const e = await errorOf(() => core.number(text, 'beta'));
    assert.equal(e.code, code, text.slice(0, 20));
    assert.equal(e.field, 'beta');
  }
  // Not text nor a number.
  assert.equal((await errorOf(() => core.number(null, 'x'))).code, 'expected_number');
  assert.equal((await errorOf(() => core.number())).field, 'value');
});
