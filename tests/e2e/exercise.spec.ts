// The stepper's exercise mode: predict each value, then reveal it. The
// wrong answers are the catalogued mistakes as PyTorch computes them
// (tests/fixtures/mistakes_pytorch.json); each gets its own hint.
import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { axeViolations, openStepper, watchErrors } from './helpers';

const en: Record<string, string> = JSON.parse(readFileSync(resolve('web/src/messages/en.json'), 'utf8'));
const fixture = JSON.parse(readFileSync(resolve('tests/fixtures/mistakes_pytorch.json'), 'utf8'));
const classic = fixture.cases[0] as { right: Record<string, number>; expected: { term: string; mistake: string; value: number }[] };

/** The term each mistake is tried on, in the classic example. */
const asked: Record<string, string> = {
  sign_dE_dout: 'dE_total/dw5',
  sigma_prime_dropped: 'dE_total/dw5',
  out_for_net: 'dout_o1/dnet_o1',
  updated_weight: 'dE_total/dw1',
  path_left_out: 'dE_total/dout_h1',
  eta_not_applied: 'w5+',
  bias_as_weight: 'dE_total/db1',
};

/** A number as a student types it: 6 significant digits, the minus as U+2212. */
const typed = (x: number) => x.toPrecision(6).replace('-', '−');

async function answer(page: Page, text: string): Promise<void> {
  await page.getByLabel(/^Your value of /).fill(text);
  await page.getByLabel(/^Your value of /).press('Enter');
}

test.use({ locale: 'en-US' });

test('each catalogued mistake gets its hint, and the right value is then accepted', async ({ page }) => {
  const errors = watchErrors(page);
  for (const [mistake, term] of Object.entries(asked)) {
    const wrong = classic.expected.find((e) => e.term === term && e.mistake === mistake);
    expect(wrong, `${mistake} on ${term}`).toBeTruthy();
    await openStepper(page, `#exercise=true&term=${encodeURIComponent(term)}`);
    const card = page.locator('#current-term');
    await expect(card).toHaveAttribute('data-term', term);
    // The value is hidden: not on the card, not in its exact value.
    await expect(card).not.toHaveAttribute('data-value', /./);
    await expect(card.locator('.exact')).toBeHidden();
    await expect(page.getByLabel(`Your value of ${term}`)).toBeVisible();

    await answer(page, typed(wrong!.value));
    const verdict = page.locator('#exercise-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'mistake');
    await expect(verdict).toHaveAttribute('data-mistake', mistake);
    await expect(verdict).toHaveText(en[`exercise.mistake.${mistake}`]);
    await expect(card).not.toHaveAttribute('data-value', /./);

    const right = classic.right[term];
    await answer(page, typed(right));
    await expect(verdict).toHaveAttribute('data-verdict', 'right');
    await expect(verdict).toContainText(`Right: ${term} = `);
    await expect(card).toHaveAttribute('data-value', /./);
    expect(Math.abs(Number(await card.getAttribute('data-value')) - right)).toBeLessThanOrEqual(1e-12 * Math.abs(right));
    await expect(card.locator('.exact')).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('too few digits, not a number and a plain wrong answer are told apart; Show the answer reveals it', async ({ page }) => {
  await openStepper(page, '#exercise=true&term=dE_total/dw5');
  const verdict = page.locator('#exercise-verdict');
  await answer(page, '0.08');
  await expect(verdict).toHaveAttribute('data-verdict', 'too_few_digits');
  await expect(verdict).toHaveText('Give at least 3 significant digits (you gave 1).');
  // The Check button does what Enter does.
  await page.getByLabel(/^Your value of /).fill('abc');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'not_a_number');
  await answer(page, '0.123');
  await expect(verdict).toHaveAttribute('data-verdict', 'wrong');
  await expect(verdict).toHaveText(en['exercise.wrong']);
  // A comma reads as the decimal point; the rounded three digits are enough.
  await answer(page, '0,0822');
  await expect(verdict).toHaveAttribute('data-verdict', 'right');

  await page.getByRole('button', { name: 'Next term', exact: true }).click();
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'w5+');
  await expect(verdict).toHaveText('');
  await page.getByRole('button', { name: 'Show the answer' }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'shown');
  await expect(page.locator('#current-term')).toHaveAttribute('data-value', /^0\.3589164797/);
});

test('the exercise switch is kept in the address, and the value stays hidden after a reload', async ({ page }) => {
  await openStepper(page, '#term=dE_total/dw5');
  await expect(page.locator('#exercise')).toBeHidden();
  await expect(page.locator('#current-term')).toHaveAttribute('data-value', /./);
  await page.getByLabel('Exercise: predict each value').check();
  await expect(page.locator('#exercise')).toBeVisible();
  await expect(page.locator('#current-term')).not.toHaveAttribute('data-value', /./);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('exercise=true');
  await page.reload();
  await expect(page.locator('#current-term')).toHaveAttribute('data-term', 'dE_total/dw5');
  await expect(page.getByLabel('Exercise: predict each value')).toBeChecked();
  await expect(page.locator('#current-term')).not.toHaveAttribute('data-value', /./);
  // The chain panel hides the asked value and the later ones, not the factors before it.
  await expect(page.locator('[data-chain-term="dE_total/dw5"] .chain-value')).toHaveText('= ?');
  await expect(page.locator('[data-chain-term="w5+"] .chain-value')).toHaveText('= ?');
  await expect(page.locator('[data-chain-term="w5+"]')).not.toHaveAttribute('data-value', /./);
  await expect(page.locator('[data-chain-term="dE_total/dout_o1"] .chain-value')).toHaveText(/= 0\.741365/);
});

test.describe('accessibility', () => {
  // axe is injected as a script: the test's own, so the page's CSP is set aside for it.
  test.use({ bypassCSP: true });
  for (const lang of ['en', 'zh-CN']) {
    test(`axe finds nothing on the exercise with a hint shown (${lang})`, async ({ page }) => {
      await openStepper(page, `#lang=${lang}&exercise=true&term=dE_total/dw5`);
      await page.locator('#exercise-answer').fill('0.440');
      await page.locator('#exercise-answer').press('Enter');
      await expect(page.locator('#exercise-verdict')).toHaveAttribute('data-mistake', 'sigma_prime_dropped');
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
