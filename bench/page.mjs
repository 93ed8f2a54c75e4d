// The training page's own time, in Debian's Chromium against the built site.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };

function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function pageTimes(root, names, optimizers) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  const server = await serve(join(root, 'dist'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const rows = [];
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/training.html#lang=en`);
    await page.locator('#code .line').first().waitFor();
    for (const [i, name] of names.entries()) {
      await page.locator('#optimizer-kind').selectOption(name);
      await page.locator('#optimizer-lr').fill(String(optimizers[name].lr));
      await page.locator('#run').click();
      await page.locator(`#run-chart[data-runs="${i + 1}"]`).waitFor({ timeout: 60000 });
      const chart = page.locator('#run-chart');
      rows.push({
        optimizer: name,
        'page ms (10,000 iterations)': await chart.getAttribute('data-total-ms'),
        'longest chunk ms': await chart.getAttribute('data-longest-ms'),
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}
