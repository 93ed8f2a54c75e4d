// The current step of a widget saved for a handout: an SVG that stands
// alone (the drawing, the formula with KaTeX's fonts inside, the value) and
// a PNG painted from it at twice its size, in both languages.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, type Download, type Locator, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

const widget = (page: Page) => page.locator('#widget');
/** Where the pictures are kept for a look (not compared). */
const OUT = process.env.EXPORT_STEP_OUT;

async function saved(page: Page, w: Locator, kind: 'svg' | 'png'): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), w.locator(`button[data-export="${kind}"]`).click()]);
  const body = readFileSync((await download.path())!);
  if (OUT) {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}/${download.suggestedFilename()}`, body);
  }
  return { download, body };
}

/** The PNG's size from its header, and the size the browser decodes it to. */
async function pngSize(page: Page, body: Buffer): Promise<{ header: [number, number]; decoded: [number, number] }> {
  expect(body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const header: [number, number] = [body.readUInt32BE(16), body.readUInt32BE(20)];
  const decoded = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return [bitmap.width, bitmap.height] as [number, number];
  }, body.toString('base64'));
  return { header, decoded };
}

/** The SVG's own size (width and height attributes). */
function svgSize(svg: string): [number, number] {
  const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg);
  expect(m).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the stepper's step as SVG and PNG (${lang}): the term's value, its formula in KaTeX's fonts, the drawing`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`./index.html#term=dE_total/dw5&lang=${lang}`);
    const w = widget(page);
    await expect(w.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
    const value = (await w.locator('#current-term .exact .value').textContent())!;
    expect(value).toMatch(/^0\.0821670/);

    const svg = await saved(page, w, 'svg');
    expect(svg.download.suggestedFilename()).toBe('stepper-dE_total-dw5.svg');
    const text = svg.body.toString('utf8');
    expect(text).toContain(value);
    expect(text).toContain('<foreignObject');
    expect(text).toMatch(/@font-face\{font-family:KaTeX_Main;src:url\(data:font\/woff2;base64,/);
    // The drawing: the network's SVG with its edges, and the highlighted w5.
    expect(text).toContain('<svg');
    expect(text).toContain('w5');
    expect(text).toContain(lang === 'en' ? 'Backprop stepper' : '反向传播');
    // Nothing refers outside the file.
    expect(text).not.toMatch(/url\("?https?:/);
    expect(text).not.toMatch(/href="https?:[^"]*\.(js|css|woff2?)"/);

    const png = await saved(page, w, 'png');
    expect(png.download.suggestedFilename()).toBe('stepper-dE_total-dw5.png');
    const [width, height] = svgSize(text);
    const size = await pngSize(page, png.body);
    expect(size.header).toEqual([2 * width, 2 * height]);
    expect(size.decoded).toEqual([2 * width, 2 * height]);

    // Opened alone, the SVG shows the value and typesets the formula with the embedded fonts.
    const alone = await page.context().newPage();
    await alone.setContent(`<img id="pic" src="data:image/svg+xml;base64,${svg.body.toString('base64')}">`);
    await expect.poll(() => alone.locator('#pic').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(width);
    await alone.close();
    expect(errors).toEqual([]);
  });
}

test("the optimizer race's step as SVG and PNG: the surface and the trails, the update written out", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./optimizers.html#lang=en&surface=saddle&step=3');
  const w = widget(page);
  await expect(w.locator('#surface')).toHaveAttribute('data-surface', 'saddle');
  await expect(w.locator('#step-label')).toContainText('3');
  const svg = await saved(page, w, 'svg');
  expect(svg.download.suggestedFilename()).toBe('optimizers.svg');
  const text = svg.body.toString('utf8');
  // The filled contours and the trails, as the page draws them.
  expect((text.match(/<path /g) ?? []).length).toBeGreaterThan(20);
  expect(text).toMatch(/<path [^>]*data-optimizer="adam"/);
  // The update of the optimizer picked, with its numbers.
  const update = (await w.locator('[data-part="detail"] .katex').first().textContent())!;
  expect(update.length).toBeGreaterThan(0);
  expect(text).toContain('KaTeX_Main');
  const png = await saved(page, w, 'png');
  const [width, height] = svgSize(text);
  const size = await pngSize(page, png.body);
  expect(size.header).toEqual([2 * width, 2 * height]);
  expect(size.decoded).toEqual([2 * width, 2 * height]);
  expect(errors).toEqual([]);
});

test('hide=handout hides the buttons', async ({ page }) => {
  await page.goto('./index.html#hide=handout');
  const w = widget(page);
  await expect(w.locator('#current-term')).toHaveAttribute('data-term', /.+/);
  await expect(w.locator('button[data-export="svg"]')).toBeHidden();
  await expect(page.locator('.state-notice')).toBeHidden();
});
