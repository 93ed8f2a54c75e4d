// The backprop stepper, as a student uses it.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeTo, current, openStepper, watchErrors } from './helpers';

// The classic example's table (issue 2), as published.
const table: Record<string, number> = JSON.parse(readFileSync(resolve('tests/fixtures/classic_table.json'), 'utf8')).terms;

test.use({ locale: 'en-US' });

test('the page loads on the first term, in English', async ({ page }) => {
  const errors = watchErrors(page);
  await openStepper(page);
  expect((await current(page)).id).toBe('net_h1');
  await expect(page.locator('#current-term .position')).toHaveText('Term 1 of 56');
  await expect(page.locator('#current-term .katex').first()).toBeVisible();
  await expect(page.locator('svg.network [data-node="h1"]')).toHaveClass(/hl/);
  expect(errors).toEqual([]);
});

test('Next steps through every term, showing the table values in data-value', async ({ page }) => {
  await openStepper(page);
  const seen: string[] = [];
  for (let i = 0; i < 56; i++) {
    const { id, value } = await current(page);
    seen.push(id);
    if (id in table) expect(closeTo(value, table[id], 1e-15), `${id}: ${value} vs ${table[id]}`).toBe(true);
    // data-value holds 17 significant digits.
    expect(await page.locator('#current-term').getAttribute('data-value')).toMatch(/^-?\d\.\d{16}(e[-+]\d+)?$|^-?0\.\d+$/);
    if (i < 55) await page.getByRole('button', { name: 'Next term', exact: true }).click();
  }
  expect(seen.filter((id) => id in table).length).toBe(Object.keys(table).length);
  expect(seen.at(-1)).toBe('E_total+');
  await expect(page.getByRole('button', { name: 'Next term', exact: true })).toBeDisabled();
});

test('the keyboard: arrows, Home and End', async ({ page }) => {
  await openStepper(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await current(page)).id).toBe('net_h2');
  await page.keyboard.press('ArrowLeft');
  expect((await current(page)).id).toBe('out_h1');
  await page.keyboard.press('End');
  expect((await current(page)).id).toBe('E_total+');
  await page.keyboard.press('Home');
  expect((await current(page)).id).toBe('net_h1');
  // Arrows typed in a field edit the field, not the position.
  await page.locator('#field-w5').focus();
  await page.keyboard.press('ArrowRight');
  expect((await current(page)).id).toBe('net_h1');
});

test('#term=dE_total/dw5 opens on that term, and the address follows the student', async ({ page }) => {
  await openStepper(page, '#term=dE_total/dw5');
  const { id, value } = await current(page);
  expect(id).toBe('dE_total/dw5');
  expect(closeTo(value, 0.08216704056423077, 1e-15)).toBe(true);
  await expect(page.locator('#current-term')).toHaveAttribute('data-phase', 'output');
  await expect(page.locator('svg.network line.hl[data-param="w5"]')).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#term=w5%2B$/);
  await openStepper(page, '#term=w5%2B');
  expect((await current(page)).id).toBe('w5+');
});

