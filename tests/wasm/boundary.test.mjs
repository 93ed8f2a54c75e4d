// The boundary between JS and the core: values cross exactly, typed arrays
// are the caller's to keep, and calls do not share result buffers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCore } from './support.mjs';
import { loadWasmModule } from './load.mjs';

test('numbers cross exactly both ways: NaN, ±Infinity and -0 included', async () => {
  const core = await getCore();
  // compareRuns hands back a curve's indices; the curves cross as Float64Arrays and as lists.
  const a = [3, NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308, 0.1 + 0.2];
  for (const curve of [a, Float64Array.from(a)]) {
    assert.deepEqual(core.compareRuns({ a: curve, b: curve }), {
      a_below_from: null, b_below_from: null, a_constant_from: null, b_constant_from: null,
    });
  }
  // A state handed back keeps every bit: -0 and subnormals in .grad.
  const network = core.classic();
  const first = core.trainingRun({ network, iterations: 1 });
  const grad = Float64Array.from([-0, 5e-324, 0.1 + 0.2, -1e-300, 1, 2, 3, 4]);
  const iteration = core.trainingIteration({ network, zero_grad: false, state: { ...first.state, grad } });
  assert.ok(Object.is(iteration.grad_before[0], -0));
  assert.deepEqual([...iteration.grad_before], [...grad]);
  // -0 comes back as -0 from a number the core reads.
  assert.ok(Object.is(core.number(-0, 'x'), -0));
  assert.ok(Object.is(core.number('-0', 'x'), -0));
});

test('a number typed as text reaches the core\'s reader as text', async () => {
  const core = await getCore();
  assert.equal(core.number('0.5', 'x'), 0.5);
  assert.equal(core.number('\u22121', 'x'), -1);
  assert.equal(core.number(' 1e-3 ', 'x'), 0.001);
  const config = core.classic();
  config.weights[1][0][0] = '\u22120.4';
  config.learning_rate = '0.5';
  const trace = core.trace(config, {});
  assert.ok(Number.isFinite(trace.E_total));
  const e = (() => {
    try {
      core.number('1,5', 'eta');
    } catch (err) {
      return err;
    }
  })();
  assert.equal(e.code, 'not_a_number');
  assert.equal(e.field, 'eta');
});

test('strings cross as UTF-8, keys in their order, undefined members left out as JSON leaves them', async () => {
  const core = await getCore();
  const e = (() => {
    try {
      core.trace({ ...core.classic(), 'ключ✓': 1 }, {});
    } catch (err) {
      return err;
    }
  })();
  assert.equal(e.code, 'unknown_key');
  assert.equal(e.field, 'ключ✓');
  // An undefined option is no option; a missing argument is null.
  assert.ok(core.trace(core.classic(), { digits: undefined }).terms.length > 50);
  assert.equal(core.number(2).valueOf(), 2);
});

test('a Float64Array the core returns stays valid after further calls', async () => {
  const core = await getCore();
  const surface = { preset: 'beale' };
  const first = core.grid({ surface, domain: [-4.5, 4.5, -4.5, 4.5], width: 64, height: 64 });
  const copy = Float64Array.from(first.values);
  for (let i = 0; i < 20; i++) core.grid({ surface: { preset: 'rosenbrock' }, domain: [-2, 2, -1, 3], width: 256, height: 256 });
  core.race({ surface, start: [1, -1], steps: 5000, optimizers: [{ id: 'adam', kind: 'adam', lr: 0.05 }] });
  assert.equal(first.values.length, 64 * 64);
  assert.deepEqual(first.values, copy);
  assert.notEqual(first.values.buffer, core.HEAP8.buffer);
});

test('calls are reentrant: a call made while another result is held does not change it', async () => {
  const core = await getCore();
  const network = core.newNetwork({ layers: [2, 3, 1], activations: 'tanh', loss: 'mse', seed: 4 });
  const a = core.networkGrid({ network, domain: [-1, 1, -1, 1], width: 8, height: 8 });
  const keep = Float64Array.from(a.values);
  const b = core.networkGrid({ network: core.newNetwork({ layers: [2, 2, 1], activations: 'relu', seed: 9 }), domain: [-5, 5, -5, 5], width: 16, height: 16 });
  assert.deepEqual(a.values, keep);
  assert.equal(b.values.length, 5 * 16 * 16);
  // A call made while the arguments of another are being written (from a getter) leaves both whole.
  let inner = null;
  const spec = {
    get network() {
      inner = core.networkGrid({ network: core.newNetwork({ layers: [2, 2, 1], activations: 'relu', seed: 9 }), domain: [-5, 5, -5, 5], width: 16, height: 16 });
      return network;
    },
    domain: [-1, 1, -1, 1],
    width: 8,
    height: 8,
  };
  assert.deepEqual(core.networkGrid(spec).values, keep);
  assert.deepEqual(inner.values, b.values);
});

