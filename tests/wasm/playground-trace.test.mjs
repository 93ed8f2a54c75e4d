// The playground's chain rule for any weight in the wasm module: the trace of
// one example on a random three-layer network, for every hidden activation
// and each of the playground's outputs and losses, against PyTorch
// (tests/fixtures/playground_trace_pytorch.json) to 1e-12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClose, getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/playground_trace_pytorch.json', import.meta.url), 'utf8'));

test('the chain of a random weight and bias on one example equals PyTorch\'s, every factor', async () => {
  const core = await getCore();
  const activations = new Set();
  const losses = new Set();
  for (const c of fixture.cases) {
    const trace = core.trace(c.network, {});
    for (const param of [c.weight, c.bias]) {
      const chain = trace.chains.find((x) => x.param === param);
      assert.ok(chain, `${c.name}: no chain for ${param}`);
      const terms = Array.from(chain.terms, (place) => trace.terms[place]);
      assert.equal(terms.at(-2).id, `dE_total/d${param}`);
      assert.equal(terms.at(-1).id, `${param}+`);
      for (const term of terms) {
        assert.ok(term.id in c.values, `${c.name}: PyTorch has no ${term.id}`);
        assertClose(term.value, c.values[term.id], 1e-12, `${c.name} ${param}: ${term.id}`);
      }
    }
    for (const term of trace.terms) {
      assert.ok(term.id in c.values, `${c.name}: PyTorch has no ${term.id}`);
      assertClose(term.value, c.values[term.id], 1e-12, `${c.name}: ${term.id}`);
    }
    c.network.activations.forEach((a) => activations.add(a));
    losses.add(c.network.loss);
  }
  assert.deepEqual([...activations].sort(), ['gelu', 'leaky_relu', 'linear', 'relu', 'sigmoid', 'silu', 'softmax', 'tanh']);
  assert.deepEqual([...losses].sort(), ['bce', 'ce', 'half_sse', 'mse']);
});
