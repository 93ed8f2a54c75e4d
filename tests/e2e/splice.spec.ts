// Graded embeds: a course page on another origin plays the SPLICE parent
// (cssplice.org/slcp/iframe-protocol-specification.html) for a widget and for
// a tutorial; a frame that is not the parent, and malformed messages, are
// ignored. Tutorials load from an address, and say why when they cannot.
import { expect, type Page, test } from '@playwright/test';
import { ORIGIN, watchErrors } from './helpers';

test.use({ locale: 'en-US' });
// A course page served by page.route has no address, so Chromium counts it as
// public and refuses it frames from this (local) server: the check is off here.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=LocalNetworkAccessChecks'],
  },
});

/** The course page: another origin (localhost is not 127.0.0.1), served by the test. */
const HOST = ORIGIN.replace('127.0.0.1', 'localhost');

interface Logged {
  origin: string;
  data: { subject?: string; message_id?: string; state?: unknown; score?: number; height?: number; type?: string };
}

/** A host page that logs what its widget's frame posts, beside a hostile sibling frame. */
async function hostPage(page: Page, src: string): Promise<void> {
  await page.route(`${HOST}/course.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Week 3</title></head><body>
<h1>Week 3</h1>
<iframe id="activity" src="${src}" width="700" height="600"></iframe>
<iframe id="hostile" src="${HOST}/hostile.html" width="10" height="10"></iframe>
<script>
window.log = [];
window.addEventListener('message', (e) => {
  if (e.source !== document.getElementById('activity').contentWindow) return;
  window.log.push({ origin: e.origin, data: e.data });
});
window.toActivity = (message) => document.getElementById('activity').contentWindow.postMessage(message, '${ORIGIN}');
</script></body></html>`,
    }),
  );
  await page.route(`${HOST}/hostile.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><body><script>
window.attack = (message) => parent.frames[0].postMessage(message, '*');
</script></body></html>`,
    }),
  );
  await page.goto(`${HOST}/course.html`);
}

const logged = (page: Page) => page.evaluate(() => (window as unknown as { log: Logged[] }).log);
const subjects = async (page: Page, subject: string) => (await logged(page)).filter((m) => m.data && m.data.subject === subject);
const hostile = (page: Page) => page.frame({ url: `${HOST}/hostile.html` })!;

async function askedId(page: Page): Promise<string> {
  await expect.poll(async () => (await subjects(page, 'SPLICE.getState')).length).toBe(1);
  const [ask] = await subjects(page, 'SPLICE.getState');
  expect(ask.origin).toBe(ORIGIN);
  return ask.data.message_id!;
}

