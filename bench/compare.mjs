// Two builds of the wasm module side by side, in one run: do they give the
// same answers to the last bit, and how fast is each? For a change of flags
// or of the core: keep a copy of the module before it, rebuild, then
//
//   taskset -c 0 node --no-liftoff bench/compare.mjs <before>/backprop_core.js [after .js]
//
// (the module's .wasm beside its .js). Timing alternates the two modules
// call by call and reports medians, as bench/run.mjs does with native.
import { pathToFileURL } from 'node:url';
import { loadWasmModule, moduleUrl } from '../tests/wasm/load.mjs';

const pairs = Number(process.env.BENCH_PAIRS ?? 21);
const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath) {
  console.error('usage: node bench/compare.mjs <before .js> [<after .js>]');
  process.exit(2);
}
const before = await loadWasmModule(pathToFileURL(beforePath));
const after = await loadWasmModule(afterPath ? pathToFileURL(afterPath) : moduleUrl);

// Every number as its exact text (-0, NaN and infinities too), typed arrays as arrays.
const exact = (value) =>
  JSON.stringify(value, (_, v) => {
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isFinite(v) ? v : String(v);
    if (ArrayBuffer.isView(v)) return Array.from(v, (x) => (Object.is(x, -0) ? '-0' : Number.isFinite(x) ? x : String(x)));
    return v;
  });

const fitPoints = [...Array.from({ length: 9 }, (_, i) => [-1 + 0.25 * i, 0.6 * (-1 + 0.25 * i) + 0.2]), [0.8, -1.6]];
const raceOptimizers = [
  { id: 'sgd', kind: 'sgd', lr: 0.001 },
  { id: 'momentum', kind: 'momentum', lr: 0.001 },
  { id: 'adagrad', kind: 'adagrad', lr: 0.5 },
  { id: 'rmsprop', kind: 'rmsprop', lr: 0.01 },
  { id: 'adam', kind: 'adam', lr: 0.05 },
];
const beale = '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2';
const deep = { layers: [3, 8, 8, 3], activations: ['tanh', 'relu', 'softmax'], loss: { kind: 'ce' }, seed: 7 };

// Each case: a call that returns what the page shows (compared exactly) and
// whether it is timed.
const cases = {
  trace_classic: { timed: true, run: (c) => c.trace(c.classic(), {}) },
  trace_bce_biases: { run: (c) => c.trace(c.biasMode({ ...c.classic(), loss: { kind: 'bce' } }, { train_biases: true }), {}) },
  train_classic_10000: { timed: true, run: (c) => c.train(c.classic(), { iterations: 10000, history: true }) },
  fit_lines_500: { timed: true, run: (c) => c.fitLines({ points: fitPoints, steps: 500, beta: 0.25 }) },
  race_typed: {
    timed: true,
    run: (c) => c.race({ surface: { expression: beale }, start: [1, -1], steps: 1000, optimizers: raceOptimizers }),
  },
  grid_beale: {
    timed: true,
    run: (c) => c.grid({ surface: { preset: 'beale' }, domain: [-4.5, 4.5, -4.5, 4.5], width: 256, height: 256 }),
  },
  ...Object.fromEntries(
    Object.entries({
      sgd: { kind: 'sgd', lr: 0.5 },
      momentum: { kind: 'momentum', lr: 0.5 },
      adagrad: { kind: 'adagrad', lr: 0.5 },
      rmsprop: { kind: 'rmsprop', lr: 0.01 },
      adam: { kind: 'adam', lr: 0.01 },
    }).map(([name, optimizer]) => [
      `train_${name}`,
      { timed: true, run: (c) => c.trainingRun({ network: c.classic(), optimizer, iterations: 10000 }) },
    ]),
  ),
  train_deep_adamw: {
    run: (c) => c.trainingRun({ network: c.newNetwork(deep), optimizer: { kind: 'adam', lr: 0.01, decoupled: true }, iterations: 2000 }),
  },
  export_pytorch: {
    run: (c) => c.exportPytorch({ network: c.newNetwork(deep), optimizer: { kind: 'rmsprop', lr: 0.01, centered: true }, iterations: 100 }),
  },
  csv: { run: (c) => c.csv({ text: 'x y t\n0.05 0.1   0.01\n\n1e-3\t2;3\n', inputs: 2, targets: 1 }) },
  errors: {
    run: (c) =>
      [
        () => c.trainingRun({ network: c.classic(), optimizer: { kind: 'sgd', lr: 'x' }, iterations: 1 }),
        () => c.csv({ text: 'a b c\n1 2 3\n4 five 6\n', inputs: 2, targets: 1 }),
        () => c.csv({ text: '1,2\n', inputs: 2, targets: 1 }),
        () => c.expression({ text: 'sin(x' }),
      ].map((call) => {
        try {
          call();
          return 'no error';
        } catch (e) {
          return { message: e.message, code: e.code, field: e.field, params: e.params };
        }
      }),
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timeOnce(work) {
  const start = performance.now();
  work();
  return performance.now() - start;
}

const rows = [];
let differ = 0;
for (const [name, c] of Object.entries(cases)) {
  let a, b;
  try { a = exact(c.run(before)); } catch (e) { a = `throws ${e.message}`; }
  try { b = exact(c.run(after)); } catch (e) { b = `throws ${e.message}`; }
  const same = a === b;
  if (!same) differ++;
  const row = { case: name, 'same answer': same ? 'yes' : 'NO' };
  if (c.timed) {
    for (let i = 0; i < 10; i++) timeOnce(() => c.run(before)), timeOnce(() => c.run(after));
    const tb = [], ta = [], ratio = [];
    for (let i = 0; i < pairs; i++) {
      const x = timeOnce(() => c.run(before));
      const y = timeOnce(() => c.run(after));
      tb.push(x);
      ta.push(y);
      ratio.push(y / x);
    }
    Object.assign(row, { 'before ms': median(tb).toFixed(3), 'after ms': median(ta).toFixed(3), 'after / before': median(ratio).toFixed(2) });
  }
  rows.push(row);
}
console.log(`median of ${pairs} alternating before/after pairs; node ${process.version}`);
console.table(rows);
if (differ) {
  console.error(`${differ} case(s) differ`);
  process.exit(1);
}
