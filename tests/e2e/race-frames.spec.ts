// The optimizer race draws only what changes: the contour map is drawn once
// per surface and left alone while the race plays, the trails grow, and the
// update is typeset when the race stands still — with the core's numbers
// for that very step.
import { expect, type Page, test } from '@playwright/test';
import { defaults, spec, useCatalog } from '../../web/src/optimizers/racers';
import type { BackpropCore, PresetSurface } from '../../web/src/shared/core-types';
import { loadWasmModule } from '../wasm/load.mjs';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US', reducedMotion: 'no-preference' });

let core: BackpropCore;
test.beforeAll(async () => {
  core = (await loadWasmModule()) as BackpropCore;
  useCatalog(core);
});

/** Counts the changes to the contour map and to the typeset update from now on. */
async function watchLayers(page: Page): Promise<void> {
  await page.locator('optimizer-race, #widget').first().evaluate((host) => {
    const root = host.shadowRoot!;
    const counts = { map: 0, update: 0 };
    (window as unknown as { layerChanges: typeof counts }).layerChanges = counts;
    const watch = (el: Element, key: keyof typeof counts) =>
      new MutationObserver((records) => (counts[key] += records.length)).observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    watch(root.querySelector('svg.surface-map')!, 'map');
    watch(root.querySelector('#update-equations')!, 'update');
  });
}

const layerChanges = (page: Page) => page.evaluate(() => (window as unknown as { layerChanges: { map: number; update: number } }).layerChanges);

async function trailStep(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`svg.surface path.trail[data-optimizer="${id}"]`).getAttribute('data-step'));
}

test('playing grows the trails and leaves the contour map and the typeset update alone; paused, the update is the core\'s for that step', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./optimizers.html#surface=saddle&speed=100&show=adam&lang=en');
  await expect(page.locator('svg.surface')).toHaveAttribute('data-drawn', 'true');
  const levels = await page.locator('svg.surface-map path.level').count();
  expect(levels).toBe(Number(await page.locator('svg.surface').getAttribute('data-levels')));
  // One step by hand first, so that there is an update typeset to leave alone.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.locator('section.detail')).toHaveAttribute('data-step', '1');
  // Its fonts loaded (the first typesetting asks for them), and the formula fitted with them.
  await page.evaluate(async () => {
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      await document.fonts.ready;
    }
  });
  await watchLayers(page);

  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('section.detail')).toHaveClass(/playing/);
  await expect(page.locator('#detail-playing')).not.toBeEmpty();
  await expect.poll(() => trailStep(page, 'adam'), { timeout: 20000 }).toBeGreaterThanOrEqual(100);
  // Read while still playing: no frame so far has touched the map or the update.
  expect(await layerChanges(page)).toEqual({ map: 0, update: 0 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const step = await trailStep(page, 'adam');
  expect(step).toBeGreaterThanOrEqual(100);
  expect((await layerChanges(page)).map).toBe(0);
  await expect(page.locator('svg.surface-map path.level')).toHaveCount(levels);

  // Every trail holds a point per step so far.
  for (const id of ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']) {
    const trail = page.locator(`svg.surface path.trail[data-optimizer="${id}"]`);
    await expect(trail).toHaveAttribute('data-step', String(step));
    const d = (await trail.getAttribute('d'))!;
    expect(d.split('L').length).toBe(step + 1);
  }

  // Paused: the update at that step, as the core computes it.
  const detail = page.locator('section.detail');
  await expect(detail).toHaveAttribute('data-step', String(step));
  await expect(detail).not.toHaveClass(/playing/);
  await expect(page.locator('#detail-playing')).toBeEmpty();
  expect((await layerChanges(page)).update).toBeGreaterThan(0);
  const saddle = core.surfaces().find((p: PresetSurface) => p.name === 'saddle')!;
  const expected = core.optimizerStep({
    surface: { preset: 'saddle' },
    start: saddle.start,
    optimizer: spec('adam', { ...defaults('adam'), lr: String(saddle.rates.adam) }),
    step,
  });
  expect(expected.step).toBe(step);
  const list = (v: ArrayLike<number> | undefined) => Array.from(v!, String).join(',');
  await expect(detail).toHaveAttribute('data-m-hat', list(expected.after.m_hat));
  await expect(detail).toHaveAttribute('data-v-hat', list(expected.after.v_hat));
  await expect(detail).toHaveAttribute('data-m', list(expected.after.m));
  await expect(detail).toHaveAttribute('data-v', list(expected.after.v));
  // The step lands where the trail's head is.
  const head = page.locator('svg.surface path.trail[data-optimizer="adam"]');
  await expect(head).toHaveAttribute('data-x', String(expected.theta_after[0]));
  await expect(head).toHaveAttribute('data-y', String(expected.theta_after[1]));
  await expect(page.locator('#update-equations annotation')).toContainText(`0.9^{${step}}`);

  // A step by hand is typeset too, exactly.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(detail).toHaveAttribute('data-step', String(step + 1));
  expect(errors).toEqual([]);
});

test('a new surface draws its map in tasks after the click; one drawn before is shown at once', async ({ page }) => {
  await page.goto('./optimizers.html#surface=saddle&lang=en');
  await expect(page.locator('svg.surface')).toHaveAttribute('data-drawn', 'true');
  const choose = (name: string) =>
    page.locator('#widget').evaluate((host, name) => {
      const root = host.shadowRoot!;
      (root.querySelector(`#surface-${name}`) as HTMLInputElement).click();
      // Read in the task of the click.
      return { drawn: root.querySelector('svg.surface')!.getAttribute('data-drawn'), levels: root.querySelectorAll('svg.surface-map path.level').length };
    }, name);
  expect(await choose('rosenbrock')).toEqual({ drawn: 'false', levels: 0 });
  await expect(page.locator('svg.surface')).toHaveAttribute('data-drawn', 'true');
  const levels = await page.locator('svg.surface-map path.level').count();
  expect(levels).toBe(Number(await page.locator('svg.surface').getAttribute('data-levels')));
  const rosenbrock = await page.locator('svg.surface-map path.level').first().getAttribute('d');
  const saddle = await choose('saddle');
  expect(saddle.drawn).toBe('true');
  expect(saddle.levels).toBeGreaterThan(8);
  expect(await choose('rosenbrock')).toEqual({ drawn: 'true', levels });
  expect(await page.locator('svg.surface-map path.level').first().getAttribute('d')).toBe(rosenbrock);
});
