// The message catalogs: both languages have every key, every core error
// code and every key a trace refers to; the hand-written types list every
// function the module has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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

test('every reason a run can stop for has a message, the core\'s own in English', async () => {
  const core = await getCore();
  const reasons = core.stopReasons();
  assert.deepEqual(Object.keys(reasons).sort(), ['diverged', 'gradient', 'start', 'undefined']);
  for (const [reason, text] of Object.entries(reasons)) {
    assert.equal(en[`stop.${reason}`], text);
    assert.ok(`stop.${reason}` in zh, `zh-CN lacks stop.${reason}`);
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
  // Each function once, overloads (two signatures of trainingRun) counted once.
  const declared = [...new Set([...block.slice(0, block.indexOf('\n}')).matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]))];
  const exported = core.functionNames();
  assert.ok(exported.length >= 20);
  assert.deepEqual([...declared].sort(), [...exported].sort());
  for (const name of exported) assert.equal(typeof core[name], 'function', `${name} is not installed`);
});

// The Chinese glossary: one term for one concept, and one word per row of controls.
const glossary = JSON.parse(read('../../web/src/messages/glossary.json'));
const zhLesson = read('../../web/src/messages/lesson.zh-CN.md');
// Teachers' tutorials written in Chinese (front matter lang: zh-CN) keep to it too.
const zhTutorials = readdirSync(new URL('../../tutorials/', import.meta.url))
  .filter((f) => f.endsWith('.md'))
  .map((f) => [f, read(`../../tutorials/${f}`)])
  .filter(([, text]) => /^---\n(?:.*\n)*?lang:\s*zh/.test(text));
const zhTexts = [
  ...Object.entries(zh).map(([key, text]) => [`zh-CN.json ${key}`, text]),
  ...zhLesson.split('\n').map((line, i) => [`lesson.zh-CN.md line ${i + 1}`, line]),
  ...zhTutorials.flatMap(([f, text]) => text.split('\n').map((line, i) => [`tutorials/${f} line ${i + 1}`, line])),
];

test('a Chinese teacher tutorial is among the texts the glossary checks', () => {
  assert.ok(zhTutorials.length >= 1);
});

test('the glossary gives each concept one Chinese term, and that term is the one used', () => {
  assert.ok(glossary.terms.length >= 20);
  const seen = new Set();
  for (const { en: concept, 'zh-CN': term, avoid } of glossary.terms) {
    assert.ok(!seen.has(concept), `${concept} is in the glossary twice`);
    seen.add(concept);
    assert.ok(zhTexts.some(([, text]) => text.includes(term)), `the glossary's ${term} (${concept}) is used nowhere`);
    for (const variant of avoid) assert.ok(!new RegExp(variant).test(term), `${concept}: ${variant} matches the term itself`);
  }
});

test('zh-CN.json and lesson.zh-CN.md use no variant the glossary forbids', () => {
  const found = [];
  for (const { en: concept, 'zh-CN': term, avoid } of glossary.terms) {
    for (const variant of avoid) {
      const re = new RegExp(variant);
      for (const [where, text] of zhTexts) {
        const m = re.exec(text);
        if (m) found.push(`${where}: “${m[0]}” where the glossary says ${term} (${concept})`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test('the forbidden-variant check catches a variant', () => {
  const weight = glossary.terms.find((t) => t.en === 'weight');
  assert.ok(weight.avoid.some((v) => new RegExp(v).test('更新权值')));
  const plateau = glossary.terms.find((t) => t.en === 'plateau');
  assert.ok(plateau.avoid.some((v) => new RegExp(v).test('在平台上')));
  assert.ok(!plateau.avoid.some((v) => new RegExp(v).test('在平台区上')));
});

test('each row of controls counts in one word: 项 for terms, 步 for steps, never both', () => {
  for (const row of glossary.rows) {
    const texts = row.keys.map((key) => {
      assert.ok(key in zh, `${row.row}: ${key} is not in the catalog`);
      return [key, zh[key]];
    });
    if (row.uses) assert.ok(texts.every(([, text]) => text.includes(row.uses) || !/[项步]/.test(text)), `${row.row}: not every label uses ${row.uses}`);
    for (const [key, text] of texts) {
      for (const word of row.avoid) assert.ok(!text.includes(word), `${row.row}: ${key} “${text}” uses ${word}`);
    }
  }
  // The stepper's buttons are the row a student sees: terms.
  assert.deepEqual(['stepper.first', 'stepper.back', 'stepper.next', 'stepper.last'].map((k) => zh[k]), ['第一项', '上一项', '下一项', '最后一项']);
});

test('every optimizer and setting of the core\'s table has its name in both languages', async () => {
  const core = await getCore();
  const optimizers = core.optimizers();
  assert.deepEqual(optimizers.map((o) => o.name), ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']);
  for (const { name, settings } of optimizers) {
    for (const catalog of [en, zh]) {
      assert.ok(`race.name.${name}` in catalog, `race.name.${name}`);
      for (const { key } of settings) assert.ok(`race.setting.${key}` in catalog, `race.setting.${key}`);
    }
  }
});

test('the activations the training page lists are the core\'s table', async () => {
  const core = await getCore();
  assert.deepEqual(core.activations().map((a) => a.name), ['sigmoid', 'tanh', 'relu', 'linear', 'softmax', 'leaky_relu', 'silu', 'gelu']);
  for (const catalog of [en, zh]) assert.match(catalog['training.shape_hint'], /\{activations\}/);
});

test('every loss of the core\'s table has its name on the training page in both languages', async () => {
  const core = await getCore();
  const losses = core.losses();
  assert.deepEqual(losses.map((l) => l.name), ['half_sse', 'mse', 'mae', 'smooth_l1', 'bce', 'bce_logits', 'ce']);
  assert.equal(losses.find((l) => l.name === 'bce').needs, 'sigmoid');
  for (const { name } of losses) for (const catalog of [en, zh]) assert.ok(`training.loss_${name}` in catalog, `training.loss_${name}`);
});
