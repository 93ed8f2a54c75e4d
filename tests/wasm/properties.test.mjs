// The wasm module and the native CLI agree on every term of the trace, on
// random networks (seeded: layer sizes 1-6, every activation and loss, both
// bias modes). Where only + - * / and comparisons are involved (linear and
// ReLU layers, the squared and absolute losses), every term is the same to
// the last bit, formula and numbers included; where the math library is
// (exp, log, tanh), the two builds' libraries may round differently, and the
// values agree to 1e-13 relative (1e-15 absolute where a sum cancels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCore, native } from './support.mjs';

// mulberry32: a small seeded generator, so every run draws the same networks.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomConfig(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const uniform = (a, b) => a + (b - a) * random();
  const loss = pick(['half_sse', 'mse', 'mae', 'smooth_l1', 'bce', 'bce_logits', 'ce']);
  const sizes = [1 + Math.floor(random() * 6)];
  for (let l = 1 + Math.floor(random() * 3); l > 0; l--) sizes.push(1 + Math.floor(random() * 6));
  if (loss === 'ce' && sizes.at(-1) < 2) sizes[sizes.length - 1] = 2;
  const hidden = pick(['sigmoid', 'tanh', 'relu', 'linear']);
  const output = loss === 'ce' ? 'softmax' : loss === 'bce' ? 'sigmoid' : pick(['sigmoid', 'tanh', 'relu', 'linear', 'softmax']);
  const shared = random() < 0.5;
  const weights = [], biases = [];
  for (let l = 1; l < sizes.length; l++) {
    weights.push(Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l - 1] }, () => uniform(-1, 1))));
    biases.push(shared ? uniform(-1, 1) : Array.from({ length: sizes[l] }, () => uniform(-1, 1)));
  }
  const K = sizes.at(-1);
  let targets = Array.from({ length: K }, () => (['bce', 'bce_logits', 'ce'].includes(loss) ? uniform(0.05, 0.95) : uniform(-1, 1)));
  if (loss === 'ce') {
    const sum = targets.reduce((a, b) => a + b, 0);
    targets = targets.map((t) => t / sum);
  }
  return {
    layers: sizes,
    activations: [...Array(sizes.length - 2).fill(hidden), output],
    inputs: Array.from({ length: sizes[0] }, () => uniform(-1, 1)),
    targets,
    weights,
    biases,
    shared_bias: shared,
    train_biases: random() < 0.5,
    learning_rate: 0.5,
    loss: loss === 'smooth_l1' ? { kind: loss, beta: 0.5 } : loss,
  };
}

const arithmeticOnly = (c) =>
  c.activations.every((a) => a === 'relu' || a === 'linear') && ['half_sse', 'mse', 'mae', 'smooth_l1'].includes(c.loss.kind ?? c.loss);

test('on 60 random networks, every term of the trace is the same in wasm as in the native CLI', async () => {
  const core = await getCore();
  const random = generator(2024);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-properties-'));
  let exact = 0;
  try {
    for (let n = 0; n < 60; n++) {
      const config = randomConfig(random);
      const file = join(dir, `network-${n}.json`);
      writeFileSync(file, JSON.stringify(config));
      const ours = core.trace(config, {});
      const cli = native([file]);
      assert.equal(ours.terms.length, cli.terms.length, `network ${n}`);
      const bitwise = arithmeticOnly(config);
      exact += bitwise ? 1 : 0;
      ours.terms.forEach((term, i) => {
        const other = cli.terms[i];
        assert.equal(term.id, other.id);
        const where = `network ${n} (${JSON.stringify(config)}), ${term.id}`;
        if (bitwise) {
          // (=== : the CLI's JSON writes -0 as 0.)
          assert.ok(term.value === other.value, `${where}: wasm ${term.value}, native ${other.value}`);
          // deps: a Float64Array from wasm, an array in the CLI's JSON.
          assert.deepEqual({ ...term, value: 0, deps: Array.from(term.deps) }, { ...other, value: 0 }, where);
        } else {
          // 1e-15 absolute where a sum cancels to near 0 (a shared bias's gradient under softmax).
          assert.ok(Math.abs(term.value - other.value) <= Math.max(1e-13 * Math.abs(other.value), 1e-15), `${where}: wasm ${term.value}, native ${other.value}`);
        }
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(exact >= 5, `only ${exact} networks were compared to the last bit`);
});