test('the functions are the bindings\' list, each installed once', async () => {
  const core = await getCore();
  const names = core.functionNames();
  assert.equal(new Set(names).size, names.length);
  for (const name of ['trace', 'trainingEpoch', 'networkGrid', 'number']) assert.ok(names.includes(name), name);
});

test('a typed array of any kind crosses as its numbers; a DataView is an object, not a list', async () => {
  const core = await getCore();
  const falling = { a_below_from: null, b_below_from: null, a_constant_from: null, b_constant_from: null };
  // The same curve as Float32Array, Int32Array, BigInt64Array and a list: equal everywhere.
  for (const a of [Float32Array.from([3, 2, 1]), Int32Array.from([3, 2, 1]), new BigInt64Array([3n, 2n, 1n])]) {
    assert.deepEqual(core.compareRuns({ a, b: [3, 2, 1] }), falling);
  }
  // Below from index 1 (2 < 2.5): read as numbers, not as their bytes.
  assert.equal(core.compareRuns({ a: Float32Array.from([3, 2, 1]), b: [3, 2.5, 1.5] }).a_below_from, 1);
  assert.throws(() => core.compareRuns({ a: new DataView(new ArrayBuffer(8)), b: [1] }), { code: 'expected_array', field: 'a' });
  // A long list: all 100,000 numbers read.
  const long = Float64Array.from({ length: 100000 }, (_, i) => Math.sin(i) * 1e-300 * (i % 7));
  assert.deepEqual(core.compareRuns({ a: long, b: long }), falling);
  const shifted = Float64Array.from(long, (x, i) => (i >= 99990 ? x - 1 : x));
  assert.equal(core.compareRuns({ a: shifted, b: long }).a_below_from, 99990);
});

test('a value nested deeper than the core reads, or a cycle, is refused with the core\'s error', async () => {
  const core = await getCore();
  const cycle = {};
  cycle.self = cycle;
  let deep = [];
  for (let i = 0; i < 300; i++) deep = [deep];
  for (const value of [cycle, deep]) {
    assert.throws(() => core.trace(value, {}), { code: 'json_syntax', params: { line: '1', column: '1', detail: 'nested too deeply' } });
  }
  // 150 deep is read (and refused for what it is).
  let fine = [];
  for (let i = 0; i < 150; i++) fine = [fine];
  assert.throws(() => core.number(fine, 'x'), { code: 'expected_number' });
});

test('text of any length and script crosses as UTF-8; a lone surrogate becomes U+FFFD', async () => {
  const core = await getCore();
  const field = (config) => {
    try {
      core.trace(config, {});
    } catch (e) {
      return e.field;
    }
  };
  const long = 'k'.repeat(70) + '权重✓' + 'é'.repeat(40);
  assert.equal(field({ ...core.classic(), [long]: 1 }), long);
  assert.equal(field({ ...core.classic(), '\ud800x': 1 }), '\ufffdx');
  // An own "__proto__" member is a member like any other.
  assert.equal(field({ ...core.classic(), ...JSON.parse('{"__proto__": 1}') }), '__proto__');
});

test('arguments written by another caller are checked: cut short, counting more items than bytes, an unknown tag or too deep', async () => {
  const raw = await loadWasmModule(undefined, { raw: true });
  const index = raw.functionNames().indexOf('number');
  const call = (bytes) => {
    const address = raw._malloc(Math.max(bytes.length, 1));
    raw.HEAPU8.set(bytes, address);
    return raw.call(index, address, bytes.length);
  };
  const u32 = (n) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24];
  // [2.5] read right: an array (5) of one number (3).
  const number = [3, ...new Uint8Array(Float64Array.of(2.5).buffer)];
  const ok = call(Uint8Array.from([5, ...u32(1), ...number]));
  assert.ok(ok instanceof Uint8Array);
  raw.release();
  for (const bytes of [
    [5, ...u32(1), 3, 0, 0], // a number cut short
    [5, ...u32(1000000), ...number], // a million items in 14 bytes
    [5, ...u32(1), 42], // no such tag
  ]) {
    const e = call(Uint8Array.from(bytes));
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'internal');
    assert.equal(e.message, 'malformed arguments');
  }
  // 300 arrays, one in the other: refused at the core's depth, as a value the page passes.
  const deep = [];
  for (let i = 0; i < 300; i++) deep.push(5, ...u32(1));
  deep.push(0);
  const e = call(Uint8Array.from(deep));
  assert.equal(e.code, 'json_syntax');
  assert.equal(e.params.detail, 'nested too deeply');
});
