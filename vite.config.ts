import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'web');

/**
 * The policy strict course platforms use. `npm run preview` (and so every
 * browser test) serves the built site under it: no inline script or style,
 * no eval, nothing from another host.
 */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'";

export default defineConfig({
  root,
  // Relative URLs: the built site works from any folder of any static host.
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Fonts stay files: font-src 'self' does not allow data: URLs.
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        losses: resolve(root, 'losses.html'),
        optimizers: resolve(root, 'optimizers.html'),
        training: resolve(root, 'training.html'),
        playground: resolve(root, 'playground.html'),
        tutorials: resolve(root, 'tutorials.html'),
        // The custom elements' script, at a fixed address: <script src=".../widgets.js">.
        widgets: resolve(root, 'src/elements/widgets.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'widgets' ? 'widgets.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', headers: { 'Content-Security-Policy': CSP } },
});
