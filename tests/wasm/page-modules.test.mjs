// Each widget's page loads a module of its own (wasm/bindings.cpp, BP_MODULE):
// every call the widget's code makes is in it, and its answers are the whole
// module's, to the bit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadWasmModule } from './load.mjs';

const generated = (name) => new URL(`../../web/src/generated/backprop_${name}.js`, import.meta.url);
// Each module's widget, as web/src/shared/core.ts maps widgets to modules: its code starts at <folder>/widget.ts.
const pages = { stepper: 'stepper', losses: 'losses', race: 'optimizers', training: 'training', playground: 'playground' };

/**
 * The TypeScript files a widget's code imports, from its widget.ts on
 * (relative imports, static and dynamic; not `import type`, not the
 * registry of widgets, whose loaders are the other widgets', and not the
 * loader of the modules, shared/core.ts).
 */
function filesOf(folder) {
  const seen = new Set();
  const visit = (url) => {
    if (seen.has(url.href) || /\/shared\/(registry|core)\.ts$/.test(url.pathname)) return;
    seen.add(url.href);
    const source = readFileSync(url, 'utf8').replace(/^import type .*$/gm, '');
    for (const [, path] of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      if (/\.(css|md|json)(\?|$)/.test(path) || path.includes('generated/')) continue;
      visit(new URL(path.endsWith('.ts') ? path : `${path}.ts`, url));
    }
  };
  visit(new URL(`../../web/src/${folder}/widget.ts`, import.meta.url));
  return [...seen].map((href) => new URL(href));
}

/**
 * The core's functions that the files at `urls` call on `object` (core.x(,
 * this.core.x( …; the playground's others: tracer.x(, files.x().
 */
function callsIn(urls, names, object = 'core') {
  const calls = new Set();
  for (const url of urls) {
    const source = readFileSync(url, 'utf8');
    for (const name of names) if (new RegExp(`\\b${object}\\??\\.${name}\\(`).test(source)) calls.add(name);
  }
  return calls;
}

/** The same for a widget's code, from its widget.ts on. */
const callsOf = (folder, names, object = 'core') => callsIn(filesOf(folder), names, object);

/** The module holds exactly `calls`, each a function of the whole module. */
function holdsExactly(name, has, calls, all) {
  assert.deepEqual([...calls].filter((call) => !has.has(call)), [], `${name}: calls its module lacks`);
  assert.deepEqual([...has].filter((fn) => !calls.has(fn)), [], `${name}: calls its code does not make`);
  for (const fn of has) assert.ok(all.includes(fn), `${name}: ${fn} is not a function of the whole module`);
}

test("each page's module holds every call its widget makes, and no call it does not", async () => {
  const full = await loadWasmModule();
  const all = full.functionNames();
  for (const [name, folder] of Object.entries(pages)) {
    const core = await loadWasmModule(generated(name));
    const has = new Set(core.functionNames());
    const calls = callsOf(folder, all);
    assert.ok(calls.size >= 4, `${name}: the widget's calls were found (${[...calls]})`);
    // The stepper's exercise mode asks the exercises' module for its checks (loadExerciseCore).
    if (name === 'stepper') calls.delete('exerciseCheck');
    // What no page calls is in the whole module only.
    holdsExactly(name, has, calls, all);
  }
});

test("the modules loaded when first used hold what their callers call", async () => {
  const full = await loadWasmModule();
  const all = full.functionNames();
  // The playground's files: what its code calls on files.
  const files = await loadWasmModule(generated('playground_files'));
  const fileCalls = callsOf('playground', all, 'files');
  assert.ok(fileCalls.has('weightsFile') && fileCalls.has('exportPytorch'), `the playground's file calls were found (${[...fileCalls]})`);
  holdsExactly('playground_files', new Set(files.functionNames()), fileCalls, all);
  // Its chains: what it calls on the tracer is in the stepper's module.
  const stepper = await loadWasmModule(generated('stepper'));
  assert.deepEqual([...callsOf('playground', all, 'tracer')], ['trace']);
  assert.ok(stepper.functionNames().includes('trace'));
  // The exercises': the stepper's exercise mode and the tutorials' exercises.
  const exercise = await loadWasmModule(generated('exercise'));
  const exerciseCalls = callsIn(['stepper/exercise.ts', 'tutorials/exercise.ts'].map((file) => new URL(`../../web/src/${file}`, import.meta.url)), all);
  assert.deepEqual([...exerciseCalls].sort(), ['exerciseAnswer', 'exerciseCheck']);
  holdsExactly('exercise', new Set(exercise.functionNames()), exerciseCalls, all);
  // And it answers as the whole module does.
  const spec = { compute: { config: full.classic(), term: 'dE_total/dw5' }, answer: '0.0822' };
  assert.deepEqual(exercise.exerciseAnswer(spec), full.exerciseAnswer(spec));
  const network = full.newNetwork({ layers: [2, 3, 1], activations: ['tanh', 'sigmoid'], loss: 'mse', seed: 3 });
  assert.deepEqual(files.weightsFile({ network, features: ['x', 'y'], epoch: 4 }), full.weightsFile({ network, features: ['x', 'y'], epoch: 4 }));
});

test("the pages' modules answer as the whole module does", async () => {
  const full = await loadWasmModule();
  const [losses, race, training, playground] = await Promise.all(['losses', 'race', 'training', 'playground'].map((n) => loadWasmModule(generated(n))));
  const loss = { kind: 'smooth_l1', input: [1.5, -0.5, 2], target: [0.5, 0.5, 2.5], beta: 0.7 };
  assert.deepEqual(losses.loss(loss), full.loss(loss));
  assert.deepEqual(losses.fitLines({ points: [[0, 1], [1, 2], [2, 2.5], [3, 9]], losses: ['mse', 'mae'], learning_rate: 0.05, steps: 50 }),
    full.fitLines({ points: [[0, 1], [1, 2], [2, 2.5], [3, 9]], losses: ['mse', 'mae'], learning_rate: 0.05, steps: 50 }));
  const spec = { surface: { preset: 'beale' }, start: [1, -1], steps: 300, optimizers: [{ id: 'adam', kind: 'adam', lr: 0.01 }, { id: 'sgd', kind: 'sgd', lr: 0.001 }] };
  assert.deepEqual(race.race(spec), full.race(spec));
  const run = { network: full.classic(), optimizer: { kind: 'momentum', form: 'pytorch', lr: 0.5, momentum: 0.9 }, iterations: 300 };
  assert.deepEqual(training.trainingRun(run), full.trainingRun(run));
  const data = { kind: 'spiral', points: 200, noise: 10, seed: 7, classes: 3, train_ratio: 0.6 };
  assert.deepEqual(playground.dataset(data), full.dataset(data));
  const refused = (core) => {
    try {
      core.loss({ ...loss, beta: -1 });
    } catch (e) {
      return { code: e.code, field: e.field, params: e.params };
    }
    return null;
  };
  assert.ok(refused(losses));
  assert.deepEqual(refused(losses), refused(full));
});
