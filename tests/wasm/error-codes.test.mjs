// Every error code the core lists is reached by an input: through the module
// the page uses (the CLI for a file that is not JSON), with the code, the
// field and the parameters its message needs in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCore } from './support.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const catalogs = { en: JSON.parse(read('../../web/src/messages/en.json')), 'zh-CN': JSON.parse(read('../../web/src/messages/zh-CN.json')) };
const cli = fileURLToPath(new URL('../../build/native/backprop', import.meta.url));

/** An input for each code, and the field it names. */
function inputs(core) {
  const c = core.classic;
  const run = (optimizer) => () => core.trainingRun({ network: c(), optimizer, iterations: 0, check: true });
  return {
    empty: ['b1', () => core.trace({ ...c(), biases: ['', 0.6] }, {})],
    not_a_number: ['w1', () => core.number('abc', 'w1')],
    not_finite: ['w1', () => core.number('1e999', 'w1')],
    expected_number: ['learning_rate', () => core.trace({ ...c(), learning_rate: [1] }, {})],
    expected_array: ['inputs', () => core.trace({ ...c(), inputs: 5 }, {})],
    expected_object: ['config', () => core.trace('config', {})],
    expected_string: ['loss.kind', () => core.trace({ ...c(), loss: { kind: 5 } }, {})],
    expected_boolean: ['shared_bias', () => core.trace({ ...c(), shared_bias: 'yes' }, {})],
    expected_integer: ['iterations', () => core.train(c(), { iterations: 2.5 })],
    wrong_length: ['inputs', () => core.trace({ ...c(), inputs: [0.05] }, {})],
    too_few: ['layers', () => core.trace({ ...c(), layers: [2] }, {})],
    too_many: ['layers', () => core.newNetwork({ layers: Array(20).fill(2), activations: 'sigmoid' })],
    out_of_range: ['digits', () => core.trace(c(), { digits: 40 })],
    not_positive: ['learning_rate', () => core.trace({ ...c(), learning_rate: 0 }, {})],
    negative: ['optimizer.weight_decay', run({ kind: 'sgd', lr: 0.5, weight_decay: -1 })],
    unknown_key: ['colour', () => core.trace({ ...c(), colour: 'red' }, {})],
    unknown_choice: ['activations[1]', () => core.trace({ ...c(), activations: ['sigmoid', 'swish'] }, {})],
    missing: ['network', () => core.trainingRun({ optimizer: { kind: 'sgd', lr: 0.5 }, iterations: 0 })],
    softmax_not_output: ['activations[0]', () => core.trace({ ...c(), activations: ['softmax', 'sigmoid'] }, {})],
    loss_needs_activation: ['loss', () => core.trace({ ...c(), loss: 'bce', activations: ['sigmoid', 'relu'] }, {})],
    targets_sum: ['targets', () => core.trace({ ...c(), activations: ['sigmoid', 'softmax'], loss: 'ce', targets: [0.5, 0.7] }, {})],
    out_of_range_open: ['optimizer.beta', run({ kind: 'momentum', lr: 0.5, beta: 1 })],
    not_a_setting_of: ['optimizer.beta1', run({ kind: 'sgd', lr: 0.5, beta1: 0.9 })],
    setting_of_form: ['optimizer.momentum', run({ kind: 'momentum', lr: 0.5, momentum: 0.5 })],
    nesterov_needs_momentum: ['optimizer.nesterov', run({ kind: 'momentum', form: 'pytorch', lr: 0.5, momentum: 0, nesterov: true })],
    expr_empty: ['expression', () => core.expression({ text: '  ' })],
    expr_unexpected: ['expression', () => core.expression({ text: 'x + $' })],
    expr_expected_operand: ['expression', () => core.expression({ text: 'x +' })],
    expr_expected_operator: ['expression', () => core.expression({ text: 'x y' })],
    expr_unclosed: ['expression', () => core.expression({ text: '(x + y' })],
    expr_unknown_name: ['expression', () => core.expression({ text: 'foo(x)' })],
    expr_needs_parenthesis: ['expression', () => core.expression({ text: 'sin x' })],
    expr_too_long: ['expression', () => core.expression({ text: `${'x+'.repeat(300)}y` })],
    expr_too_deep: ['expression', () => core.expression({ text: `${'('.repeat(100)}x${')'.repeat(100)}` })],
    csv_empty: ['csv', () => core.csv({ text: '\n \n', inputs: 2, targets: 2 })],
    csv_columns: ['csv', () => core.csv({ text: '1,2,3', inputs: 2, targets: 2 })],
    csv_not_a_number: ['csv', () => core.csv({ text: '1,2,x,4', inputs: 2, targets: 2 })],
    csv_not_finite: ['csv', () => core.csv({ text: '1,2,1e999,4', inputs: 2, targets: 2 })],
    csv_outside: ['csv', () => core.dataset({ kind: 'circle', csv: 'x,y,class\n1,2,0\n7,0,1' })],
    csv_class: ['csv', () => core.dataset({ kind: 'circle', csv: '1,2,0\n1,1,1.5' })],
    points_item: ['edits', () => core.dataset({ kind: 'circle', edits: '1,2,0/q3' })],
    points_index: ['edits', () => core.dataset({ kind: 'circle', points: 10, edits: 'd10' })],
    points_twice: ['edits', () => core.dataset({ kind: 'circle', edits: 'd3/m3,1,1' })],
    points_outside: ['edits', () => core.dataset({ kind: 'circle', edits: '6.5,0,1' })],
    points_class: ['edits', () => core.dataset({ kind: 'circle', edits: '1,1,8' })],
  };
}

const slots = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

test('every error code the core lists is raised by an input, with a message that fills every slot', async () => {
  const core = await getCore();
  const cases = inputs(core);
  const codes = Object.keys(core.errorCodes());
  // json_syntax comes only from a file, below.
  assert.deepEqual(Object.keys(cases).sort(), codes.filter((code) => code !== 'json_syntax').sort());
  for (const [code, [field, raise]] of Object.entries(cases)) {
    let error;
    try {
      raise();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, `${code}: nothing was thrown`);
    assert.equal(error.code, code, `${code}: ${error.message}`);
    assert.equal(error.field, field, code);
    assert.doesNotMatch(error.message, /[{}]/, `${code}: ${error.message}`);
    for (const [lang, catalog] of Object.entries(catalogs)) {
      const missing = slots(catalog[`error.${code}`]).filter((slot) => slot !== 'field' && !(slot in error.params));
      assert.deepEqual(missing, [], `${lang} error.${code} needs what the core does not give`);
    }
  }
});

test('json_syntax: a network file that is not JSON, with its line and column', async () => {
  const core = await getCore();
  assert.match(core.errorCodes().json_syntax, /\{line\}.*\{column\}/);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-'));
  const file = join(dir, 'net.json');
  writeFileSync(file, '{"layers": [2,\n');
  const out = spawnSync(cli, [file], { encoding: 'utf8' });
  assert.equal(out.status, 2);
  assert.match(out.stderr, /^backprop: invalid JSON at line 2, column 1: /);
});
