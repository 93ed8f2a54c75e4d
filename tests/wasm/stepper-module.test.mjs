// The stepper's own module (backprop_stepper, wasm/bindings.cpp built with
// BP_MODULE = BP_S): the stepper's page loads it instead of the whole module.
// It holds the stepper's four calls and gives the whole module's answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadWasmModule } from './load.mjs';

const stepperUrl = new URL('../../web/src/generated/backprop_stepper.js', import.meta.url);

test("the stepper's module has the stepper's calls, and they answer as the whole module's do", async () => {
  const [small, full] = await Promise.all([loadWasmModule(stepperUrl), loadWasmModule()]);
  assert.deepEqual(small.functionNames(), ['classic', 'trace', 'train', 'biasMode']);
  assert.deepEqual(full.functionNames().slice(0, 4), small.functionNames());
  const classic = small.classic();
  assert.deepEqual(classic, full.classic());
  assert.deepEqual(small.trace(classic, {}), full.trace(classic, {}));
  const other = { ...classic, activations: ['tanh', 'sigmoid'], loss: 'bce', learning_rate: 0.1 };
  assert.deepEqual(small.trace(other, { digits: 5 }), full.trace(other, { digits: 5 }));
  assert.deepEqual(small.train(classic, { iterations: 500 }), full.train(classic, { iterations: 500 }));
  assert.deepEqual(small.biasMode(classic, { train_biases: false }), full.biasMode(classic, { train_biases: false }));
  // Errors as the whole module gives them: code, field, params.
  const refused = (core) => {
    try {
      core.trace({ ...classic, learning_rate: 'x' }, {});
    } catch (e) {
      return { code: e.code, field: e.field, params: e.params, message: e.message };
    }
    return null;
  };
  assert.ok(refused(small));
  assert.deepEqual(refused(small), refused(full));
});
