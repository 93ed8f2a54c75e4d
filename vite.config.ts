import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = resolve(import.meta.dirname, 'web');

/** The widgets built as anywidget modules (web/src/anywidget/<id>.ts → anywidget/<id>.js). */
const ANYWIDGETS = ['stepper', 'losses', 'optimizers', 'training', 'playground'];

/**
 * The policy strict course platforms use. `npm run preview` (and so every
 * browser test) serves the built site under it: no inline script or style,
 * no eval, nothing from another host.
 */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'";

/**
 * KaTeX's fonts in woff2 only: every browser that runs the module (native
 * wasm exceptions: Chromium 95, Firefox 100, Safari 15.2) reads woff2, and
 * the stylesheet, part of a first visit's scripts, is shorter.
 */
export function katexWoff2Only(): Plugin {
  return {
    name: 'katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/katex[^/]*\.css/.test(id)) return null;
      return code.replace(/,url\([^)]+\.woff\) format\("woff"\),url\([^)]+\.ttf\) format\("truetype"\)/g, '');
    },
  };
}

/** The keys that belong to one of the widgets other than the stepper. */
export const OTHER_WIDGETS_KEYS = /^(playground|race|training|buglab|losses|tutorial|tutorials|progress|deck|dataset|feature)\./;

/**
 * The message catalog in two parts, so that the stepper's page loads only
 * what it speaks: `virtual:catalog/<lang>-stepper` holds every key but the
 * other widgets' own, `virtual:catalog/<lang>-others` those
 * (web/src/shared/i18n.ts loads one or both). The source stays one file a
 * language, web/src/messages/<lang>.json.
 */
export function catalogParts(): Plugin {
  const prefix = 'virtual:catalog/';
  return {
    name: 'catalog-parts',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return null;
      const [, lang, part] = /^(.*)-([a-z]+)$/.exec(id.slice(prefix.length + 1)) ?? [];
      if (!/^(en|zh-CN)$/.test(lang) || (part !== 'stepper' && part !== 'others')) throw new Error(`no catalog part ${id.slice(1)}`);
      const file = resolve(root, `src/messages/${lang}.json`);
      this.addWatchFile(file);
      const all: Record<string, string> = JSON.parse(readFileSync(file, 'utf8'));
      const wanted = Object.entries(all).filter(([key]) => OTHER_WIDGETS_KEYS.test(key) === (part === 'others'));
      // The stepper's part also says which keys it leaves out.
      const elsewhere = part === 'stepper' ? `export const elsewhere = ${OTHER_WIDGETS_KEYS};\n` : '';
      return `${elsewhere}export default ${JSON.stringify(Object.fromEntries(wanted))};`;
    },
  };
}

/**
 * A widget page (index.html for the stepper, losses.html, …) loads its
 * widget's code with import() once the custom element starts; the built
 * page preloads from the start what it will import so (the page's own
 * code, where its script imports it, src/<widget>/page.ts; its widget,
 * src/<widget>/widget.ts; the glue of the wasm module whose file the page
 * preloads) and the chunks those import, so they download beside the
 * page's first script and the module. Code loaded when first used (the
 * stepper's exercise mode, the handout export) is not preloaded.
 *
 * The stepper's page also preloads the KaTeX fonts its first term's
 * formula is drawn in (FIRST_TERM_FONTS). KaTeX's fonts block: a formula's
 * text is not drawn until its fonts are here, and without the preload they
 * are asked for only by the layout that first shows it.
 * tests/e2e/fonts.spec.ts checks they are the fonts the first term uses.
 */
export const FIRST_TERM_FONTS = ['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_Main-Italic'];

