// The wasm module on the classic example: the published table, and the
// same values as the native build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, getCore, native, table, termValue } from './support.mjs';

test('every value of the table, to 1e-15 relative', async () => {
  const core = await getCore();
  const trace = core.trace(core.classic(), {});
  for (const [id, value] of Object.entries(table)) assertClose(termValue(trace, id), value, 1e-15, id);
});

test('per-neuron bias gradients and E_total after one update with biases trained', async () => {
  const core = await getCore();
  const pytorch = core.biasMode(core.classic(), { train_biases: true });
  const trace = core.trace(pytorch, {});
  assertClose(termValue(trace, 'dE_total/db_h1'), 0.00877135468948693, 1e-15);
  assertClose(termValue(trace, 'dE_total/db_h2'), 0.009954254705217196, 1e-15);
  assertClose(termValue(trace, 'dE_total/db_o1'), 0.13849856162855695, 1e-15);
  assertClose(termValue(trace, 'dE_total/db_o2'), -0.038098236516556236, 1e-15);
  assertClose(termValue(trace, 'E_total+'), 0.28047144679143016, 1e-15);
});

test('10,000 updates, biases frozen and trained', async () => {
  const core = await getCore();
  const frozen = core.train(core.classic(), { iterations: 10000 });
  assert.equal(frozen.iterations, 10000);
  assertClose(frozen.E_total.at(-1), 3.510187782978859e-5, 1e-15);
  assertClose(frozen.outputs[0], 0.01591362044355068, 1e-15);
  assertClose(frozen.outputs[1], 0.9840642735146238, 1e-15);
  const trained = core.train(core.biasMode(core.classic(), { train_biases: true }), { iterations: 10000 });
  // PyTorch's figure (tests/fixtures/classic_pytorch.json); the table's
  // 2.4475622359322466e-06 came from another multiplication order.
  assertClose(trained.E_total.at(-1), 2.4475622359322627e-6, 1e-15);
});

test('every term equals the native build to 1e-14 relative', async () => {
  const core = await getCore();
  for (const args of [[], ['--train-biases']]) {
    const expected = native(args);
    const config = args.length ? core.biasMode(core.classic(), { train_biases: true }) : core.classic();
    const actual = core.trace(config, {});
    assert.equal(actual.terms.length, expected.terms.length);
    actual.terms.forEach((term, i) => {
      assert.equal(term.id, expected.terms[i].id);
      assert.equal(term.numbers, expected.terms[i].numbers);
      assertClose(term.value, expected.terms[i].value, 1e-14, term.id);
    });
  }
  const trained = native(['--iterations', '10000']);
  assertClose(core.train(core.classic(), { iterations: 10000 }).E_total.at(-1), trained.E_total.at(-1), 1e-14);
});

test('the trace is plain data with the documented fields', async () => {
  const core = await getCore();
  const trace = core.trace(core.classic(), {});
  assert.deepEqual(trace.phases, ['forward', 'error', 'output', 'hidden', 'bias', 'update']);
  const w5 = trace.terms.find((t) => t.id === 'dE_total/dw5');
  assert.deepEqual(Object.keys(w5).sort(), [
    'deps', 'edges', 'explain', 'formula', 'id', 'kind', 'nodes', 'notes', 'numbers', 'param', 'phase', 'symbol', 'value',
    'value_text',
  ]);
  assert.equal(w5.numbers, '0.74136507 \\cdot 0.186815602 \\cdot 0.593269992');
  // The value as the page shows it: what Number(x.toPrecision(9)).toString() gives.
  for (const t of trace.terms) assert.equal(t.value_text, Number(t.value.toPrecision(9)).toString(), t.id);
  assert.deepEqual(trace.network.weights.map((w) => w.id), ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8']);
  assert.deepEqual(trace.next.weights[1][0][0], termValue(trace, 'w5+'));
});