test('jumping to a weight chain', async ({ page }) => {
  await openStepper(page);
  // The parameters in order, their numbers by value.
  const jump = page.getByLabel('Jump to the chain of');
  await expect(jump.locator('option')).toHaveText(['choose a parameter', 'b1', 'b2', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8']);
  await page.getByLabel('Jump to the chain of').selectOption('w1');
  expect((await current(page)).id).toBe('dE_o1/dnet_o1');
  await expect(page.locator('.chain-title')).toHaveText('The chain for w1');
  await page.getByLabel('Jump to the chain of').selectOption('b2');
  expect((await current(page)).id).toBe('dE_total/db2');
});

test('the hidden layer says it uses the original weights', async ({ page }) => {
  await openStepper(page, '#term=dnet_o1/dout_h1');
  await expect(page.locator('#current-term .note')).toContainText('original w5 = 0.4');
  expect((await current(page)).value).toBe(0.4);
});

test('editing w5 recomputes the trace', async ({ page }) => {
  await openStepper(page, '#term=net_o1');
  const outH1 = Number(await page.locator('[data-term="out_h1"]').getAttribute('data-value'));
  const outH2 = Number(await page.locator('[data-term="out_h2"]').getAttribute('data-value'));
  await page.locator('#field-w5').fill('0.5');
  const { id, value } = await current(page);
  expect(id).toBe('net_o1');
  // net_o1 = w5 out_h1 + w6 out_h2 + b2, with w5 = 0.5 now.
  expect(closeTo(value, 0.5 * outH1 + 0.45 * outH2 + 0.6, 1e-15)).toBe(true);
  await expect(page.locator('svg.network .edge-label').filter({ hasText: 'w5 = 0.5' })).toHaveCount(1);
});

test('"abc" in a field shows the message beside it and keeps the last trace', async ({ page }) => {
  await openStepper(page, '#term=E_total');
  const before = await current(page);
  await page.locator('#field-w5').fill('abc');
  await expect(page.locator('#error-w5')).toContainText('w5: “abc” is not a number');
  await expect(page.locator('#field-w5')).toHaveAttribute('aria-invalid', 'true');
  expect(await current(page)).toEqual(before);
  // Other fields still work; the bad one keeps its text and message.
  await page.locator('#field-w6').fill('0.45');
  await expect(page.locator('#error-w5')).toContainText('not a number');
  await page.locator('#field-w5').fill('');
  await expect(page.locator('#error-w5')).toContainText('w5 is empty');
  await page.locator('#field-w5').fill('0.4');
  await expect(page.locator('#error-w5')).toBeHidden();
  expect(await current(page)).toEqual(before);
});

test('switching to 中文 changes the text', async ({ page }) => {
  await openStepper(page);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('h1')).toHaveText('逐项推导反向传播');
  await expect(page.getByRole('button', { name: '下一项' })).toBeVisible();
  await expect(page.locator('#current-term .position')).toHaveText('第 1 项，共 56 项');
  // One row of controls, one word: the stepper moves by terms (项), never by steps (步).
  await expect(page.locator('.controls .buttons button')).toHaveText(['第一项', '上一项', '下一项', '最后一项', '自动播放']);
  await expect(page.locator('.controls')).not.toContainText('步');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('h1')).toHaveText('Backpropagation, one term at a time');
});

test('a Chinese browser opens in 中文', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await openStepper(page);
  await expect(page.locator('h1')).toHaveText('逐项推导反向传播');
  await context.close();
});

