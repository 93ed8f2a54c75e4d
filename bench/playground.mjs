// The TensorFlow Playground's default frame through the API the page uses,
// against the same work inside the core (natively, and in wasm timed from
// inside the module), and against the calls the page had to make before the
// playground's own calls existed. Run by bench/run.mjs.
//
// The frame: 500 points of 2-D data (half for training), a 2-4-2-1 tanh
// network, MSE, SGD with η 0.03, batch 10: one epoch (25 updates), the
// training and the test loss, and every neuron's output on a 100 x 100 grid.
import { pathToFileURL } from 'node:url';
import { loadWasmModule } from '../tests/wasm/load.mjs';

/** The points, the same as bench/native/main.cpp's: a circle inside a ring, labels 1 / -1. */
export function playgroundData() {
  const inputs = [], targets = [];
  for (let k = 0; k < 500; k++) {
    const r = k % 2 === 0 ? 2.5 * (((k * 37) % 100) / 100) : 3.5 + 1.5 * (((k * 61) % 100) / 100);
    const a = k * 2.399963229728653;
    inputs.push([r * Math.sin(a), r * Math.cos(a)]);
    targets.push([k % 2 === 0 ? 1 : -1]);
  }
  return { train: { inputs: inputs.slice(0, 250), targets: targets.slice(0, 250) }, test: { inputs: inputs.slice(250), targets: targets.slice(250) } };
}

const flat = (rows) => Float64Array.from(rows.flat());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const GRID = { domain: [-6, 6, -6, 6], width: 100, height: 100 };
const optimizer = { kind: 'sgd', lr: 0.03 };

