// Every widget at the widths where our users see it: a wide screen, a
// projector (1280×720 at 150 %), a phone, and a 700 px and a 360 px course
// column on a wide screen. Each keeps its styles, nothing is wider than the
// widget, no formula is clipped, and no text is under 12 CSS px.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';
import { expectWidgetsLookRight, WIDGETS } from './look';

const screens = [
  { name: '1440 px', viewport: { width: 1440, height: 900 }, scale: 1 },
  { name: 'a projector at 150 %', viewport: { width: 853, height: 480 }, scale: 1.5 },
  { name: 'a phone', viewport: { width: 390, height: 844 }, scale: 1 },
];

const pages = [
  { name: 'the stepper', address: './index.html#term=dE_total/db1' },
  { name: 'the stepper on a hidden-layer term', address: './index.html#term=dE_total/dout_h1' },
  { name: 'the loss explorer on SmoothL1', address: './losses.html#loss=smooth_l1' },
  { name: 'the loss explorer on cross-entropy', address: './losses.html#loss=ce' },
  { name: 'the optimizer race with Adam shown', address: './optimizers.html#show=adam&step=3' },
  { name: 'the training loop after backward()', address: './training.html#phase=backward' },
  { name: 'the playground', address: './playground.html' },
  { name: 'the playground with six hidden layers of eight and three classes', address: './playground.html#data=spiral&classes=3&layers=8,8,8,8,8,8&activations=relu,relu,tanh,tanh,gelu,silu' },
];

async function ready(page: Page): Promise<void> {
  const widgets = page.locator(WIDGETS);
  // The page's modules run on once its catalog is here, after the load event.
  await widgets.first().waitFor({ state: 'attached' });
  const n = await widgets.count();
  for (let i = 0; i < n; i++) await widgets.nth(i).evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
  // Formulas are fitted once laid out.
  await page.waitForTimeout(300);
}

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use({ viewport: screen.viewport, deviceScaleFactor: screen.scale });
    for (const p of pages) {
      test(`${p.name} looks right`, async ({ page }) => {
        const errors = watchErrors(page);
        await page.goto(p.address);
        await ready(page);
        await expectWidgetsLookRight(page);
        // Nor is the page around it wider than the window (its header included).
        expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
        // The stepper's formulas always fit: broken over lines or scaled, never scrolled.
        await expect(page.locator('backprop-stepper .formula-scrolls')).toHaveCount(0);
        expect(errors).toEqual([]);
      });
    }
  });
}

/** A course page: the four widgets in a column of the given width, on a wide screen. */
function coursePage(width: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 3</title>
<link rel="stylesheet" href="./course-column.css">
<script type="module" src="./widgets.js"></script></head>
<body class="w${width}"><main><h1>Week 3: backpropagation</h1>
<backprop-stepper term="dE_total/dw1"></backprop-stepper>
<backprop-stepper term="dE_total/db1"></backprop-stepper>
<loss-explorer loss="smooth_l1"></loss-explorer>
<loss-explorer loss="ce"></loss-explorer>
<optimizer-race surface="saddle" show="adam" step="3"></optimizer-race>
<training-loop phase="backward"></training-loop>
<nn-playground></nn-playground>
<nn-playground layers="8,8,8,8,8,8" activations="relu,relu,relu,tanh,tanh,tanh" data="gauss" classes="4"></nn-playground>
</main></body></html>`;
}

const columnCss = 'body { margin: 0; font-family: Georgia, serif; } main { margin: 0 auto; padding: 8px; } .w700 main { max-width: 700px; } .w360 main { max-width: 360px; }';

for (const width of [700, 360]) {
  test(`in a ${width} px course column on a wide screen, every widget lays out by its own width`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const errors = watchErrors(page);
    await page.route('**/course-column.html', (route) => route.fulfill({ contentType: 'text/html', body: coursePage(width) }));
    await page.route('**/course-column.css', (route) => route.fulfill({ contentType: 'text/css', body: columnCss }));
    await page.goto('./course-column.html');
    await ready(page);
    await expectWidgetsLookRight(page);
    // The stepper takes its one-column layout: the term card under the drawing, not beside it.
    const stepper = page.locator('backprop-stepper').first();
    const drawing = await stepper.locator('figure.drawing').boundingBox();
    const card = await stepper.locator('#current-term').boundingBox();
    expect(card!.y).toBeGreaterThan(drawing!.y + drawing!.height - 1);
    expect(drawing!.width).toBeGreaterThan(width - 40);
    expect(errors).toEqual([]);
  });
}

/** Where an edge of the drawing crosses a label that is not its own, at the widget's current width. */
async function crossings(page: Page): Promise<string[]> {
  return page.locator('backprop-stepper, #widget').first().evaluate((host) => {
    const svg = host.shadowRoot!.querySelector('svg.network') as SVGSVGElement;
    const lines = [...svg.querySelectorAll<SVGLineElement>('line.edge')].map((l) => ({
      id: l.dataset.param ?? `E:${l.dataset.node}`,
      a: { x: l.x1.baseVal.value, y: l.y1.baseVal.value },
      b: { x: l.x2.baseVal.value, y: l.y2.baseVal.value },
    }));
    const labels = [...svg.querySelectorAll<SVGGraphicsElement>('g.edge-label, text.target, text.bias-label, text.node-value')].map((el) => {
      const b = el.getBBox();
      return { id: el.closest('[data-param]')?.getAttribute('data-param') ?? el.closest('[data-target]')?.getAttribute('data-target') ?? '', text: el.textContent ?? '', box: { x0: b.x + 1, y0: b.y + 1, x1: b.x + b.width - 1, y1: b.y + b.height - 1 } };
    });
    const crosses = (p: { a: { x: number; y: number }; b: { x: number; y: number } }, box: { x0: number; y0: number; x1: number; y1: number }) => {
      let lo = 0;
      let hi = 1;
      const dx = p.b.x - p.a.x;
      const dy = p.b.y - p.a.y;
      for (const [q, r] of [[-dx, p.a.x - box.x0], [dx, box.x1 - p.a.x], [-dy, p.a.y - box.y0], [dy, box.y1 - p.a.y]] as [number, number][]) {
        if (q === 0) {
          if (r < 0) return false;
          continue;
        }
        const s = r / q;
        if (q < 0) lo = Math.max(lo, s);
        else hi = Math.min(hi, s);
        if (lo > hi) return false;
      }
      return true;
    };
    const out: string[] = [];
    for (const label of labels) {
      for (const line of lines) {
        if (line.id === label.id || (label.id && line.id === `E:${label.id}`)) continue;
        if (crosses(line, label.box)) out.push(`${line.id} crosses "${label.text}"`);
      }
    }
    return out;
  });
}

for (const width of [1440, 1024, 700, 390]) {
  test(`at ${width} px no edge of the drawing crosses a label, in every phase`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const term of ['net_h1', 'E_total', 'dE_total/dw5', 'dE_total/dw1', 'dE_total/db1', 'E_total+']) {
      await page.goto(`./index.html#term=${term}`);
      await expect(page.locator('#current-term')).toHaveAttribute('data-term', term);
      expect(await crossings(page), term).toEqual([]);
    }
  });
}
