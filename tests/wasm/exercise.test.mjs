// The stepper's exercise mode through the whole module: the catalog of
// mistakes, each mistake's value as tests/native/test_mistakes.cpp pins it and
// as PyTorch computes it (tests/fixtures/mistakes_pytorch.py), the verdicts of
// a typed answer, and the errors the page shows for a bad call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getCore } from './support.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/mistakes_pytorch.json', import.meta.url), 'utf8'));
const catalogs = Object.fromEntries(['en', 'zh-CN'].map((lang) => [lang, JSON.parse(readFileSync(new URL(`../../web/src/messages/${lang}.json`, import.meta.url), 'utf8'))]));

function close(actual, expected) {
  return Math.abs(actual - expected) <= Math.max(1e-12 * Math.abs(expected), 1e-300);
}

/** Asserts the mistake is listed for the term with this value, to 1e-12. */
function assertListed(list, id, value) {
  const found = list.mistakes.filter((m) => m.id === id);
  assert.ok(found.some((m) => close(m.value, value)), `${list.term}: ${id} = ${value} is not among ${JSON.stringify(found)}`);
}

function errorOf(call) {
  try {
    call();
  } catch (e) {
    return e;
  }
  assert.fail('no error');
}

/** The error as the page words it, in each language (the catalog's message with the error's params). */
function shown(e, lang) {
  const message = catalogs[lang][`error.${e.code}`];
  assert.ok(message, `error.${e.code} has a message in ${lang}`);
  const params = { field: e.field, ...e.params };
  const text = message.replace(/\{(\w+)\}/g, (_, key) => {
    assert.ok(key in params, `${lang} error.${e.code} needs {${key}}`);
    return String(params[key]);
  });
  return text;
}

test('exerciseMistakeIds lists the catalog of mistakes, in its order', async () => {
  const core = await getCore();
  assert.deepEqual(core.exerciseMistakeIds(), ['sign_dE_dout', 'sigma_prime_dropped', 'out_for_net', 'updated_weight', 'path_left_out', 'eta_not_applied', 'bias_as_weight']);
});

test('exerciseMistakes on the classic example: the values the native tests pin', async () => {
  const core = await getCore();
  const config = core.classic();
  const at = (term) => core.exerciseMistakes({ config, term });
  // dE_total/dw5 = 0.082167041: with the sign flipped, without σ′.
  const dw5 = at('dE_total/dw5');
  assert.equal(dw5.term, 'dE_total/dw5');
  assert.equal(dw5.value, 0.08216704056423077);
  assertListed(dw5, 'sign_dE_dout', -0.08216704056423077);
  assertListed(dw5, 'sigma_prime_dropped', 0.7413650695523157 * 0.5932699921071872);
  // w5+ = 0.35891648: without η, w5 − ∂E/∂w5, or ∂E/∂w5 itself.
  const w5 = at('w5+');
  assert.ok(close(w5.value, 0.35891647971788465));
  assertListed(w5, 'eta_not_applied', 0.4 - 0.08216704056423077);
  assertListed(w5, 'eta_not_applied', 0.08216704056423077);
  // dnet_o1/dout_h1 is w5 before the update (0.40), not w5+.
  assertListed(at('dnet_o1/dout_h1'), 'updated_weight', 0.35891647971788465);
  // dE_total/dout_h1 = 0.0363503 without one of its two paths.
  const dh1 = at('dE_total/dout_h1');
  assertListed(dh1, 'path_left_out', -0.019049118258278393);
  assertListed(dh1, 'path_left_out', 0.05539942465142279);
  // No mistake reaches the forward pass; none is listed within 1e-3 of the right value.
  assert.deepEqual(at('net_h1').mistakes, []);
  assert.deepEqual(at('out_o1').mistakes, []);
  for (const list of [dw5, w5, dh1]) {
    for (const m of list.mistakes) assert.ok(Math.abs(m.value - list.value) > 1e-3 * Math.abs(list.value), `${list.term}: ${m.id} ${m.value}`);
  }
});