test('a course page plays the SPLICE parent for the stepper: state in, state out, height; others are ignored', async ({ page }) => {
  const errors = watchErrors(page);
  await hostPage(page, `${ORIGIN}/index.html#embed=1&term=dE_total/dw5&hide=editor`);
  const frame = page.frameLocator('#activity');
  await expect(frame.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  const id = await askedId(page);
  // A fresh view reports nothing before the parent has answered: it would overwrite the kept state.
  expect(await subjects(page, 'SPLICE.reportScoreAndState')).toEqual([]);

  // A sibling frame that is not the parent, with the right id and a well-formed state: ignored.
  await expect.poll(() => hostile(page).evaluate(() => typeof (window as unknown as { attack?: unknown }).attack)).toBe('function');
  await hostile(page).evaluate((message_id) => {
    const attack = (window as unknown as { attack: (m: unknown) => void }).attack;
    attack({ subject: 'SPLICE.getState.response', message_id, state: { widget: 'stepper', state: { term: 'dE_total/dw8' } } });
    attack({ subject: 'SPLICE.flushState', message_id: 'hostile' });
  }, id);
  // The parent's malformed or foreign messages: ignored.
  await page.evaluate((message_id) => {
    const send = (window as unknown as { toActivity: (m: unknown) => void }).toActivity;
    for (const m of [
      null,
      'SPLICE.getState.response',
      [1, 2],
      { subject: 'SPLICE.getState.response', message_id: 'not-the-one', state: { widget: 'stepper', state: { term: 'dE_total/dw7' } } },
      { subject: 'SPLICE.setState', state: { widget: 'stepper', state: { term: 'dE_total/dw6' } } },
      { subject: 'SPLICE.flushState', message_id: { not: 'a string' } },
      { type: 'backprop-height', height: 1 },
    ])
      send(m);
    // The answer: the state the parent kept. A refused value (w1) and the student's hide= are not applied.
    send({ subject: 'SPLICE.getState.response', message_id, state: { widget: 'stepper', state: { term: 'dE_total/dw1', w1: 'banana', i1: '0.5', hide: 'controls' } } });
  }, id);
  // Only the parent's answer was loaded (the first well-formed one wins, and the hostile one came first).
  await expect(frame.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw1');
  await expect(frame.locator('#field-i1')).toHaveValue('0.5');
  await expect(frame.locator('#field-w1')).toHaveValue('0.15');
  await expect(frame.locator('[data-part~="editor"]').first()).toHaveAttribute('data-hidden-part', '');

  // State out: the loaded state is reported, to the parent's origin, with no score (nothing to grade).
  await expect.poll(async () => (await subjects(page, 'SPLICE.reportScoreAndState')).length).toBeGreaterThan(0);
  let reports = await subjects(page, 'SPLICE.reportScoreAndState');
  let last = reports.at(-1)!;
  expect(last.origin).toBe(ORIGIN);
  expect(last.data.score).toBeUndefined();
  expect(last.data.state).toMatchObject({ widget: 'stepper', state: { term: 'dE_total/dw1', i1: '0.5', hide: 'editor' } });
  expect(typeof last.data.message_id).toBe('string');

  // The reader moves on: a new report.
  await frame.locator('#next').click();
  await expect.poll(async () => ((await subjects(page, 'SPLICE.reportScoreAndState')).at(-1)!.data.state as { state: { term: string } }).state.term).not.toBe('dE_total/dw1');

  // The parent asks for the state now: a report, then the acknowledgement; the hostile frame's flush got neither.
  const before = (await subjects(page, 'SPLICE.reportScoreAndState')).length;
  await page.evaluate(() => (window as unknown as { toActivity: (m: unknown) => void }).toActivity({ subject: 'SPLICE.flushState', message_id: 'flush-1' }));
  await expect.poll(async () => (await subjects(page, 'SPLICE.flushState.response')).map((m) => m.data.message_id)).toEqual(['flush-1']);
  reports = await subjects(page, 'SPLICE.reportScoreAndState');
  expect(reports.length).toBe(before + 1);

  // The height: lti.frameResize for SPLICE hosts, and backprop-height for the Share panel's script.
  const resize = await subjects(page, 'lti.frameResize');
  expect(resize.length).toBeGreaterThan(0);
  expect(resize.at(-1)!.data.height).toBeGreaterThan(200);
  expect((await logged(page)).some((m) => m.data && m.data.type === 'backprop-height')).toBe(true);
  last = reports.at(-1)!;
  expect(last.origin).toBe(ORIGIN);
  expect(errors).toEqual([]);
});

test('a parent that never answers gets the reports after a while; its origin is the one they go to', async ({ page }) => {
  await hostPage(page, `${ORIGIN}/losses.html#embed=1&loss=mae`);
  await askedId(page);
  await page.frameLocator('#activity').getByRole('radiogroup').getByText('MSE', { exact: true }).click();
  await expect.poll(async () => (await subjects(page, 'SPLICE.reportScoreAndState')).length, { timeout: 10_000 }).toBeGreaterThan(0);
  const last = (await subjects(page, 'SPLICE.reportScoreAndState')).at(-1)!;
  expect(last.origin).toBe(ORIGIN);
  expect(last.data.state).toMatchObject({ widget: 'losses' });
});

test('an embedded tutorial reports its progress as its score, and resumes at the step the parent kept', async ({ page }) => {
  const errors = watchErrors(page);
  await hostPage(page, `${ORIGIN}/tutorials.html#embed=1&tutorial=lesson`);
  const frame = page.frameLocator('#activity');
  await expect(frame.locator('article.tutorial')).toBeVisible();
  // The embed view: no site header, no way back to the list.
  await expect(frame.locator('nav[data-part="nav"]')).toHaveCount(0);
  await expect(frame.locator('.tutorial-head .home')).toBeHidden();
  const steps = Number(await frame.locator('article.tutorial').getAttribute('data-steps'));
  const id = await askedId(page);
  await page.evaluate((message_id) => {
    const send = (window as unknown as { toActivity: (m: unknown) => void }).toActivity;
    // Another tutorial's progress is not this one's; then this one's, with a step out of range in seen.
    send({ subject: 'SPLICE.getState.response', message_id, state: { tutorial: 'lesson', step: 3, seen: [0, 1, 2, 3, 9999, 'x'], answers: {} } });
  }, id);
  await expect(frame.locator('article.tutorial')).toHaveAttribute('data-step', '4');
  await expect(frame.locator('#tutorial-score')).toHaveAttribute('data-seen', '4');
  await expect.poll(async () => (await subjects(page, 'SPLICE.reportScoreAndState')).length).toBeGreaterThan(0);
  let last = (await subjects(page, 'SPLICE.reportScoreAndState')).at(-1)!;
  expect(last.data.score).toBeCloseTo(4 / steps, 10);
  expect(last.data.state).toEqual({ tutorial: 'lesson', step: 3, seen: [0, 1, 2, 3], answers: {} });
  await frame.locator('#tutorial-next').click();
  await expect.poll(async () => (await subjects(page, 'SPLICE.reportScoreAndState')).at(-1)!.data.score).toBeCloseTo(5 / steps, 10);
  last = (await subjects(page, 'SPLICE.reportScoreAndState')).at(-1)!;
  expect(last.data.state).toMatchObject({ step: 4, seen: [0, 1, 2, 3, 4] });
  expect(last.origin).toBe(ORIGIN);
  expect(errors).toEqual([]);
});

test('a tutorial loads from an address on this site; another host blocked by the CSP, a missing file and a web page each say why', async ({ page }) => {
  const errors = watchErrors(page);
  await page.route(`${ORIGIN}/course/t.md`, (route) =>
    route.fulfill({ contentType: 'text/markdown', body: '# From the course\n\n## One\n\nFirst.\n\n## Two\n\n```widget stepper\nterm = dE_total/dw5\n```\n' }),
  );
  await page.goto('./tutorials.html#embed=1&src=/course/t.md');
  await expect(page.locator('#tutorial-title')).toHaveText('From the course');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-steps', '2');
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body backprop-stepper #current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  expect(new URL(page.url()).hash).toContain('src=/course/t.md');
  expect(new URL(page.url()).hash).toContain('step=2');
  expect(new URL(page.url()).hash).toContain('embed=1');

  // Another host: this site's CSP (connect-src 'self') refuses it before CORS is asked.
  await page.goto(`./tutorials.html#src=${encodeURIComponent(`${HOST}/t.md`)}`);
  await expect(page.locator('#tutorials-notice')).toContainText('Content-Security-Policy');
  await expect(page.locator('#tutorials-notice')).toContainText(HOST);

  await page.route(`${ORIGIN}/course/missing.md`, (route) => route.fulfill({ status: 404, body: 'no' }));
  await page.goto('./tutorials.html#src=/course/missing.md');
  await expect(page.locator('#tutorials-notice')).toContainText('404');

  await page.goto('./tutorials.html#src=/index.html');
  await expect(page.locator('#tutorials-notice')).toContainText('is not a tutorial');

  await page.goto('./tutorials.html#src=javascript:alert(1)');
  await expect(page.locator('#tutorials-notice')).toContainText('not an http or https address');

  // And in Chinese.
  await page.goto('./tutorials.html#lang=zh-CN&src=/course/missing.md');
  await expect(page.locator('#tutorials-notice')).toContainText('服务器返回了 404');
  expect(errors.filter((e) => !/Content Security Policy|Failed to load resource|ERR_FAILED|Refused to connect/.test(e))).toEqual([]);
});