function preloadPageWidget(): Plugin {
  return {
    name: 'preload-page-widget',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const entry = ctx.chunk;
        const bundle = ctx.bundle;
        // The page's script is src/<widget>/main.ts.
        const page = entry?.moduleIds.map((id) => id.match(/\/src\/([a-z]+)\/main\.ts$/)?.[1]).find(Boolean);
        if (!entry || !bundle || !page) return html;
        const chunkOf = (test: (id: string) => boolean) =>
          Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId !== null && test(c.facadeModuleId));
        // The module's wasm the page's own HTML preloads (written there as src/generated/<name>.wasm).
        const wasm = /<link rel="preload" href="[^"]*\/generated\/(backprop_\w+)\.wasm"/.exec(readFileSync(ctx.filename, 'utf8'))?.[1];
        // In the order they are needed: the module's glue starts it.
        const wanted = [
          wasm ? chunkOf((id) => id === resolve(root, `src/generated/${wasm}.js`)) : undefined,
          chunkOf((id) => id === resolve(root, `src/${page}/page.ts`)),
          chunkOf((id) => id === resolve(root, `src/${page}/widget.ts`)),
        ];
        // What the page's script imports statically, Vite preloads already.
        const loaded = new Set<string>();
        const files: string[] = [];
        const visit = (fileName: string, add: boolean) => {
          if (loaded.has(fileName)) return;
          loaded.add(fileName);
          if (add) files.push(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') chunk.imports.forEach((f) => visit(f, add));
        };
        visit(entry.fileName, false);
        for (const chunk of wanted) if (chunk?.type === 'chunk') visit(chunk.fileName, true);
        const fonts =
          page === 'stepper'
            ? FIRST_TERM_FONTS.map((font) => {
                const asset = Object.values(bundle).find((a) => a.type === 'asset' && a.names.includes(`${font}.woff2`));
                if (!asset) throw new Error(`preload: no ${font}.woff2 in the build`);
                return asset.fileName;
              })
            : [];
        // In the order they are needed: the code, then the fonts (its first layout asks for them).
        return [
          ...files.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
          ...fonts.map((file) => ({ tag: 'link', attrs: { rel: 'preload', href: `./${file}`, as: 'font', type: 'font/woff2', crossorigin: true }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/**
 * The code a first visit of the stepper's page runs as it loads (its
 * script, its page and widget, the module's glue, and what those import
 * statically) is marked `//# allFunctionsCalledOnLoad`: Chromium then
 * compiles its functions while the file downloads, on another thread,
 * instead of each one on the page's main thread when it is first called.
 * Other browsers read a comment. Measured in README.md ("Size and speed").
 * The plugin finds those modules once the build has read them; the mark
 * goes in as output.postBanner, since minifying drops comments. Chunks of
 * a few functions go without: compiled in a moment either way, the mark
 * would only add its bytes to each.
 */
const EAGER_CHUNK_CHARS = 8000;

function compileStepperEagerly(): { plugin: Plugin; postBanner: (chunk: { moduleIds: string[]; modules: Record<string, { renderedLength: number }> }) => string } {
  const roots = ['src/stepper/main.ts', 'src/stepper/page.ts', 'src/stepper/widget.ts', 'src/generated/backprop_stepper.js'].map((f) => resolve(root, f));
  const loaded = new Set<string>();
  const plugin: Plugin = {
    name: 'compile-stepper-eagerly',
    apply: 'build',
    buildEnd() {
      const visit = (id: string) => {
        if (loaded.has(id)) return;
        loaded.add(id);
        this.getModuleInfo(id)?.importedIds.forEach(visit);
      };
      roots.forEach(visit);
    },
  };
  const size = (chunk: { modules: Record<string, { renderedLength: number }> }) => Object.values(chunk.modules).reduce((sum, m) => sum + m.renderedLength, 0);
  return {
    plugin,
    postBanner: (chunk) => (chunk.moduleIds.some((id) => loaded.has(id)) && size(chunk) >= EAGER_CHUNK_CHARS ? '//# allFunctionsCalledOnLoad' : ''),
  };
}
const eagerly = compileStepperEagerly();

export default defineConfig({
  root,
  plugins: [katexWoff2Only(), catalogParts(), preloadPageWidget(), eagerly.plugin],
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
        // An example reveal.js deck with a widget on a slide.
        deck: resolve(root, 'deck.html'),
        // The page that loads a widget's anywidget module as a notebook or a MyST page does.
        'anywidget-host': resolve(root, 'anywidget.html'),
        // The custom elements' script, at a fixed address: <script src=".../widgets.js">.
        widgets: resolve(root, 'src/elements/widgets.ts'),
        // One anywidget ES module per widget, at fixed addresses: anywidget/stepper.js, …
        ...Object.fromEntries(ANYWIDGETS.map((id) => [`anywidget/${id}`, resolve(root, `src/anywidget/${id}.ts`)])),
      },
      // An anywidget module's default export is its interface: kept (the pages' entries export nothing).
      preserveEntrySignatures: 'exports-only',
      output: {
        postBanner: eagerly.postBanner,
        entryFileNames: (chunk) =>
          chunk.name === 'widgets' || chunk.name.startsWith('anywidget/') ? `${chunk.name}.js` : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', headers: { 'Content-Security-Policy': CSP } },
});