test('every mistake PyTorch makes is listed with PyTorch\'s value, to 1e-12', async () => {
  const core = await getCore();
  for (const c of fixture.cases) {
    for (const e of c.expected) {
      const list = core.exerciseMistakes({ config: c.network, term: e.term });
      assert.ok(close(list.value, c.right[e.term]), `${c.name}: ${e.term} = ${list.value} against PyTorch's ${c.right[e.term]}`);
      assertListed(list, e.mistake, e.value);
    }
  }
});

test('exerciseCheck: right, too few digits, not a number, a named mistake, wrong', async () => {
  const core = await getCore();
  const config = core.classic();
  const check = (answer, term = 'dE_total/dw5') => core.exerciseCheck({ config, term, answer });
  const right = check('0.08216704');
  assert.deepEqual(right, { verdict: 'right', mistake: null, digits: 7, min_digits: 3, value: 0.08216704056423077 });
  // Rounded or cut at the last digit given, U+2212 and a decimal comma read as the page says.
  for (const answer of ['0.0822', '0.0821', '8.2167E-2', '0,082167']) assert.equal(check(answer).verdict, 'right', answer);
  const few = check('0.082');
  assert.deepEqual([few.verdict, few.digits, few.min_digits, few.value], ['too_few_digits', 2, 3, null]);
  for (const answer of ['x', '', '1e999', 'NaN', '0.08.2']) {
    const r = check(answer);
    assert.deepEqual([r.verdict, r.mistake, r.value], ['not_a_number', null, null], JSON.stringify(answer));
  }
  // The value is given only once it is found.
  const sign = check('\u22120.0821670');
  assert.deepEqual(sign, { verdict: 'mistake', mistake: 'sign_dE_dout', digits: 6, min_digits: 3, value: null });
  assert.equal(check('0.440').mistake, 'sigma_prime_dropped');
  assert.equal(check('0.317833', 'w5+').mistake, 'eta_not_applied');
  assert.equal(check('0.358916', 'dnet_o1/dout_h1').mistake, 'updated_weight');
  const wrong = check('0.123');
  assert.deepEqual([wrong.verdict, wrong.mistake, wrong.value], ['wrong', null, null]);
  assert.equal(check('0.0823').verdict, 'wrong');
});

test('a bad call is an Error with the code, field and params the page words in both languages', async () => {
  const core = await getCore();
  const config = core.classic();
  const unknown = errorOf(() => core.exerciseCheck({ config, term: 'dE_total/dw9', answer: '1' }));
  assert.ok(unknown instanceof Error);
  assert.equal(unknown.code, 'unknown_choice');
  assert.equal(unknown.field, 'term');
  assert.equal(unknown.params.value, 'dE_total/dw9');
  assert.ok(unknown.params.choices.split(', ').includes('dE_total/dw5'));
  assert.match(shown(unknown, 'en'), /^term: “dE_total\/dw9” is not one of net_h1, /);
  assert.match(shown(unknown, 'zh-CN'), /^term：“dE_total\/dw9”不在可选项 net_h1, /);
  const alsoUnknown = errorOf(() => core.exerciseMistakes({ config, term: 'w9+' }));
  assert.deepEqual([alsoUnknown.code, alsoUnknown.field, alsoUnknown.params.value], ['unknown_choice', 'term', 'w9+']);

  const missing = errorOf(() => core.exerciseCheck({ config, term: 'dE_total/dw5' }));
  assert.deepEqual([missing.code, missing.field], ['missing', 'answer']);
  assert.equal(shown(missing, 'en'), 'answer is missing');
  assert.equal(shown(missing, 'zh-CN'), '缺少 answer');
  const noTerm = errorOf(() => core.exerciseMistakes({ config }));
  assert.deepEqual([noTerm.code, noTerm.field], ['missing', 'term']);
  const noConfig = errorOf(() => core.exerciseCheck({ term: 'w5+', answer: '1' }));
  assert.deepEqual([noConfig.code, noConfig.field], ['missing', 'config']);
  const notText = errorOf(() => core.exerciseCheck({ config, term: 'dE_total/dw5', answer: 0.0822 }));
  assert.deepEqual([notText.code, notText.field], ['expected_string', 'answer']);
  assert.equal(shown(notText, 'zh-CN'), 'answer 必须是文本');
});
