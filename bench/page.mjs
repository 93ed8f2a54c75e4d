// The pages' own time, in Debian's Chromium against the built site: the
// training page's runs, the optimizer race's frames, the stepper's first
// load, the playground's frames while it plays.
//
// Run on its own it compares built sites, alternating between them run by
// run (this machine's speed drifts), and prints the ratio:
//   node bench/page.mjs dist-before dist-after
// BENCH_PAGE_PARTS=stepper (or race, playground, comma-separated) runs only
// those parts; BENCH_PAGE_RUNS=<n> sets the runs (5).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The cores this thread may run on, as taskset writes them (null where taskset is missing). */
function affinity(list) {
  try {
    return execFileSync('taskset', ['-p', '-c', ...(list ? [list] : []), String(process.pid)], { encoding: 'utf8' }).trim().split(': ').pop();
  } catch {
    return null;
  }
}

/**
 * Chromium on every core, as a reader's browser runs: `npm run bench` pins
 * node to one core for the core's timings (taskset -c 0), and a browser
 * started from it would inherit that, its compile threads, network and
 * renderer all taking turns on one core. Its processes are started from
 * this thread, so the thread is unpinned while it launches.
 */
async function launch() {
  const all = `0-${cpus().length - 1}`;
  const pinned = [all, [...cpus().keys()].join(',')].includes(affinity()) ? null : affinity();
  if (pinned) affinity(all);
  try {
    return await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } finally {
    if (pinned) affinity(pinned);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Serves each built site and runs fn(browser, origins) with one browser. */
async function withSites(dirs, fn) {
  const servers = await Promise.all(dirs.map(serve));
  const browser = await launch();
  try {
    return await fn(browser, servers.map((s) => `http://127.0.0.1:${s.address().port}`));
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }
}

export async function pageTimes(root, names, optimizers) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  const rows = [];
  await withSites([join(root, 'dist')], async (browser, [origin]) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/training.html#lang=en`);
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
    await page.close();
  });
  return rows;
}

// Every task of the page's main thread comes from a trace (a long-task
// observer sees only tasks over 50 ms); the categories the DevTools
// Performance panel records.
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/** The renderer main thread's events between the marks `${mark}-start` and `${mark}-end`. */
function mainThread(buffer, mark) {
  const events = JSON.parse(buffer.toString()).traceEvents;
  const start = events.find((e) => e.name === `${mark}-start`);
  const end = events.find((e) => e.name === `${mark}-end`);
  if (!start || !end) throw new Error(`no ${mark} marks in the trace`);
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && e.pid === start.pid).map((e) => e.tid));
  return events.filter((e) => e.ph === 'X' && e.pid === start.pid && main.has(e.tid) && e.ts + e.dur >= start.ts && e.ts <= end.ts);
}

/**
 * Its tasks' durations in ms: wall time, and the thread's own CPU time
 * (which a machine busy with other work does not stretch).
 */
function tracedTasks(buffer, mark) {
  const tasks = mainThread(buffer, mark).filter((e) => e.name === 'RunTask');
  const cpu = tasks.map((e) => (e.tdur ?? e.dur) / 1000);
  return { wall: Math.max(...tasks.map((e) => e.dur / 1000)), cpu: Math.max(...cpu), cpuOver50: cpu.filter((t) => t > 50).length };
}

/** The time the main thread spent compiling and instantiating wasm (lazily compiled functions included), in ms. */
function wasmTime(buffer, mark) {
  const spans = mainThread(buffer, mark)
    .filter((e) => e.cat.split(',').includes('v8.wasm'))
    .sort((a, b) => a.ts - b.ts);
  let total = 0;
  let end = -Infinity;
  for (const e of spans) {
    const from = Math.max(e.ts, end);
    if (e.ts + e.dur > from) total += e.ts + e.dur - from;
    end = Math.max(end, e.ts + e.dur);
  }
  return total / 1000;
}

