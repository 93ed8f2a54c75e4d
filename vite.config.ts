import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'web');

export default defineConfig({
  root,
  // Relative URLs: the built site works from any folder of any static host.
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        losses: resolve(root, 'losses.html'),
        optimizers: resolve(root, 'optimizers.html'),
        training: resolve(root, 'training.html'),
        // The custom elements' script, at a fixed address: <script src=".../widgets.js">.
        widgets: resolve(root, 'src/elements/widgets.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'widgets' ? 'widgets.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
