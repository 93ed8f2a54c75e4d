// The student's own points in the wasm module: edits of a generated set and
// a pasted CSV give the native core's points and split
// (tests/native/test_playground_points.cpp), and the errors name the item
// or the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCore } from './support.mjs';

const EDITS = 'd5/m6,0,0/1,1,1/2,2,1/3,3,0/4,4,0/-1,-1,1/-2,-2,0';

test('edits remove, move and add points; the split keeps each generated point\'s side and splits the added ones by the share', async () => {
  const core = await getCore();
  const plain = core.dataset({ kind: 'xor', points: 40, seed: 3 });
  const d = core.dataset({ kind: 'xor', points: 40, seed: 3, edits: EDITS });
  assert.equal(d.x.length, 45);
  assert.deepEqual([...d.origin], [0, 1, 2, 3, 4, ...Array.from({ length: 34 }, (_, i) => i + 6), -1, -2, -3, -4, -5, -6]);
  assert.equal(d.x[5], 0);
  assert.equal(d.y[5], 0);
  assert.equal(d.label[5], plain.label[6]);
  assert.deepEqual([...d.x.slice(39)], [1, 2, 3, 4, -1, -2]);
  // The same split as natively, seed for seed.
  assert.deepEqual([...d.train], [2, 4, 5, 6, 8, 9, 10, 11, 13, 15, 18, 19, 22, 26, 29, 32, 34, 36, 38, 39, 41, 43]);
  const train0 = new Set(plain.train);
  for (let i = 0; i < 39; i++) assert.equal(d.train.includes(i), train0.has(d.origin[i]), `point ${i}`);
  assert.equal([39, 40, 41, 42, 43, 44].filter((i) => d.train.includes(i)).length, 3);
  assert.deepEqual(d.edits.removed, new Float64Array([5]));
  assert.deepEqual(d.edits.moved, new Float64Array([6, 0, 0]));
  assert.equal(d.classes, 2);
});

test('a pasted CSV: own points, a header and a blank line skipped, a third class; its errors name the line', async () => {
  const core = await getCore();
  const d = core.dataset({ kind: 'circle', seed: 3, csv: 'x, y, class\n-1, -1, 0\n\n1, 1, 1\n0, 2.5, 2\n' });
  assert.deepEqual([...d.x], [-1, 1, 0]);
  assert.deepEqual([...d.label], [0, 1, 2]);
  assert.deepEqual([...d.origin], [-1, -2, -3]);
  assert.deepEqual([...d.train], [0, 2]);
  assert.equal(d.classes, 3);
  assert.equal(d.edits.own, true);
  const error = (spec) => {
    try {
      core.dataset(spec);
    } catch (e) {
      return { code: e.code, field: e.field, ...e.params };
    }
    return null;
  };
  assert.deepEqual(error({ kind: 'circle', csv: 'x,y,class\n1,2,0\n1,2\n' }), { code: 'csv_columns', field: 'csv', line: '3', expected: '3', inputs: '2', targets: '1', actual: '2' });
  assert.deepEqual(error({ kind: 'circle', csv: '1,2,0\n  \n1,1,0.5\n' }), { code: 'csv_class', field: 'csv', line: '3', max: '7', value: '0.5' });
  assert.deepEqual(error({ kind: 'circle', csv: 'x,y,class\n\n1,2,0\n1,9,1\n' }), { code: 'csv_outside', field: 'csv', line: '4', x: '1', y: '9' });
  assert.deepEqual(error({ kind: 'circle', points: 10, edits: '1,1,0/d10' }), { code: 'points_index', field: 'edits', item: '2', index: '10', count: '10' });
  assert.equal(error({ kind: 'plane', csv: '1,2,0.37' }), null);
});