/**
 * Installed before the page's scripts: long tasks (over 50 ms, from
 * navigation on), when the wasm module was compiled and instantiated,
 * and a recorder of the gaps between animation frames.
 */
function pageProbe() {
  const probe = { longTasks: [], wasm: [], gaps: null };
  window.__bench = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      const start = performance.now();
      return original.apply(this, args).then((result) => {
        probe.wasm.push({ start, end: performance.now() });
        return result;
      });
    };
  }
  // The stepper shows its first term: its formula typeset, then a frame drawn
  // (the task after it) with the formula's fonts. KaTeX's fonts block (their
  // text is not drawn until they are here), and the layout of that frame is
  // what asks for them: if they are still loading after it, the term is shown
  // by the frame after they arrive.
  const afterFrame = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(performance.now());
      channel.port2.postMessage(null);
    });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === 'backprop-stepper') {
      const observer = new MutationObserver(() => {
        if (!root.querySelector('#current-term .equation .katex')) return;
        observer.disconnect();
        probe.typeset = performance.now();
        afterFrame((drawn) => {
          probe.drawn = drawn;
          if (document.fonts.status === 'loaded') probe.shown = drawn;
          else void document.fonts.ready.then(() => afterFrame((now) => (probe.shown = now)));
        });
      });
      observer.observe(root, { childList: true, subtree: true });
    }
    return root;
  };
  probe.recordFrames = () => {
    let last = 0;
    let running = true;
    const gaps = [];
    const tick = (now) => {
      if (last) gaps.push(now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return () => {
      running = false;
      return gaps;
    };
  };
}

/**
 * How long a new window is left to start before a page is loaded into it.
 * A new window starts its own browser interface first (a renderer of the
 * browser's toolbar: some 110-220 ms of CPU in the 400-600 ms after it
 * opens, on 2 cores beside the page's). A reader's window is open before
 * they follow a link.
 */
const WINDOW_SETTLES_MS = 1000;

/**
 * A widget's page with the probe installed, once its widget is ready and its
 * fonts are in (the page's modules finish after the load event: the catalog
 * is awaited first).
 */
async function openWidget(context, url) {
  const page = await context.newPage();
  await page.waitForTimeout(WINDOW_SETTLES_MS);
  await page.addInitScript(pageProbe);
  await page.goto(url);
  await page.waitForSelector('#widget', { state: 'attached' });
  await page.evaluate(async () => {
    await document.getElementById('widget').ready;
    await document.fonts.ready;
    await new Promise((r) => setTimeout(r, 300));
  });
  return page;
}

const RACE_STEPS = 1000;
const RACE_SPEED = 300;
const SWITCHES = ['saddle', 'rosenbrock', 'beale', 'plateau'];

/**
 * One run of the race in a fresh page: 1,000 steps at 300 steps/s, then a
 * switch to each surface in SWITCHES. Long tasks are those the page's
 * observer reports (over 50 ms); the longest task is the trace's.
 */
async function raceOnce(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', reducedMotion: 'no-preference' });
  try {
    const page = await openWidget(context, `${origin}/optimizers.html#lang=en&speed=${RACE_SPEED}&steps=${RACE_STEPS}`);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const played = await page.evaluate(async (steps) => {
      const probe = window.__bench;
      const root = document.getElementById('widget').shadowRoot;
      const race = root.querySelector('.optimizers-page');
      const stepOf = () => Number(race.dataset.step);
      const play = root.querySelector('#play');
      const before = probe.longTasks.length;
      performance.mark('race-start');
      const stop = probe.recordFrames();
      const t0 = performance.now();
      play.click();
      // The race ends in the frame that shows its last step; what the page does once it stands still is not playing.
      const t1 = await new Promise((resolve, reject) => {
        const observer = new MutationObserver(() => {
          if (play.getAttribute('aria-pressed') !== 'false') return;
          observer.disconnect();
          performance.mark('race-end');
          if (stepOf() >= steps) resolve(performance.now());
          else reject(new Error(`the race stopped at step ${stepOf()}`));
        });
        observer.observe(play, { attributes: true, attributeFilter: ['aria-pressed'] });
        setTimeout(() => reject(new Error(`the race did not finish (step ${stepOf()})`)), 30000);
      });
      const gaps = stop();
      await new Promise((r) => setTimeout(r, 100));
      // A long task is counted where it started: one that ran on past the last frame still counts.
      const tasks = probe.longTasks.slice(before).filter((t) => t.start >= t0 && t.start < t1);
      return { longTotal: tasks.reduce((a, t) => a + t.duration, 0), longest: Math.max(0, ...tasks.map((t) => t.duration)), gap: Math.max(...gaps), ms: t1 - t0 };
    }, RACE_STEPS);
    const switched = await page.evaluate(async (names) => {
      const root = document.getElementById('widget').shadowRoot;
      const surface = root.querySelector('#surface');
      performance.mark('switch-start');
      let slowest = 0;
      for (const name of names) {
        const t0 = performance.now();
        root.querySelector(`#surface-${name}`).click();
        // Drawn: the surface says so, and a frame has shown it.
        await new Promise((resolve) => {
          const check = () => (surface.dataset.surface === name && surface.dataset.drawn !== 'false' ? requestAnimationFrame(() => setTimeout(resolve, 0)) : setTimeout(check, 5));
          check();
        });
        slowest = Math.max(slowest, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 150));
      }
      performance.mark('switch-end');
      return { slowest };
    }, SWITCHES);
    const trace = await browser.stopTracing();
    const raceTasks = tracedTasks(trace, 'race');
    const switchTasks = tracedTasks(trace, 'switch');
    return {
      longTotal: played.longTotal,
      longest: raceTasks.wall,
      longestCpu: raceTasks.cpu,
      gap: played.gap,
      switchLongest: switchTasks.wall,
      switchLongestCpu: switchTasks.cpu,
      switchMs: switched.slowest,
    };
  } finally {
    await context.close();
  }
}