function timed(work) {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** The frame with the calls the page had before: a trainingRun a batch, one a loss, 500 of 20 points for the grid. */
function oldFrame(core, network, data) {
  let state = null;
  for (let start = 0; start < 250; start += 10) {
    const r = core.trainingRun({
      network, optimizer, iterations: 1, state,
      data: { inputs: data.train.inputs.slice(start, start + 10), targets: data.train.targets.slice(start, start + 10) },
    });
    ({ network, state } = r);
  }
  let sink = core.trainingRun({ network, data: data.train, iterations: 0 }).E_total[0];
  sink += core.trainingRun({ network, data: data.test, iterations: 0 }).E_total[0];
  const points = [];
  for (let j = 0; j < 100; j++) for (let i = 0; i < 100; i++) points.push([-6 + (12 * i) / 99, -6 + (12 * j) / 99]);
  const zeros = Array.from({ length: 20 }, () => [0]);
  for (let p = 0; p < points.length; p += 20) {
    sink += core.trainingRun({ network, data: { inputs: points.slice(p, p + 20), targets: zeros }, iterations: 0 }).outputs[0][0];
  }
  return sink;
}

/**
 * Rows for the report. `native` runs a case of bench/native/main.cpp;
 * `beforeUrl`, when given, is a build of the module before the playground's
 * calls (its frame is timed with the old calls, in the same run).
 */
export async function playgroundRows(core, native, pairs, beforeUrl) {
  const data = playgroundData();
  const network = core.newNetwork({ layers: [2, 4, 2, 1], activations: 'tanh', loss: 'mse', seed: 1 });
  const typed = {
    train: { inputs: flat(data.train.inputs), targets: flat(data.train.targets) },
    test: { inputs: flat(data.test.inputs), targets: flat(data.test.targets) },
  };
  const epochSpec = { network, optimizer, data: typed.train, test: typed.test, batch_size: 10, seed: 1, losses: true };
  const gridSpec = { network, ...GRID };
  // Six hidden layers of 8, on the page's 60 x 60 grid for a network of more than 20 neurons.
  const network6x8 = core.newNetwork({ layers: [2, 8, 8, 8, 8, 8, 8, 1], activations: 'tanh', loss: 'mse', seed: 1 });
  const epoch6x8 = { ...epochSpec, network: network6x8 };
  const GRID_6X8 = { ...GRID, width: 60, height: 60 };
  const index = (name) => core.functionNames().indexOf(name);
  const before = beforeUrl ? await loadWasmModule(pathToFileURL(beforeUrl), { raw: true }) : null;
  let sink = 0;
  const work = {
    frame_api: () => {
      const r = core.trainingEpoch(epochSpec);
      sink += r.E_train + r.E_test + core.networkGrid({ network: r.network, ...GRID }).values[9];
    },
    frame_core: () => core.timeInCore(index('trainingEpoch'), [epochSpec], 1) + core.timeInCore(index('networkGrid'), [gridSpec], 1),
    frame6x8_api: () => {
      const r = core.trainingEpoch(epoch6x8);
      sink += r.E_train + r.E_test + core.networkGrid({ network: r.network, ...GRID_6X8 }).values[9];
    },
    frame6x8_core: () => core.timeInCore(index('trainingEpoch'), [epoch6x8], 1) + core.timeInCore(index('networkGrid'), [{ network: network6x8, ...GRID_6X8 }], 1),
    grid_api: () => (sink += core.networkGrid(gridSpec).values[9]),
    grid_core: () => core.timeInCore(index('networkGrid'), [gridSpec], 1),
    frame_old_calls: () => (sink += oldFrame(core, network, data)),
    frame_before: before ? () => (sink += oldFrame(before, network, data)) : null,
  };
  const t = Object.fromEntries(Object.keys(work).map((k) => [k, []]));
  const n = { frame: [], grid: [], frame6x8: [] };
  const ratios = { frame: [], grid: [], frame_before: [], frame_old: [], frame6x8: [] };
  for (let i = 0; i < 10; i++) for (const f of Object.values(work)) f && f(); // warm up
  for (let i = 0; i < pairs; i++) {
    const nf = await native.run('playground_frame');
    const ng = await native.run('playground_grid');
    const n6 = await native.run('playground_frame_6x8');
    const f6a = timed(work.frame6x8_api), f6c = work.frame6x8_core();
    n.frame6x8.push(n6), t.frame6x8_api.push(f6a), t.frame6x8_core.push(f6c), ratios.frame6x8.push(f6a / f6c);
    const fa = timed(work.frame_api), fc = work.frame_core();
    const ga = timed(work.grid_api), gc = work.grid_core();
    const fo = timed(work.frame_old_calls);
    const fb = before ? timed(work.frame_before) : NaN;
    n.frame.push(nf), n.grid.push(ng);
    t.frame_api.push(fa), t.frame_core.push(fc), t.grid_api.push(ga), t.grid_core.push(gc), t.frame_old_calls.push(fo), t.frame_before.push(fb);
    ratios.frame.push(fa / fc), ratios.grid.push(ga / gc), ratios.frame_old.push(fo / fa), ratios.frame_before.push(fb / fa);
  }
  if (!Number.isFinite(sink)) throw new Error('the frame is not finite');
  const ms = (xs) => median(xs).toFixed(3);
  return [
    {
      case: 'playground frame: epoch (25 batches of 10) + train/test loss + 100x100 grid of every neuron',
      'native in core ms': ms(n.frame), 'wasm in core ms': ms(t.frame_core), 'wasm API ms': ms(t.frame_api),
      'API / in core': median(ratios.frame).toFixed(2), 'wasm / native': (median(t.frame_core) / median(n.frame)).toFixed(2),
    },
    {
      case: 'the same frame for 6 hidden layers of 8 (60x60 grid, as the page draws it)',
      'native in core ms': ms(n.frame6x8), 'wasm in core ms': ms(t.frame6x8_core), 'wasm API ms': ms(t.frame6x8_api),
      'API / in core': median(ratios.frame6x8).toFixed(2), 'wasm / native': (median(t.frame6x8_core) / median(n.frame6x8)).toFixed(2),
    },
    {
      case: '100x100 grid of every neuron (networkGrid)',
      'native in core ms': ms(n.grid), 'wasm in core ms': ms(t.grid_core), 'wasm API ms': ms(t.grid_api),
      'API / in core': median(ratios.grid).toFixed(2), 'wasm / native': (median(t.grid_core) / median(n.grid)).toFixed(2),
    },
    {
      case: 'the same frame with the old calls (trainingRun per batch, 500 x 20 grid points), this module',
      'wasm API ms': ms(t.frame_old_calls), 'old / new': median(ratios.frame_old).toFixed(1),
    },
    ...(before
      ? [{ case: `the same frame with the old calls, the module before (${beforeUrl})`, 'wasm API ms': ms(t.frame_before), 'old / new': median(ratios.frame_before).toFixed(1) }]
      : []),
  ];
}
