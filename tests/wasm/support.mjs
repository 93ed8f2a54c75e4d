// Shared by the node:test files: the module, the native CLI, tolerances.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { loadWasmModule } from './load.mjs';

let core;
export async function getCore() {
  core ??= await loadWasmModule();
  return core;
}

const cli = fileURLToPath(new URL('../../build/native/backprop', import.meta.url));

/** Runs the native CLI (built by the native test step) and parses its JSON. */
export function native(args) {
  assert.ok(existsSync(cli), `the native CLI is missing at ${cli}: build it with cmake --build --preset native`);
  return JSON.parse(execFileSync(cli, [...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

export function assertClose(actual, expected, rel, message = '') {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected);
  assert.ok(ok, `${message} ${actual} is not within ${rel} (relative) of ${expected}`);
}

export function termValue(trace, id) {
  const term = trace.terms.find((t) => t.id === id);
  assert.ok(term, `no term ${id}`);
  return term.value;
}

/** The classic example's table (issue 2), as published. */
export const table = {
  net_h1: 0.3775,
  out_h1: 0.5932699921071872,
  out_h2: 0.596884378259767,
  net_o1: 1.10590596705977,
  out_o1: 0.7513650695523157,
  out_o2: 0.7729284653214625,
  E_total: 0.2983711087600027,
  'dE_total/dw5': 0.08216704056423077,
  'w5+': 0.35891647971788465,
  'dE_total/dw6': 0.08266762784753325,
  'w6+': 0.4086661860762334,
  'dE_total/dw7': -0.02260254047747507,
  'w7+': 0.5113012702387375,
  'dE_total/dw8': -0.022740242215978222,
  'w8+': 0.5613701211079891,
  'dE_total/dw1': 0.0004385677344743465,
  'w1+': 0.1497807161327628,
  'dE_total/dw2': 0.000877135468948693,
  'dE_total/dw3': 0.0004977127352608599,
  'dE_total/dw4': 0.0009954254705217198,
  'E_total+': 0.29102777369359933,
};