/**
 * One cold load of the stepper (a fresh context: no cache). Ready: the
 * first frame that shows the current term's formula with its fonts has been
 * drawn, from navigation on (drawn: the first frame with the formula, its
 * fonts perhaps still loading). Traced, the load also gives its tasks'
 * wall and CPU time (those until 600 ms after ready) and the wasm
 * compilation's; but tracing slows the page it watches, so the times of a
 * reader's load come from a load that is not traced.
 */
async function stepperLoad(browser, origin, traced) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    // The page is loaded once the new window has settled (WINDOW_SETTLES_MS).
    await page.waitForTimeout(WINDOW_SETTLES_MS);
    await page.addInitScript(pageProbe);
    await page.addInitScript(() => performance.mark('load-start'));
    if (traced) await browser.startTracing(page, { categories: [...TRACE_CATEGORIES, 'v8.wasm'] });
    await page.goto(`${origin}/index.html#lang=en`);
    const result = await page.evaluate(async () => {
      const widget = await new Promise((resolve) => {
        const find = () => (document.getElementById('widget') ? resolve(document.getElementById('widget')) : setTimeout(find, 1));
        find();
      });
      const probe = window.__bench;
      await widget.ready;
      await new Promise((resolve) => {
        const check = () => (probe.shown !== undefined ? resolve() : setTimeout(check, 5));
        check();
      });
      const ready = probe.shown;
      await new Promise((r) => setTimeout(r, 600));
      performance.mark('load-end');
      const wasm = probe.wasm[0];
      return { ready, drawn: probe.drawn, instantiated: wasm ? wasm.end : NaN, longTasks: probe.longTasks.filter((t) => t.start < ready + 600) };
    });
    if (!traced) return { ...result, over50: result.longTasks.length };
    const trace = await browser.stopTracing();
    const tasks = tracedTasks(trace, 'load');
    return { ...result, longest: tasks.wall, longestCpu: tasks.cpu, over50Cpu: tasks.cpuOver50, wasm: wasmTime(trace, 'load') };
  } finally {
    await context.close();
  }
}

