// A tutorial's ```exercise blocks (tutorials/check-yourself.md): the core
// computes what is asked from the widget's state and checks the answer; a
// catalogued mistake gets its hint; hints come one at a time; a choice is
// checked by the race run in the core; answers are kept with the progress;
// an exercise written wrong is reported by line.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolations, watchErrors } from './helpers';
import { expectWidgetsLookRight } from './look';

test.use({ locale: 'en-US', bypassCSP: true });

const exercise = (page: Page) => page.locator('#tutorial-step-body .tutorial-exercise');

async function answer(ex: Locator, text: string): Promise<Locator> {
  await ex.locator('.tx-answer input').fill(text);
  await ex.locator('.tx-answer .tx-check').click();
  return ex.locator('.tx-verdict');
}

test('a term: wrong, a catalogued mistake named, too few digits, then right; the score counts it and a reload keeps it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./tutorials.html#tutorial=check-yourself&step=2');
  const ex = exercise(page);
  await expect(ex.locator('.tx-question')).toContainText('in the classic network?');
  // show_widget = no: the stepper computes, unseen.
  await expect(ex.locator('backprop-stepper')).toBeHidden();
  await expect(ex.locator('.tx-answer input')).toBeEnabled();
  const verdict = await answer(ex, '0.123');
  await expect(verdict).toHaveAttribute('data-verdict', 'wrong');
  await expect(verdict).toHaveText('Not yet. Try again, or take a hint.');
  // ∂E_total/∂w2 = 0.000877135 (Mazur): its sign flipped is the catalog's first mistake.
  await answer(ex, '−0.000877');
  await expect(verdict).toHaveAttribute('data-verdict', 'mistake');
  await expect(verdict).toContainText('sign flipped');
  await answer(ex, '0.0009');
  await expect(verdict).toHaveAttribute('data-verdict', 'too_few_digits');
  await expect(verdict).toHaveText('Give at least 3 significant digits (you gave 1).');
  await answer(ex, '0,000877');
  await expect(verdict).toHaveAttribute('data-verdict', 'right');
  await expect(verdict).toHaveText('Right: 0.0008771354689486934.');
  const score = page.locator('#tutorial-score');
  await expect(score).toHaveAttribute('data-right', '1');
  await expect(score).toHaveAttribute('data-exercises', '4');
  await expect(score).toContainText('1 of 4 exercises right');

  await page.reload();
  await expect(exercise(page).locator('.tx-answer input')).toHaveValue('0,000877');
  await expect(exercise(page).locator('.tx-verdict')).toHaveAttribute('data-verdict', 'right');
  await expect(score).toHaveAttribute('data-right', '1');
  await page.locator('#progress-reset').click();
  await expect(score).toHaveAttribute('data-right', '0');
  await page.locator('#tutorial-step').selectOption('1');
  await expect(exercise(page).locator('.tx-answer input')).toHaveValue('');
  await expect(exercise(page).locator('.tx-verdict')).toHaveText('');
  expect(errors).toEqual([]);
});

test('hints come one at a time; Show the answer gives the core\'s value', async ({ page }) => {
  await page.goto('./tutorials.html#tutorial=check-yourself&step=3');
  const ex = exercise(page);
  const hints = ex.locator('.tx-hints li');
  const button = ex.locator('.tx-hint-button');
  await expect(button).toHaveText('Show hint 1 of 2');
  await expect(hints.nth(0)).toBeHidden();
  await button.click();
  await expect(hints.nth(0)).toBeVisible();
  await expect(hints.nth(0).locator('.katex')).not.toHaveCount(0);
  await expect(hints.nth(1)).toBeHidden();
  await expect(button).toHaveText('Show hint 2 of 2');
  await button.click();
  await expect(hints.nth(1)).toBeVisible();
  await expect(button).toBeDisabled();
  // BCE of p = 0.8 for y = 1 is −ln 0.8.
  await ex.locator('.tx-show').click();
  await expect(ex.locator('.tx-verdict')).toHaveText('The answer: 0.2231435513142097.');
  expect(Math.abs(-Math.log(0.8) - 0.2231435513142097)).toBeLessThan(1e-15);
  await expect(await answer(ex, '0.2231')).toHaveAttribute('data-verdict', 'right');
});