test('the bias toggle trains one bias per neuron, as PyTorch', async ({ page }) => {
  await openStepper(page, '#term=E_total+');
  expect(closeTo((await current(page)).value, 0.29102777369359933, 1e-15)).toBe(true);
  await page.getByLabel('Update biases').check();
  expect((await current(page)).id).toBe('E_total+');
  expect(closeTo((await current(page)).value, 0.28047144679143016, 1e-15)).toBe(true);
  await expect(page.locator('#field-b_h1')).toHaveValue('0.35');
  await expect(page.locator('#field-b_o2')).toHaveValue('0.6');
  await expect(page.getByLabel('Jump to the chain of').locator('option')).toHaveText(['choose a parameter', 'b_h1', 'b_h2', 'b_o1', 'b_o2', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8']);
  await page.getByLabel('Jump to the chain of').selectOption('b_o1');
  const { id, value } = await current(page);
  expect(id).toBe('dE_total/db_o1');
  expect(closeTo(value, 0.13849856162855695, 1e-15)).toBe(true);
  await page.getByLabel('Update biases').uncheck();
  await expect(page.locator('#field-b1')).toHaveValue('0.35');
});

test('the next iteration restarts the trace from the updated weights', async ({ page }) => {
  await openStepper(page, '#term=w5+');
  const w5next = (await current(page)).value;
  await page.getByRole('button', { name: 'Next iteration' }).click();
  await expect(page.locator('#history-title')).toHaveText('Iteration 1');
  expect((await current(page)).id).toBe('net_h1');
  await expect(page.locator('#field-w5')).toHaveValue(String(w5next));
  const E = Number(await page.locator('[data-term="E_total"]').getAttribute('data-value'));
  expect(closeTo(E, 0.29102777369359933, 1e-15)).toBe(true);
  await expect(page.locator('.history-summary')).toContainText('0.2983711087600027 to 0.29102777369359933');
  // 100 more, then back to the classic example.
  await page.getByRole('button', { name: 'Run 100 more' }).click();
  await expect(page.locator('#history-title')).toHaveText('Iteration 101');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('#history-title')).toHaveText('Iteration 0');
  await expect(page.locator('#field-w5')).toHaveValue('0.4');
});

test('autoplay moves on by itself and stops on Pause', async ({ page }) => {
  await openStepper(page);
  await page.getByRole('button', { name: 'Autoplay' }).click();
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'out_h1', { timeout: 5000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const stopped = (await current(page)).id;
  await page.waitForTimeout(2500);
  expect((await current(page)).id).toBe(stopped);
});

test('with MSE, ∂E_total/∂out shows the factor 2/K from the core', async ({ page }) => {
  await openStepper(page, '#loss=mse&term=dE_total/dout_o1');
  const term = await current(page);
  expect(closeTo(term.value, 0.7413650695523157, 1e-15)).toBe(true);
  await expect(page.locator('#current-term annotation').first()).toContainText('-\\tfrac{2}{2}(0.01 - 0.75136507)');
  await expect(page.locator('#current-term .note').first()).toContainText('factor 2/K');
  await expect(page.locator('#current-term .note').nth(1)).toContainText('2/K = 1');
});

test('the loss switch: MSE equals the classic here, BCE adds the simplification', async ({ page }) => {
  await openStepper(page, '#term=E_total');
  const classic = (await current(page)).value;
  await page.getByLabel('Loss', { exact: true }).selectOption('mse');
  expect((await current(page)).value).toBe(classic);
  await expect(page.locator('#current-term .note')).toContainText('exactly the classic loss');
  await page.getByLabel('Loss', { exact: true }).selectOption('bce');
  expect(closeTo((await current(page)).value, 0.8252642659061341, 1e-15)).toBe(true);
  await page.keyboard.press('End');
  await page.getByLabel('Jump to the chain of').selectOption('w5');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await current(page)).id).toBe('dE_total/dnet_o1');
  await expect(page.locator('#current-term .note')).toContainText('cancel to out − target');
  await expect(page.locator('a[href="./losses.html"]').first()).toBeVisible();
});

test('the drawing: an E_total node; in the backward phases each edge reached so far shows its gradient, with a legend', async ({ page }) => {
  await openStepper(page, '#term=E_total');
  const drawing = page.locator('svg.network');
  await expect(drawing.locator('[data-node="E_total"]')).toHaveClass(/hl/);
  await expect(drawing.locator('[data-node="E_total"] .node-value')).toHaveText('0.2984');
  await expect(page.locator('#gradient-legend')).toBeHidden();
  // At dE_total/dw5 only w5 has its gradient yet: positive, so the step lowers it.
  await openStepper(page, '#term=dE_total/dw5');
  await expect(page.locator('#gradient-legend')).toBeVisible();
  await expect(drawing.locator('line.edge[data-param="w5"]')).toHaveClass(/grad-pos/);
  await expect(drawing.locator('line.edge[data-param="w7"]')).not.toHaveClass(/grad-/);
  // By the biases every weight has one; w7's is negative (-0.0226), so the step raises it.
  await openStepper(page, '#term=dE_total/db1');
  await expect(drawing.locator('line.edge[data-param="w7"]')).toHaveClass(/grad-neg/);
  await expect(drawing.locator('line.edge[data-param="w5"]')).toHaveClass(/grad-pos/);
  // The width grows with the size: w5 (0.082) is drawn wider than w1 (0.00044).
  const width = (param: string) => drawing.locator(`line.edge[data-param="${param}"]`).evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
  expect(await width('w5')).toBeGreaterThan((await width('w1')) + 2);
});

