// npm run build:single: the whole site as one HTML file (scripts, styles,
// fonts and the wasm inside), which works opened from disk with no network.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { catalogParts, katexWoff2Only } from './vite.config';

const root = resolve(import.meta.dirname, 'web');

export default defineConfig({
  root,
  base: './',
  plugins: [katexWoff2Only(), catalogParts(), viteSingleFile()],
  resolve: {
    // The module with the wasm inside it, instead of beside it (the one-file
    // copy holds every widget, so each widget's own module is the whole one).
    alias: [{ find: /^.*\/generated\/backprop_(core|stepper|losses|race|training|playground|playground_files|exercise)\.js$/, replacement: resolve(root, 'src/generated/backprop_core_single.js') }],
  },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-single'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: resolve(root, 'backprop-offline.html') },
  },
});
