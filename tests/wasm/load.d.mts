// The types of load.mjs, for the browser tests that compare the page with the core.
export const moduleUrl: URL;
export function loadWasmModule(jsUrl?: URL | string): Promise<unknown>;