/** The stepper's first load, once as a reader's and once traced. */
async function stepperOnce(browser, origin) {
  const plain = await stepperLoad(browser, origin, false);
  const traced = await stepperLoad(browser, origin, true);
  return {
    ready: plain.ready,
    drawn: plain.drawn,
    instantiated: plain.instantiated,
    over50: plain.over50,
    readyTraced: traced.ready,
    longest: traced.longest,
    longestCpu: traced.longestCpu,
    over50Cpu: traced.over50Cpu,
    wasm: traced.wasm,
  };
}

const PLAY_MS = 3000;
/** The playground's networks: TensorFlow Playground's default (2-4-2-1 tanh), and six hidden layers of 8. */
const PLAYGROUNDS = { '2-4-2-1': '', '6×8': '&layers=8,8,8,8,8,8&activations=tanh,tanh,tanh,tanh,tanh,tanh' };

/**
 * One run of the playground in a fresh page: Play for PLAY_MS, counting the
 * epochs drawn (one a frame), the core's time for each epoch and grid (the
 * page's data-epoch-ms and data-grid-ms), the gaps between frames and the
 * longest task (the trace's).
 */
async function playgroundOnce(browser, origin, hash) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', reducedMotion: 'no-preference' });
  try {
    const page = await openWidget(context, `${origin}/playground.html#lang=en${hash}`);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const played = await page.evaluate(async (ms) => {
      const probe = window.__bench;
      const root = document.getElementById('widget').shadowRoot;
      const pg = root.getElementById('playground');
      const play = root.getElementById('play');
      const epochMs = [];
      const gridMs = [];
      const observer = new MutationObserver(() => {
        epochMs.push(Number(pg.dataset.epochMs));
        gridMs.push(Number(pg.dataset.gridMs));
      });
      observer.observe(pg, { attributes: true, attributeFilter: ['data-epoch'] });
      performance.mark('play-start');
      const stop = probe.recordFrames();
      const t0 = performance.now();
      play.click();
      await new Promise((r) => setTimeout(r, ms));
      play.click();
      const t1 = performance.now();
      performance.mark('play-end');
      observer.disconnect();
      const gaps = stop();
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      return { fps: (Number(pg.dataset.epoch) * 1000) / (t1 - t0), gap: Math.max(...gaps), epochMs: median(epochMs), gridMs: median(gridMs), stopped: pg.dataset.stopped ?? '' };
    }, PLAY_MS);
    if (played.stopped) throw new Error(`the playground stopped (${played.stopped})`);
    const trace = await browser.stopTracing();
    const tasks = tracedTasks(trace, 'play');
    return { ...played, longest: tasks.wall, longestCpu: tasks.cpu };
  } finally {
    await context.close();
  }
}

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const PARTS = new Set((process.env.BENCH_PAGE_PARTS ?? 'race,stepper,playground').split(',').map((p) => p.trim()));

