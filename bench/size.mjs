// What a reader downloads: the whole wasm module and its glue, each page's
// module and the two loaded on first use (each at most 120 KB gzip), the
// one-file copy's module, and every byte a first visit of the stepper
// (index.html) loads, fonts aside, each as sent by a server that gzips
// (zlib level 9); then what the exercise switch and the first save of
// a step add (their code is loaded when first used).
//
//   node bench/size.mjs        the sizes alone (builds the site in dist/)
//   node bench/size.mjs <site> <other site>
//                              a first visit of two built sites, and the ratio
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const isFont = (path) => /\.(woff2?|ttf|otf)$/.test(path);

/** The modules' files as the build copies them to web/src/generated (each page's module has the same glue): raw and gzip KB. */
export function moduleSizes(root) {
  const pages = ['stepper', 'losses', 'race', 'training', 'playground', 'playground_files', 'exercise'].map((page) => `backprop_${page}.wasm`);
  return ['backprop_core.wasm', 'backprop_core.js', ...pages, 'backprop_stepper.js', 'backprop_core_single.js'].map((name) => {
    const bytes = readFileSync(join(root, 'web/src/generated', name));
    return { file: name, 'raw KB': kb(bytes.length), 'gzip KB': kb(gzip(bytes)) };
  });
}

function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * A first visit of the stepper in Chromium, against the built site: every
 * file it requests until the network is idle, fonts aside, with its gzip
 * size. Returns the files and their total.
 */
export async function firstVisit(root) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return visitSite(join(root, 'dist'));
}

/** The same for a site already built in `dist`. */
export async function visitSite(dist) {
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const files = new Set();
  const later = new Set();
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    let seen = files;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.host === `127.0.0.1:${server.address().port}`) seen.add(url.pathname);
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html#lang=en`);
    await page.locator('#current-term[data-term]').waitFor();
    await page.waitForLoadState('networkidle');
    // First used: the exercise switch, then a save of the step.
    seen = later;
    await page.locator('#exercise-mode').check();
    await page.locator('#exercise-answer').waitFor();
    await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="svg"]').click()]);
    await page.waitForLoadState('networkidle');
  } finally {
    await browser.close();
    server.close();
  }
  return { ...table(dist, files), used: table(dist, [...later].filter((f) => !files.has(f))) };
}

/** Each file's raw and gzip size, fonts aside, largest first, and their total. */
function table(dist, files) {
  const rows = [];
  for (const path of files) {
    if (isFont(path)) continue;
    const bytes = readFileSync(join(dist, decodeURIComponent(path)));
    rows.push({ file: path.replace(/^\//, ''), raw: bytes.length, gzip: gzip(bytes) });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = { file: `total (${rows.length} files)`, raw: 0, gzip: 0 };
  for (const r of rows) {
    total.raw += r.raw;
    total.gzip += r.gzip;
  }
  return {
    rows: [...rows, total].map((r) => ({ file: r.file, 'raw KB': kb(r.raw), 'gzip KB': kb(r.gzip) })),
    gzip: total.gzip,
  };
}

/** Prints the tables. */
export async function printSizes(root) {
  console.log('\nthe wasm module (web/src/generated; gzip -9)');
  console.table(moduleSizes(root));
  const visit = await firstVisit(root);
  console.log(`\na first visit of the stepper (index.html), fonts aside: ${kb(visit.gzip)} KB gzip`);
  console.table(visit.rows);
  console.log(`\nthen loaded when first used (the exercise switch, a save of the step): ${kb(visit.used.gzip)} KB gzip`);
  console.table(visit.used.rows);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sites = process.argv.slice(2);
  if (!sites.length) {
    await printSizes(fileURLToPath(new URL('..', import.meta.url)));
  } else {
    const visits = [];
    for (const site of sites) {
      const visit = await visitSite(site);
      visits.push(visit);
      console.log(`\n${site}: a first visit of the stepper, fonts aside: ${kb(visit.gzip)} KB gzip`);
      console.table(visit.rows);
      console.log(`then loaded when first used (the exercise switch, a save of the step): ${kb(visit.used.gzip)} KB gzip`);
      console.table(visit.used.rows);
    }
    if (visits.length === 2) console.log(`\n${sites[1]} / ${sites[0]}: ${(visits[1].gzip / visits[0].gzip).toFixed(3)}`);
  }
}
