// Nothing leaks: the wasm heap and the embind handle table come back to
// where they were, over 100,000 calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCore } from './support.mjs';

test('100,000 calls leave the heap where it was', async () => {
  const core = await getCore();
  const config = core.classic();
  const bad = core.classic();
  bad.weights[1][0][0] = 'abc';
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      switch (i % 10) {
        case 0:
          // A full trace every 50 calls (it takes a couple of milliseconds).
          if (i % 50 === 0) core.trace(config, {});
          else core.classic();
          break;
        case 1:
          try {
            core.trace(bad, {});
          } catch {
            // expected
          }
          break;
        case 2:
          core.biasMode(config, { train_biases: i % 20 === 2 });
          break;
        case 3:
          core.train(config, { iterations: 3, history: true });
          break;
        default:
          core.classic();
      }
    }
  };
  round(1000); // warm up: first-use statics
  const heap = core.heapUsed();
  const handles = core.count_emval_handles();
  const memory = core.HEAP8.buffer.byteLength;
  round(100000);
  assert.equal(core.heapUsed(), heap, 'bytes in use on the wasm heap');
  assert.equal(core.count_emval_handles(), handles, 'embind handles');
  assert.equal(core.HEAP8.buffer.byteLength, memory, 'wasm memory size');
});