test('each phase is a way in: its pill goes to its first term', async ({ page }) => {
  await openStepper(page, '#term=E_total');
  await page.locator('#current-term .phases [data-phase="hidden"] button').click();
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'dE_o1/dnet_o1');
  await expect(page.locator('#current-term .phases [data-phase="hidden"] button')).toHaveAttribute('aria-current', 'step');
  await page.locator('#current-term .phases [data-phase="forward"] button').click();
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'net_h1');
});

test('the stepper\'s page and its embed load the stepper\'s own module and no other; the lesson, its first widget\'s (the loss explorer\'s), never the whole one', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.split('/').pop()!.replace(/-[\w-]+\.wasm$/, ''));
  });
  for (const url of ['./index.html#lang=en', './index.html#lang=en&embed=1']) {
    await page.goto(url);
    await expect(page.locator('#widget')).toBeAttached();
    await expect(page.locator('#widget').locator('.term-card').first()).toBeVisible();
  }
  expect(new Set(wasm)).toEqual(new Set(['backprop_stepper']));
  wasm.length = 0;
  await page.goto('./tutorials.html#lang=en&tutorial=lesson');
  await expect.poll(() => wasm[0]).toBe('backprop_losses');
  await page.waitForLoadState('networkidle');
  expect(wasm).not.toContain('backprop_core');
});

for (const lang of ['en', 'zh-CN']) {
  test(`the first frame with the first term (${lang}) is the page as it stays: nothing moves once it is ready`, async ({ page }) => {
    // Where the parts are in the frame that first shows the term's formula (measured as that frame lays out).
    await page.addInitScript(() => {
      const w = window as unknown as { __first?: Record<string, unknown> };
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        if (this.localName !== 'backprop-stepper') return root;
        const observer = new MutationObserver(() => {
          if (!root.querySelector('#current-term .equation .katex')) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const top = (selector: string) => root.querySelector(selector)?.getBoundingClientRect().top ?? null;
            const editor = root.querySelector<HTMLElement>('.editor')!;
            w.__first = {
              tools: !(root.querySelector('.widget-tools') as HTMLElement).hidden,
              next: top('#next'),
              history: top('[data-part=history]'),
              chain: root.querySelector('.chain-title')?.textContent ?? '',
              editor: getComputedStyle(editor).visibility === 'hidden' ? 'not seen' : `${editor.querySelectorAll('input[type=text]').length} fields`,
            };
          });
        });
        observer.observe(root, { childList: true, subtree: true });
        return root;
      };
    });
    await page.goto(`./index.html#lang=${lang}`);
    await page.waitForSelector('#widget', { state: 'attached' });
    await page.evaluate(() => (document.getElementById('widget') as HTMLElement & { ready: Promise<void> }).ready);
    const first = await page.evaluate(() => (window as unknown as { __first: Record<string, unknown> }).__first);
    const now = await page.evaluate(() => {
      const root = document.getElementById('widget')!.shadowRoot!;
      const top = (selector: string) => root.querySelector(selector)?.getBoundingClientRect().top ?? null;
      return { next: top('#next'), history: top('[data-part=history]'), chain: root.querySelector('.chain-title')?.textContent ?? '', fields: root.querySelectorAll('.editor input[type=text]').length };
    });
    // The card says at once that the term is in no chain, so the buttons under it stay put.
    expect(first.chain).toBe(now.chain);
    expect(now.chain).not.toBe('');
    expect(first.next).toBe(now.next);
    expect(first.history).toBe(now.history);
    // The editor is not seen until its fields are all there; the tools are already above the widget.
    expect(['not seen', `${now.fields} fields`]).toContain(first.editor);
    expect(now.fields).toBe(15);
    expect(first.tools).toBe(true);
  });
}
