// Hostile and careless tutorials (issue 14): each finding that once crashed
// the tab, threw, dropped part of the file or broke the CSP, now a problem
// listed with its line, and the rest of the tutorial shown.
import { expect, type Page, test } from '@playwright/test';
import { watchErrors } from './helpers';

test.use({ locale: 'en-US' });

/** Opens a tutorial given as text, as "Open a tutorial from this computer" does. */
async function openText(page: Page, source: string): Promise<void> {
  await page.goto('./tutorials.html');
  await page.locator('#open-file').setInputFiles({ name: 'hostile.md', mimeType: 'text/markdown', buffer: Buffer.from(source) });
  await expect(page.locator('article.tutorial')).toBeVisible();
}

const after = '\n\n## Two\n\nThe step after it.\n';

/** The problems listed at the top, as line → text. */
async function problems(page: Page): Promise<Map<number, string>> {
  const items = await page.locator('#tutorial-problems li').evaluateAll((lis) => lis.map((li) => [Number(li.getAttribute('data-line')), li.textContent ?? ''] as const));
  return new Map(items);
}

test('150 nested square roots in a 1 KB formula: shown as text with the reason, no crash, the next step there', async ({ page }) => {
  const errors = watchErrors(page);
  let crashed = false;
  page.on('crash', () => (crashed = true));
  const formula = `${'\\sqrt{'.repeat(150)}x${'}'.repeat(150)}`;
  expect(formula.length).toBeLessThan(1300);
  await openText(page, `# Roots\n\n## One\n\n$$${formula}$$${after}`);
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-steps', '2');
  const math = page.locator('#tutorial-step-body .math.display');
  await expect(math).toHaveClass(/tex-failed/);
  await expect(math.locator('.tex-source')).toHaveText(formula);
  await expect(math.locator('.katex')).toHaveCount(0);
  expect((await problems(page)).get(5)).toContain('nests more than 20 levels deep');
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body')).toContainText('The step after it.');
  expect(crashed).toBe(false);
  expect(errors).toEqual([]);
});

test('deeply nested braces: no stack overflow, the formula as text and its problem, the rest shown', async ({ page }) => {
  const errors = watchErrors(page);
  // Under the length limit, far over the depth limit.
  await openText(page, `# Braces\n\n## One\n\nBefore $${'{'.repeat(600)}x${'}'.repeat(600)}$ and after.${after}`);
  await expect(page.locator('#tutorial-step-body')).toContainText('Before');
  await expect(page.locator('#tutorial-step-body')).toContainText('and after.');
  await expect(page.locator('#tutorial-step-body .math.tex-failed')).toHaveCount(1);
  expect((await problems(page)).get(5)).toContain('nests more than 20 levels deep');
  // And a formula longer than the limit.
  await openText(page, `# Long\n\n## One\n\n$$${'x+'.repeat(1500)}x$$${after}`);
  expect((await problems(page)).get(5)).toContain('longer than 2000 characters');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-steps', '2');
  expect(errors).toEqual([]);
});

test('a macro definition is refused: a few lines of them would nest without limit', async ({ page }) => {
  const errors = watchErrors(page);
  await openText(page, `# Macros\n\n## One\n\n$\\def\\a#1{\\sqrt{\\sqrt{#1}}}\\def\\b#1{\\a{\\a{#1}}}\\b{\\b{\\b{x}}}$${after}`);
  expect((await problems(page)).get(5)).toContain('defines a macro');
  await expect(page.locator('#tutorial-step-body .math.tex-failed')).toHaveCount(1);
  expect(errors).toEqual([]);
});

for (const name of ['constructor', '__proto__']) {
  test(`a widget block named ${name} is an unknown widget, listed with its line; the tutorial opens`, async ({ page }) => {
    const errors = watchErrors(page);
    await openText(page, `# Names\n\n## One\n\nText.\n\n\`\`\`widget ${name}\nterm = w5+\n\`\`\`${after}`);
    await expect(page.locator('article.tutorial')).toHaveAttribute('data-steps', '2');
    await expect(page.locator('#tutorial-step-body')).toContainText('Text.');
    expect((await problems(page)).get(7)).toContain(`unknown widget “${name}”`);
    await expect(page.locator('#tutorial-step-body .tutorial-errors li[data-line="7"]')).toBeVisible();
    await page.locator('#tutorial-next').click();
    await expect(page.locator('#tutorial-step-body')).toContainText('The step after it.');
    expect(errors).toEqual([]);
  });
}

test('a list nested 120 deep: a problem with its line, and every step after it', async ({ page }) => {
  const errors = watchErrors(page);
  const list = Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- item ${i + 1}`).join('\n');
  await openText(page, `# Lists\n\n## One\n\n${list}\n\n## Two\n\nSecond.\n\n## Three\n\nThird.\n`);
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-steps', '3');
  // The items past the limit are text; none is lost.
  await expect(page.locator('#tutorial-step-body')).toContainText('item 120');
  const listed = await problems(page);
  expect([...listed.values()].join(' ')).toContain('nested more than 40 levels deep');
  // Line 5 is the first item; each list adds two levels (the list, its item): the 20th item's text, at level 40, is line 24.
  expect(listed.get(24)).toContain('nested more than 40 levels deep');
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body')).toContainText('Second.');
  await page.locator('#tutorial-next').click();
  await expect(page.locator('#tutorial-step-body')).toContainText('Third.');
  // Quotes too.
  await openText(page, `# Quotes\n\n## One\n\n${'>'.repeat(3000)} deep${after}`);
  expect((await problems(page)).get(5)).toContain('nested more than 40 levels deep');
  await expect(page.locator('article.tutorial')).toHaveAttribute('data-steps', '2');
  expect(errors).toEqual([]);
});

test('a formula KaTeX cannot parse is its source as text with the error, and the CSP holds', async ({ page }) => {
  const errors = watchErrors(page);
  await openText(page, `# Broken\n\n## One\n\nFirst $a^2$ then\nthe broken $x^$ here.${after}`);
  const body = page.locator('#tutorial-step-body');
  await expect(body.locator('.math')).toHaveCount(2);
  await expect(body.locator('.math').first().locator('.katex')).toHaveCount(1);
  const broken = body.locator('.math.tex-failed');
  await expect(broken.locator('.tex-source')).toHaveText('x^');
  await expect(broken.locator('.tex-error')).toContainText('Expected group after');
  // No style attribute in it (KaTeX's error node had one, which the CSP, style-src 'self', refuses: a console error).
  expect(await broken.evaluate((el) => el.matches('[style]') || el.querySelector('[style]') !== null)).toBe(false);
  // Its line: the second line of the paragraph.
  expect((await problems(page)).get(6)).toContain('could not be typeset');
  expect(errors).toEqual([]);
});