test('an optimizer\'s position after N steps, and a choice the race in the core decides', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./tutorials.html#tutorial=check-yourself&step=4');
  const ex = exercise(page);
  await expect(ex.locator('optimizer-race')).toBeVisible();
  // Adam's first step on the plateau is η = 0.05 long, less a hair for ε.
  await expect(await answer(ex, '3.55')).toHaveAttribute('data-verdict', 'wrong');
  await expect(await answer(ex, '3.45')).toHaveAttribute('data-verdict', 'right');
  await expect(ex.locator('.tx-verdict')).toHaveText('Right: 3.450003291254321.');

  await page.locator('#tutorial-next').click();
  const choice = exercise(page);
  const options = choice.locator('.tx-choices input[type=radio]');
  await expect(options).toHaveCount(3);
  await expect(choice.locator('.tx-choices label')).toHaveText([' SGD', ' Momentum', ' Adam'].map((s) => s.trim()));
  await choice.locator('.tx-choices .tx-check').click();
  await expect(choice.locator('.tx-verdict')).toHaveText('Pick one of the answers first.');
  await options.nth(0).check();
  await choice.locator('.tx-choices .tx-check').click();
  await expect(choice.locator('.tx-verdict')).toHaveAttribute('data-verdict', 'wrong');
  await options.nth(2).check();
  await choice.locator('.tx-choices .tx-check').click();
  await expect(choice.locator('.tx-verdict')).toHaveText('Right: Adam.');
  await expect(page.locator('#tutorial-score')).toHaveAttribute('data-right', '2');
  expect(errors).toEqual([]);
});

test('the exercises in Chinese, and how they look at 390 px and 1440 px; axe finds nothing', async ({ page }) => {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`./tutorials.html#tutorial=check-yourself-zh&step=5&lang=zh-CN`);
    await page.reload();
    const ex = exercise(page);
    await expect(ex.locator('.tx-choices legend')).toHaveText('你的答案：选一个');
    await expect(ex.locator('.tx-choices label')).toHaveText(['SGD', '动量', 'Adam']);
    await ex.locator('.tx-choices input').nth(1).check();
    await ex.locator('.tx-choices .tx-check').click();
    await expect(ex.locator('.tx-verdict')).toHaveText('还不对。再试一次，或者看一条提示。');
    await ex.locator('.tx-hint-button').click();
    await expect(ex.locator('.tx-hint-button')).toHaveText('显示提示 2/2');
    // Nothing wider than the exercise's box.
    const overflow = await ex.evaluate((box) => {
      const right = box.getBoundingClientRect().right + 0.5;
      return [...box.querySelectorAll<HTMLElement>('.tx-form *, .tx-question')].filter((el) => !el.closest('.katex-mathml') && el.getBoundingClientRect().right > right).map((el) => el.className || el.tagName);
    });
    expect(overflow).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectWidgetsLookRight(page, '#tutorial-step-body');
  }
  expect(await axeViolations(page)).toEqual([]);
});

const BROKEN = `# Broken exercises

## One

\`\`\`exercise stepper
answer = term dE_total/dw5
\`\`\`

\`\`\`exercise stepper
question = What?
answer = value of w5
tolerance = 2
\`\`\`

## Two

\`\`\`exercise race
question = Which one?
surface = saddle
show = sgd
answer = first below -5 within 10
\`\`\`

\`\`\`exercise training
question = What?
answer = loss
\`\`\`

\`\`\`exercise losses
question = Where is the answer line?
\`\`\`
`;

test('an exercise written wrong says what, by line; one whose state gives no answer says so beside it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./tutorials.html');
  await page.locator('#open-file').setInputFiles({ name: 'broken.md', mimeType: 'text/markdown', buffer: Buffer.from(BROKEN) });
  const problems = page.locator('#tutorial-problems');
  await expect(problems).toBeVisible();
  await expect(problems.locator('li[data-line="5"]')).toContainText('an exercise needs a line question = …');
  await expect(problems.locator('li[data-line="11"]')).toContainText('answer = value of w5 is not something this widget computes; write one of: term <id>');
  await expect(problems.locator('li[data-line="12"]')).toContainText('tolerance = 2');
  await expect(problems.locator('li[data-line="26"]')).toContainText('the training widget has no exercises');
  await expect(problems.locator('li[data-line="29"]')).toContainText('an exercise needs a line answer = …');
  await page.locator('#tutorial-next').click();
  // The saddle's loss never gets below −5: the core finds no answer, and the form stays off.
  const first = exercise(page).first();
  await expect(first.locator('.tutorial-errors li[data-line="21"]')).toContainText('this state gives no answer');
  // The race's own show key is the race's: its update panel shows SGD.
  await expect(first.locator('optimizer-race #detail-sgd')).toBeChecked();
  await expect(first.locator('.tutorial-errors li[data-line="20"]')).toHaveCount(0);
  await expect(first.locator('.tx-choices')).toBeHidden();
  await expect(first.locator('.tx-answer .tx-check')).toBeDisabled();
  expect(errors).toEqual([]);
});

test('in presenter mode an exercise\'s widget stands beside the text, its question and form in the text', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./tutorials.html#tutorial=check-yourself&step=4&present=1');
  await expect(page.locator('#tutorial-step-body .step-widgets optimizer-race')).toBeVisible();
  const text = page.locator('#tutorial-step-body .step-text');
  await expect(text.locator('.tx-question')).toBeInViewport();
  await expect(text.locator('.tx-answer input')).toBeInViewport();
  await expect(await answer(text.locator('.tutorial-exercise'), '3.450')).toHaveAttribute('data-verdict', 'right');
});
