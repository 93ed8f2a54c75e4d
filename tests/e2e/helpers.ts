import { resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** Fails the test on any page error or console error. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function openStepper(page: Page, hash = ''): Promise<void> {
  await page.goto(`./index.html${hash}`);
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', /.+/);
}

export async function current(page: Page): Promise<{ id: string; value: number }> {
  const card = page.locator('#current-term');
  return {
    id: (await card.getAttribute('data-term'))!,
    value: Number(await card.getAttribute('data-value')),
  };
}

export function closeTo(actual: number, expected: number, rel: number): boolean {
  return Math.abs(actual - expected) <= rel * Math.abs(expected);
}

/** Where the tests' server runs (E2E_PORT lets two checkouts test at once). */
export const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4174}`;

/** mulberry32: a small seeded generator. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The playground's heat map's pixels (in the widget `w`), as a short fingerprint. */
export function heatPixels(w: Locator): Promise<string> {
  return w.evaluate((host) => {
    const canvas = host.shadowRoot!.querySelector('canvas.heat') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i++) hash = (Math.imul(hash, 31) + data[i]) | 0;
    return `${canvas.width}x${canvas.height}:${hash}`;
  });
}

/** What axe-core finds against WCAG 2.2 AA on the page as it is: one line per node (empty when nothing). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: resolve('node_modules/axe-core/axe.min.js') });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  )) as { violations: { id: string; impact: string; nodes: { target: unknown[]; failureSummary: string }[] }[] };
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} — ${n.failureSummary}`));
}
