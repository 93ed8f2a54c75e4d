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
 * (relative imports, static and dynamic; not `import type`, and not the
 * registry of widgets, whose loaders are the other widgets').
 */
function filesOf(folder) {
  const seen = new Set();
  const visit = (url) => {
    if (seen.has(url.href) || url.pathname.endsWith('/shared/registry.ts')) return;
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

/** The core's functions that a widget's code calls (core.x(, this.core.x( …). */
function callsOf(folder, names) {
  const calls = new Set();
  for (const url of filesOf(folder)) {
    const source = readFileSync(url, 'utf8');
    for (const name of names) if (new RegExp(`\\bcore\\??\\.${name}\\(`).test(source)) calls.add(name);
  }
  return calls;
}

test("each page's module holds every call its widget makes, and no call it does not", async () => {
  const full = await loadWasmModule();
  const all = full.functionNames();
  for (const [name, folder] of Object.entries(pages)) {
    const core = await loadWasmModule(generated(name));
    const has = new Set(core.functionNames());
    const calls = callsOf(folder, all);
    assert.ok(calls.size >= 4, `${name}: the widget's calls were found (${[...calls]})`);
    // The stepper's exercise mode asks the whole module for its checks (loadFullCore).
    if (name === 'stepper') calls.delete('exerciseCheck');
    assert.deepEqual([...calls].filter((call) => !has.has(call)), [], `${name}: calls its module lacks`);
    // And nothing its widget does not call: what no page calls is in the whole module only.
    assert.deepEqual([...has].filter((fn) => !calls.has(fn)), [], `${name}: calls its widget does not make`);
    for (const fn of has) assert.ok(all.includes(fn), `${name}: ${fn} is not a function of the whole module`);
  }
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
