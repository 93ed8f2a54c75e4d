// Loads the wasm core once for the whole page.
import createBackpropCore from '../generated/backprop_core.js';
import { wrapCore } from './core-boundary';
import type { BackpropCore } from './core-types';

let instance: Promise<BackpropCore> | undefined;

export function loadCore(): Promise<BackpropCore> {
  instance ??= createBackpropCore().then(wrapCore);
  return instance;
}
