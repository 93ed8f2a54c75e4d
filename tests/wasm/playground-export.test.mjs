// The playground's export through the module the page uses: the PyTorch
// script of a softmax network over three classes, run with torch when it is
// installed (Debian's python3-torch), prints the module's losses epoch by
// epoch; a weights file reads back as it was written, and one that does not
// fit the data is refused with its code and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { assertClose, getCore } from './support.mjs';

const setup = {
  features: ['x', 'y', 'x2', 'sinx'],
  layers: [4, 5, 4, 3],
  activations: ['gelu', 'leaky_relu', 'softmax'],
  optimizer: { kind: 'adam', lr: 0.02 },
  batch_size: 9,
  l1: 0.001,
  l2: 0.002,
};

test('the script of three epochs over three classes prints the losses of the module\'s epochs', async (t) => {
  const core = await getCore();
  const data = core.dataset({ kind: 'spiral', points: 90, noise: 5, seed: 11, classes: 3, train_ratio: 0.7 });
  const side = (indices) => core.playgroundExamples({ x: data.x, y: data.y, label: data.label, indices, features: setup.features, targets: 'one_hot', classes: 3 });
  const fresh = core.newNetwork({ layers: setup.layers, activations: setup.activations, loss: 'ce', seed: 2 });
  let network = fresh;
  let state = null;
  const losses = [];
  for (let epoch = 1; epoch <= 3; epoch++) {
    const r = core.trainingEpoch({ network, optimizer: setup.optimizer, data: side(data.train), test: side(data.test), batch_size: setup.batch_size, seed: epoch, losses: true, state, l1: setup.l1, l2: setup.l2 });
    losses.push([r.E_train, r.E_test]);
    ({ network, state } = r);
  }
  const { script } = core.exportPytorch({
    network: fresh, optimizer: setup.optimizer, points: data, features: setup.features, targets: 'one_hot', classes: 3,
    epochs: 3, batch_size: setup.batch_size, l1: setup.l1, l2: setup.l2,
  });
  assert.match(script, /return torch\.stack\(\[x, y, x \* x, torch\.sin\(x\)\], dim=1\)/);
  assert.match(script, /a = F\.gelu\(a @ W1\.T \+ b1\)/);
  assert.match(script, /return F\.cross_entropy\(out, T, label_smoothing=0\.0\)/);
  if (spawnSync('/usr/bin/python3', ['-c', 'import torch']).status !== 0) {
    t.skip("torch is not installed (Debian's python3-torch): the script was not run");
    return;
  }
  const run = spawnSync('/usr/bin/python3', ['-'], { input: script, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').map((l) => l.split(' '));
  assert.equal(lines.length, 3);
  lines.forEach(([epoch, train, test], i) => {
    assert.equal(Number(epoch), i + 1);
    assertClose(Number(train), losses[i][0], 1e-12, `epoch ${i + 1} E_train`);
    assertClose(Number(test), losses[i][1], 1e-12, `epoch ${i + 1} E_test`);
  });
});

test('a weights file reads back as written; one that does not fit the data is refused with its code and field', async () => {
  const core = await getCore();
  const network = core.newNetwork({ layers: [3, 4, 1], activations: ['silu', 'sigmoid'], loss: 'bce', seed: 5 });
  const { text } = core.weightsFile({ network, features: ['x', 'y', 'xy'], epoch: 7 });
  const opened = core.openWeights({ text, regression: false, classes: 2 });
  assert.deepEqual(opened.features, ['x', 'y', 'xy']);
  assert.deepEqual([...opened.hidden], [4]);
  assert.deepEqual(opened.activations, ['silu']);
  assert.equal(opened.output, 'sigmoid');
  assert.equal(opened.epoch, 7);
  assert.deepEqual(opened.network.weights, network.weights);
  const refused = (spec) => {
    try {
      core.openWeights(spec);
    } catch (e) {
      return [e.code, e.field];
    }
    return null;
  };
  assert.deepEqual(refused({ text, regression: true, classes: 0 }), ['unknown_choice', 'activations[1]']);
  assert.deepEqual(refused({ text, regression: false, classes: 3 }), ['wrong_length', 'layers[2]']);
  assert.deepEqual(refused({ text: text.slice(0, 40), regression: false, classes: 2 }), ['json_syntax', 'json']);
  assert.deepEqual(refused({ text: text.replace('"xy"', '"z"'), regression: false, classes: 2 }), ['unknown_choice', 'features[2]']);
});
