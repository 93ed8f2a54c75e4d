// Shared by the node:test files: the module, the native CLI, tolerances.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

/** The classic example's table (issue 2), as published: tests/fixtures/classic_table.json. */
export const table = JSON.parse(readFileSync(new URL('../fixtures/classic_table.json', import.meta.url), 'utf8')).terms;
