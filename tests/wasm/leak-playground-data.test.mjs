// The playground's data, feature grids and diagnosis leak nothing: the heap,
// the embind handles and the memory come back to where they were after many
// calls and refused ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCore } from './support.mjs';

test('2,000 data sets, examples, feature grids, diagnoses and errors leave the heap where it was', async () => {
  const core = await getCore();
  const features = ['x', 'y', 'x2', 'sinx'];
  const network = core.newNetwork({ layers: [4, 4, 1], activations: 'tanh', loss: 'half_sse', seed: 1 });
  const d = core.dataset({ kind: 'spiral', points: 60, noise: 10, seed: 1, classes: 3 });
  const points = { x: d.x, y: d.y, label: d.label };
  const data = core.playgroundExamples({ ...points, features, targets: 'value' });
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      switch (i % 6) {
        case 0:
          assert.equal(core.dataset({ kind: 'xor', points: 100, noise: i % 50, seed: i }).x.length, 100);
          break;
        case 1:
          core.playgroundExamples({ ...points, indices: d.train, features, targets: 'one_hot', classes: 3 });
          break;
        case 2:
          core.networkGrid({ network, domain: [-1, 1, -1, 1], width: 20, height: 20, features });
          break;
        case 3:
          core.trainingDiagnosis({ network, data, optimizer: { kind: 'sgd', lr: 0.1 }, l1: 0.01, l2: 0.01 });
          break;
        case 4:
          assert.throws(() => core.dataset({ kind: 'circle', classes: 5 }), { code: 'out_of_range' });
          break;
        default:
          assert.throws(() => core.playgroundExamples({ ...points, features: ['z'] }), { code: 'unknown_choice' });
      }
    }
  };
  round(120); // warm up: first-use statics
  const heap = core.heapUsed();
  const handles = core.count_emval_handles();
  const memory = core.HEAP8.buffer.byteLength;
  round(2000);
  assert.equal(core.heapUsed(), heap, 'bytes in use on the wasm heap');
  assert.equal(core.count_emval_handles(), handles, 'embind handles');
  assert.equal(core.HEAP8.buffer.byteLength, memory, 'wasm memory size');
});
