// A tutorial loaded from an address on another origin (tutorials.html#src=…),
// served for real by a second local server started here: the site's own
// Content-Security-Policy refuses it before any request; where the page's CSP
// allows that origin, a host that sends no CORS headers is refused by the
// browser; each refusal says why, in both languages, and a host that sends
// them loads.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { ORIGIN, watchErrors } from './helpers';

test.use({ locale: 'en-US' });
// The page served through page.route below has no address, so Chromium counts
// it as public and refuses it the loopback server: that check is off here.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=LocalNetworkAccessChecks'],
  },
});

const TUTORIAL = '# From another host\n\n## One\n\nFirst.\n\n## Two\n\nSecond.\n';

let server: Server;
let other = '';
const requests: string[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const headers: Record<string, string> = { 'Content-Type': 'text/markdown; charset=utf-8' };
    // Only /cors/ answers with the header that lets another site read it.
    if (req.url?.startsWith('/cors/')) headers['Access-Control-Allow-Origin'] = '*';
    res.writeHead(200, headers);
    res.end(TUTORIAL);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  other = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test.beforeEach(() => {
  requests.length = 0;
});

/** Serves the tutorials page with a CSP that also lets it connect to the other origin, as a course site may. */
async function allowOther(page: Page): Promise<void> {
  await page.route(`${ORIGIN}/tutorials.html`, async (route) => {
    const response = await route.fetch();
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': `${csp}; connect-src 'self' ${other}` } });
  });
}

async function openSrc(page: Page, src: string, lang = 'en'): Promise<void> {
  await page.goto(`./tutorials.html#lang=${lang}&src=${encodeURIComponent(src)}`);
}

/** What the browser itself logs for a refused fetch. */
const refusal = /Content Security Policy|Refused to connect|CORS policy|Failed to load resource|ERR_FAILED/;

test('the site\'s own CSP refuses another origin before asking it, and says so in both languages', async ({ page }) => {
  const errors = watchErrors(page);
  const notice = page.locator('#tutorials-notice');
  await openSrc(page, `${other}/t.md`);
  await expect(notice).toHaveText(`This site's Content-Security-Policy does not allow loading from ${other} (its connect-src): put the tutorial on this site, or serve the page with a connect-src that allows ${other}.`);
  await openSrc(page, `${other}/t.md`, 'zh-CN');
  await expect(notice).toHaveText(`本站的内容安全策略（Content-Security-Policy 的 connect-src）不允许从 ${other} 载入：请把教程放在本站，或者让页面的 connect-src 允许 ${other}。`);
  expect(requests).toEqual([]);
  expect(errors.filter((e) => !refusal.test(e))).toEqual([]);
});

test('a host without CORS headers: the browser fetches, refuses to let the page read it, and the page says what the host must send', async ({ page }) => {
  const errors = watchErrors(page);
  await allowOther(page);
  const notice = page.locator('#tutorials-notice');
  const src = `${other}/t.md`;
  await openSrc(page, src);
  await expect(notice).toHaveText(`The tutorial at ${src} could not be loaded: ${other} answered, but does not let this site read the answer. It must send the CORS header Access-Control-Allow-Origin: ${ORIGIN} (or *).`);
  await expect(page.locator('#tutorial-title')).not.toHaveText('From another host');
  // The request reached the host: it is the reading that was refused.
  expect(requests).toContain('/t.md');
  await openSrc(page, src, 'zh-CN');
  await expect(notice).toHaveText(`无法载入 ${src} 上的教程：${other} 有应答，但不允许本站读取应答内容。它需要发送 CORS 头 Access-Control-Allow-Origin: ${ORIGIN}（或 *）。`);
  expect(errors.filter((e) => !refusal.test(e))).toEqual([]);
});

test('a host that does not answer: the page says it could not be reached', async ({ page }) => {
  const errors = watchErrors(page);
  // A port nothing listens on: a server's, closed.
  const gone = createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  const port = (gone.address() as AddressInfo).port;
  await new Promise((resolve) => gone.close(resolve));
  const src = `http://127.0.0.1:${port}/t.md`;
  await page.route(`${ORIGIN}/tutorials.html`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': `${response.headers()['content-security-policy']}; connect-src 'self' http://127.0.0.1:${port}` } });
  });
  const notice = page.locator('#tutorials-notice');
  await openSrc(page, src);
  await expect(notice).toHaveText(`The tutorial at ${src} could not be loaded: http://127.0.0.1:${port} could not be reached, or does not let this site read it (it must send CORS headers, Access-Control-Allow-Origin).`);
  await openSrc(page, src, 'zh-CN');
  await expect(notice).toContainText(`无法载入 ${src} 上的教程：http://127.0.0.1:${port} 无法访问`);
  expect(errors.filter((e) => !refusal.test(e) && !/ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
});

test('the same host with CORS headers, and a CSP that allows it: the tutorial loads', async ({ page }) => {
  const errors = watchErrors(page);
  await allowOther(page);
  await openSrc(page, `${other}/cors/t.md`);
  await expect(page.locator('#tutorial-title')).toHaveText('From another host');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-steps', '2');
  await expect(page.locator('#tutorials-notice')).toBeEmpty();
  expect(errors).toEqual([]);
});