/** The race's frames and the stepper's first load on each site, runs alternating between the sites; medians. */
export async function frameTimes(dirs, runs = RUNS) {
  return withSites(dirs, async (browser, origins) => {
    const race = origins.map(() => []);
    const stepper = origins.map(() => []);
    const playground = origins.map(() => Object.fromEntries(Object.keys(PLAYGROUNDS).map((n) => [n, []])));
    for (let i = 0; i < runs; i++) {
      if (PARTS.has('race')) for (const [k, origin] of origins.entries()) race[k].push(await raceOnce(browser, origin));
      if (PARTS.has('stepper')) for (const [k, origin] of origins.entries()) stepper[k].push(await stepperOnce(browser, origin));
      if (PARTS.has('playground')) {
        for (const [name, hash] of Object.entries(PLAYGROUNDS)) {
          for (const [k, origin] of origins.entries()) playground[k][name].push(await playgroundOnce(browser, origin, hash));
        }
      }
    }
    const pick = (rows, key) => median(rows.map((r) => r[key]));
    return origins.map((_, k) => ({
      race: {
        [`${RACE_STEPS} steps at ${RACE_SPEED}/s: long tasks (over 50 ms), total ms`]: pick(race[k], 'longTotal'),
        [`${RACE_STEPS} steps at ${RACE_SPEED}/s: longest task ms`]: pick(race[k], 'longest'),
        [`${RACE_STEPS} steps at ${RACE_SPEED}/s: longest task, CPU ms`]: pick(race[k], 'longestCpu'),
        [`${RACE_STEPS} steps at ${RACE_SPEED}/s: longest frame gap ms`]: pick(race[k], 'gap'),
        'switching surface: longest task ms': pick(race[k], 'switchLongest'),
        'switching surface: longest task, CPU ms': pick(race[k], 'switchLongestCpu'),
        'switching surface: click to drawn, slowest ms': pick(race[k], 'switchMs'),
      },
      stepper: {
        'first term shown (with its fonts) at ms': pick(stepper[k], 'ready'),
        'first term drawn (its fonts perhaps not yet in) at ms': pick(stepper[k], 'drawn'),
        'first term shown, the load traced, at ms': pick(stepper[k], 'readyTraced'),
        'tasks over 50 ms': pick(stepper[k], 'over50'),
        'longest task ms (traced)': pick(stepper[k], 'longest'),
        'longest task, CPU ms (traced)': pick(stepper[k], 'longestCpu'),
        'tasks over 50 ms of CPU (traced)': pick(stepper[k], 'over50Cpu'),
        'wasm module instantiated at ms': pick(stepper[k], 'instantiated'),
        'wasm compile + instantiate on the main thread ms': pick(stepper[k], 'wasm'),
      },
      playground: Object.fromEntries(
        Object.keys(PLAYGROUNDS).flatMap((name) => [
          [`${name}: frames (epochs) per second`, pick(playground[k][name], 'fps')],
          [`${name}: the core's epoch ms`, pick(playground[k][name], 'epochMs')],
          [`${name}: the core's grid ms`, pick(playground[k][name], 'gridMs')],
          [`${name}: longest task ms`, pick(playground[k][name], 'longest')],
          [`${name}: longest task, CPU ms`, pick(playground[k][name], 'longestCpu')],
          [`${name}: longest frame gap ms`, pick(playground[k][name], 'gap')],
        ]),
      ),
    }));
  });
}

const fmt = (v) => (Number.isFinite(v) ? Number(v.toFixed(1)) : v);

/** The rows for console.table: one column per site, and their ratio when there are two. */
export function frameRows(results, labels) {
  const rows = [];
  const titles = { race: 'race', stepper: 'stepper, cold load', playground: `playground, playing ${PLAY_MS / 1000} s` };
  for (const part of ['race', 'stepper', 'playground'].filter((p) => PARTS.has(p))) {
    for (const key of Object.keys(results[0][part])) {
      const row = { measure: `${titles[part]}: ${key}` };
      results.forEach((r, k) => (row[labels[k]] = fmt(r[part][key])));
      if (results.length === 2) row[`${labels[1]} / ${labels[0]}`] = fmt(results[1][part][key] / results[0][part][key]);
      rows.push(row);
    }
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  if (!dirs.length) {
    console.error('usage: node bench/page.mjs <built site> [<another built site>]');
    process.exit(2);
  }
  const load = loadavg()[0];
  const results = await frameTimes(dirs);
  // Wall times stretch when the machine is busy with other work; CPU times much less.
  console.log(`median of ${RUNS} runs, alternating between the sites; load average ${load.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after, on ${cpus().length} cores`);
  console.table(frameRows(results, dirs));
}
