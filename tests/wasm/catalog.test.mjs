// The message catalogs: both languages have every key, every core error
// code and every key a trace refers to; the hand-written types list every
// function the module has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getCore } from './support.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const en = JSON.parse(read('../../web/src/messages/en.json'));
const zh = JSON.parse(read('../../web/src/messages/zh-CN.json'));

test('zh-CN and en have the same keys, none empty', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [key, text] of Object.entries({ ...en, ...zh })) assert.ok(text.trim(), `${key} is empty`);
});

test('the same placeholders in both languages', () => {
  const slots = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en)) assert.deepEqual(slots(zh[key]), slots(en[key]), key);
});

test('every error code of the core has a message', async () => {
  const core = await getCore();
  for (const code of Object.keys(core.errorCodes())) {
    assert.ok(`error.${code}` in en, `en lacks error.${code}`);
    assert.ok(`error.${code}` in zh, `zh-CN lacks error.${code}`);
  }
});

test('every explanation, note and phase a trace uses has a message', async () => {
  const core = await getCore();
  const configs = [core.classic(), core.biasMode(core.classic(), { train_biases: true }), ...['mse', 'bce'].map((loss) => ({ ...core.classic(), loss }))];
  for (const config of configs) {
    const trace = core.trace(config, {});
    for (const phase of trace.phases) assert.ok(`phase.${phase}` in en, phase);
    for (const term of trace.terms) {
      assert.ok(`explain.${term.explain}` in en, term.explain);
      for (const note of term.notes) assert.ok(note in en, note);
    }
  }
});

test('the TypeScript types list exactly the module functions', async () => {
  const core = await getCore();
  const types = read('../../web/src/shared/core-types.ts');
  const block = types.slice(types.indexOf('export interface BackpropCore'));
  const declared = [...block.slice(0, block.indexOf('\n}')).matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]);
  assert.ok(declared.length >= 5);
  for (const name of declared) assert.equal(typeof core[name], 'function', `${name} is declared but missing`);
  // raw_numbers and raw_gridValues are the bindings' own channels for numbers.
  const internal = ['raw_numbers', 'raw_gridValues'];
  const raw = Object.keys(core).filter((k) => k.startsWith('raw_') && !internal.includes(k)).map((k) => k.slice(4));
  for (const name of raw) assert.ok(declared.includes(name), `${name} is in the module but not in the types`);
});
