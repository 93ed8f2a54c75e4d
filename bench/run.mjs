// npm run bench: the core's work timed natively and in wasm (node), in one
// run, with the ratio.
//
// This machine is shared and its speed drifts by 2x from one second to the
// next, so native and wasm are timed in alternation: one native run (in a
// long-lived child process), then one wasm run, many times; the ratio is
// taken within each pair and the report gives medians. `npm run bench` pins
// both processes to one core (taskset), since the cores run at different
// speeds, and starts node with --no-liftoff so the wasm code is V8's
// optimised code from the start, as it is in a page after a few seconds.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadWasmModule } from '../tests/wasm/load.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pairs = Number(process.env.BENCH_PAIRS ?? 41);

function buildNative() {
  if (!existsSync(`${root}/build/native/CMakeCache.txt`)) {
    execFileSync('cmake', ['--preset', 'native'], { cwd: root, stdio: 'inherit' });
  }
  execFileSync('cmake', ['--build', '--preset', 'native', '--target', 'bench_native'], { cwd: root, stdio: 'inherit' });
}

/** The native bench as a child: ask it to run a case, await its time. */
function nativeRunner() {
  const child = spawn(`${root}/build/native/bench_native`, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()(Number(line)));
  return {
    run: (name) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${name}\n`);
      }),
    close: () => child.stdin.end(),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeOnce(work) {
  const start = performance.now();
  work();
  return performance.now() - start;
}

buildNative();
// BENCH_MODULE=<path to a backprop_core.js> times another build of the module
// (and leaves out the page and the sizes, which measure the built site).
const core = await loadWasmModule(process.env.BENCH_MODULE ? pathToFileURL(process.env.BENCH_MODULE) : undefined);
const native = nativeRunner();
const classic = core.classic();
let sink = 0;

// Each case: what it measures, its wasm work, and how many calls make one run.
export const cases = {
  train_classic_10000: {
    label: '10,000 training iterations, classic 2-2-2 network',
    run: () => (sink += core.train(classic, { iterations: 10000 }).E_total.at(-1)),
  },
  trace_classic: {
    label: 'one trace of the classic example (56 terms, as JS objects)',
    run: () => (sink += core.trace(classic, {}).E_total),
  },
};

const fitPoints = [...Array.from({ length: 9 }, (_, i) => [-1 + 0.25 * i, 0.6 * (-1 + 0.25 * i) + 0.2]), [0.8, -1.6]];
cases.fit_lines_500 = {
  label: 'outlier fit: MSE, MAE and SmoothL1, 500 steps each',
  run: () => (sink += core.fitLines({ points: fitPoints, steps: 500, beta: 0.25 }).fits.length),
};

// One frame of the optimizer race, as the page computes it: the race and the grid.
const raceOptimizers = [
  { id: 'sgd', kind: 'sgd', lr: 0.001 },
  { id: 'momentum', kind: 'momentum', lr: 0.001 },
  { id: 'adagrad', kind: 'adagrad', lr: 0.5 },
  { id: 'rmsprop', kind: 'rmsprop', lr: 0.01 },
  { id: 'adam', kind: 'adam', lr: 0.05 },
];
const raceFrame = (surface) => () => {
  sink += core.race({ surface, start: [1, -1], steps: 1000, optimizers: raceOptimizers }).runs.length;
  sink += core.grid({ surface, domain: [-4.5, 4.5, -4.5, 4.5], width: 256, height: 256 }).values[0];
};
cases.race_frame_preset = {
  label: 'race frame: 5 optimizers x 1,000 steps + 256x256 grid (Beale, analytic)',
  run: raceFrame({ preset: 'beale' }),
};
cases.race_frame_typed = {
  label: 'race frame, Beale typed as text (automatic differentiation)',
  run: raceFrame({ expression: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2' }),
};

// 10,000 training iterations of the classic network with each optimizer.
const trainingOptimizers = {
  sgd: { kind: 'sgd', lr: 0.5 },
  momentum: { kind: 'momentum', lr: 0.5 },
  adagrad: { kind: 'adagrad', lr: 0.5 },
  rmsprop: { kind: 'rmsprop', lr: 0.01 },
  adam: { kind: 'adam', lr: 0.01 },
};
for (const [name, optimizer] of Object.entries(trainingOptimizers)) {
  cases[`train_${name}`] = {
    label: `10,000 iterations of the training loop, ${name}`,
    run: () => (sink += core.trainingRun({ network: classic, optimizer, iterations: 10000 }).E_total.at(-1)),
  };
}

const rows = [];
for (const [name, c] of Object.entries(cases)) {
  for (let i = 0; i < 40; i++) {
    timeOnce(c.run); // warm up: V8 optimises the wasm code
    await native.run(name);
  }
  const n = [], w = [], ratio = [];
  for (let i = 0; i < pairs; i++) {
    const a = await native.run(name);
    const b = timeOnce(c.run);
    n.push(a);
    w.push(b);
    ratio.push(b / a);
  }
  rows.push({
    case: c.label,
    'native ms': median(n).toFixed(3),
    'wasm ms': median(w).toFixed(3),
    'wasm / native': median(ratio).toFixed(2),
  });
}

// The trace of a large network, natively (the page's general trace for the
// playground): 8 layers of 32 tanh neurons, ~30,000 terms; target under 100 ms.
const big = [];
for (let i = 0; i < 5; i++) big.push(await native.run('trace_8x32'));

const { playgroundRows } = await import('./playground.mjs');
const playground = await playgroundRows(core, native, pairs, process.env.BENCH_BEFORE_MODULE);
native.close();

console.log(`median of ${pairs} alternating native/wasm pairs; node ${process.version}`);
console.table(rows);
console.log(`\nthe trace of an 8x32 tanh network, natively: ${median(big).toFixed(1)} ms (median of 5; target < 100 ms)`);

console.log('\nthe playground frame: the page\'s API in wasm against the same work inside the core');
console.table(playground);

if (process.env.BENCH_MODULE) process.exit(Number.isFinite(sink) ? 0 : 1);

// The training page in Chromium: each optimizer's 10,000 iterations as the
// page runs them (in chunks), and the longest chunk (a frame it blocks).
const { pageTimes, frameTimes, frameRows } = await import('./page.mjs');
console.log('\nthe training page in Chromium (10,000 iterations; the page must never block a frame for 50 ms)');
console.table(await pageTimes(root, Object.keys(trainingOptimizers), trainingOptimizers));

// The optimizer race's frames and the stepper's first load, in the site pageTimes built.
// `node bench/page.mjs <site> <other site>` compares two builds run by run.
const { loadavg } = await import('node:os');
console.log(`\nthe race playing and the stepper loading in Chromium (median of 5, load average ${loadavg()[0].toFixed(1)}: wall times stretch on a busy machine, CPU times much less)`);
console.table(frameRows(await frameTimes([`${root}/dist`]), ['ms']));

// What a reader downloads: the module, the one-file copy's module, and a
// first visit of the stepper (bench/size.mjs).
const { printSizes } = await import('./size.mjs');
await printSizes(root);
if (!Number.isFinite(sink)) process.exit(1);
