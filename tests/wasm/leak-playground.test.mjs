// The playground's calls leak nothing either: the heap, the embind handles
// and the memory come back to where they were after many epochs, grids and
// refused calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCore } from './support.mjs';

test('2,000 epochs, grids and errors leave the heap where it was', async () => {
  const core = await getCore();
  const network = core.newNetwork({ layers: [2, 4, 2, 1], activations: 'tanh', loss: 'mse', seed: 1 });
  const inputs = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i));
  const targets = Float64Array.from({ length: 50 }, (_, i) => (i % 2 ? 1 : -1));
  const data = { inputs, targets };
  const bad = Float64Array.from(inputs);
  bad[3] = NaN;
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      let r = null;
      switch (i % 4) {
        case 0:
          r = core.trainingEpoch({ network, data, test: data, batch_size: 7, seed: i, losses: true });
          assert.equal(r.updates, 8);
          break;
        case 1:
          core.networkGrid({ network, domain: [-1, 1, -1, 1], width: 20, height: 20 });
          break;
        case 2:
          assert.throws(() => core.trainingEpoch({ network, data: { inputs: bad, targets } }), { code: 'not_finite' });
          break;
        default:
          assert.throws(() => core.networkGrid({ network, domain: [1, -1, 0, 1], width: 20, height: 20 }), { code: 'out_of_range' });
      }
    }
  };
  round(200); // warm up: first-use statics
  const heap = core.heapUsed();
  const handles = core.count_emval_handles();
  const memory = core.HEAP8.buffer.byteLength;
  round(2000);
  assert.equal(core.heapUsed(), heap, 'bytes in use on the wasm heap');
  assert.equal(core.count_emval_handles(), handles, 'embind handles');
  assert.equal(core.HEAP8.buffer.byteLength, memory, 'wasm memory size');
});
