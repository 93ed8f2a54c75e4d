// Any order of actions (issue 14): on every widget, a seeded random sequence
// of what a careless or hostile user does — click any control, type hostile
// text into any field, pick any option, press keys, and call the element's
// apply() with its own keys and hostile values — gives no page error and no
// console error, and leaves no NaN or undefined in an attribute. Seeded and
// bounded, so a failure is the same on every run.
import { expect, type Page, test } from '@playwright/test';
import { generator, watchErrors } from './helpers';

test.use({ locale: 'en-US' });

const ACTIONS = Number(process.env.HOSTILE_ACTIONS ?? 70);
const SEED = Number(process.env.HOSTILE_SEED ?? 1414);

const TEXTS = [
  '<img src=x onerror="window.__pwned=1">',
  '1e999',
  '−1e999',
  'NaN',
  '−0',
  '−1',
  '1e-320',
  '1e308',
  '',
  'sqrt(-1)',
  'log(x)',
  '2, 3, 2',
  '1,2\n3,4',
  '1'.repeat(3000),
  '0.5',
  '3',
  '100000',
];
const KEYS = ['Enter', 'Escape', 'ArrowRight', 'ArrowLeft', 'PageDown', 'Home', 'End', ' '];

const pages = ['index.html', 'losses.html', 'optimizers.html', 'training.html', 'playground.html'];

async function act(page: Page, random: () => number): Promise<string> {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const widget = page.locator('#widget');
  const roll = random();
  if (roll < 0.12) {
    // The element API, with the widget's own keys.
    const key = await page.evaluate((r) => {
      const element = document.getElementById('widget') as HTMLElement & { state: Map<string, string> };
      const keys = [...element.state.keys()];
      return keys[Math.floor(r * keys.length)] ?? 'lang';
    }, random());
    const value = pick(TEXTS);
    await page.evaluate(
      ([k, v]) => (document.getElementById('widget') as HTMLElement & { apply(s: Record<string, string>): unknown }).apply({ [k]: v }),
      [key, value],
    );
    return `apply(${key}=${value.slice(0, 20)})`;
  }
  if (roll < 0.2) {
    const key = pick(KEYS);
    await page.keyboard.press(key);
    return `key ${key}`;
  }
  const controls = widget.locator('button:visible, input:visible, select:visible, textarea:visible');
  const count = await controls.count();
  if (count === 0) return 'no control';
  const control = controls.nth(Math.floor(random() * count));
  const [tag, type, name] = await control.evaluate((el) => [el.tagName.toLowerCase(), (el as HTMLInputElement).type ?? '', el.id || el.textContent?.trim().slice(0, 20) || '']);
  const options = { timeout: 1500 };
  try {
    if (tag === 'button' || type === 'checkbox' || type === 'radio') {
      await control.click(options);
      return `click ${name}`;
    }
    if (tag === 'select') {
      const values = await control.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value));
      const value = pick(values);
      await control.selectOption(value, options);
      return `select ${name}=${value}`;
    }
    if (type === 'range') {
      await control.focus(options);
      await page.keyboard.press(pick(['ArrowRight', 'ArrowLeft', 'End', 'Home']));
      return `range ${name}`;
    }
    const text = pick(TEXTS);
    await control.fill(text, options);
    await control.press(pick(['Enter', 'Tab']), options);
    return `type ${name}=${text.slice(0, 20)}`;
  } catch {
    // A control that is locked, inert or gone by now: the user could not act on it either.
    return `skip ${name}`;
  }
}

for (const [n, file] of pages.entries()) {
  test(`${file}: ${ACTIONS} random actions in any order, no error, no NaN in an attribute`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = watchErrors(page);
    const random = generator(SEED + n);
    await page.goto(`./${file}`);
    await expect(page.locator('#widget').locator('.widget > :not(.loading)').first()).toBeAttached();
    const done: string[] = [];
    for (let i = 0; i < ACTIONS; i++) {
      done.push(await act(page, random));
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      expect(errors, done.join(' · ')).toEqual([]);
    }
    const bad = await page.evaluate(() => {
      const all = (root: ParentNode): Element[] => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
      const found: string[] = [];
      for (const el of all(document.body)) {
        for (const a of el.attributes) if (/\b(NaN|undefined)\b|^-?Infinity$/.test(a.value)) found.push(`${el.tagName}[${a.name}=${a.value.slice(0, 40)}]`);
      }
      return found;
    });
    expect(bad, done.join(' · ')).toEqual([]);
    expect(await page.evaluate(() => Boolean((window as unknown as { __pwned?: number }).__pwned))).toBe(false);
    expect(errors).toEqual([]);
  });
}
