// Tests that look: what a person sees, read from computed styles and
// layout boxes, not from data attributes. A widget that lost its styles
// (black nodes, hidden parts shown, KaTeX's MathML printed as text), an
// element wider than its widget, a clipped formula or text too small to
// read is reported with a short description of where it is.
import { expect, type Locator, type Page } from '@playwright/test';

export const WIDGETS = 'backprop-stepper, loss-explorer, optimizer-race, training-loop, nn-playground';

/** The smallest text a person must be able to read, in CSS px. */
export const MIN_TEXT_PX = 12;

export interface LookOptions {
  /** Check text size (off where a test looks only at styles). */
  text?: boolean;
}

/**
 * What is wrong with how one widget element looks; [] when nothing is.
 * Runs in the page.
 */
export async function widgetProblems(widget: Locator, options: LookOptions = {}): Promise<string[]> {
  return widget.evaluate(
    (host, { minText, text }) => {
      const problems: string[] = [];
      const root = host.shadowRoot;
      if (!root) return ['no shadow root'];
      const describe = (el: Element) => {
        const id = el.id ? `#${el.id}` : '';
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const part = el.closest('[data-part]')?.getAttribute('data-part');
        return `${host.tagName.toLowerCase()} ${el.tagName.toLowerCase()}${id}${cls}${part ? ` (in ${part})` : ''}`;
      };
      if (root.adoptedStyleSheets.length < 3) problems.push(`${host.tagName.toLowerCase()}: ${root.adoptedStyleSheets.length} style sheets adopted`);
      // Known parts, styled by the shared sheet and each widget's own.
      const button = root.querySelector('button');
      if (button && getComputedStyle(button).borderTopLeftRadius === '0px') problems.push(`${describe(button)}: unstyled button`);
      for (const el of root.querySelectorAll('[data-hidden-part]')) {
        if (getComputedStyle(el).display !== 'none') problems.push(`${describe(el)}: a hidden part is shown`);
      }
      for (const el of root.querySelectorAll('.katex-mathml')) {
        const r = el.getBoundingClientRect();
        if (r.width > 1.5 || r.height > 1.5) problems.push(`${describe(el)}: KaTeX's MathML is visible`);
      }
      for (const el of root.querySelectorAll('svg.network .node circle')) {
        if (getComputedStyle(el).fill === 'rgb(0, 0, 0)') problems.push(`${describe(el)}: a node painted black`);
      }
      const card = root.querySelector('.term-card, .info-card');
      if (card && getComputedStyle(card).borderTopStyle === 'none') problems.push(`${describe(card)}: an unstyled card`);

      // Boxes: nothing wider than the widget; no formula cut off.
      const bounds = host.getBoundingClientRect();
      const shown = (el: Element) => el.getClientRects().length > 0 && !el.closest('.katex-mathml, .visually-hidden');
      const clipper = (el: Element): Element | null => {
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX !== 'visible') return a;
        }
        return null;
      };
      const inSvg = (el: Element) => el instanceof SVGElement && !(el instanceof SVGSVGElement);
      for (const el of root.querySelectorAll('*')) {
        if (!shown(el) || inSvg(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const clip = clipper(el);
        if (clip) {
          // A formula too wide even broken over lines and scaled down may scroll, with a visible cue (the last resort).
          const cue = clip.parentElement?.classList.contains('formula-scrolls');
          if (el.matches('.katex') && !cue && clip.scrollWidth > clip.clientWidth + 1) problems.push(`${describe(el)}: a formula clipped by ${describe(clip)} (${clip.scrollWidth} > ${clip.clientWidth})`);
          continue;
        }
        if (r.right > bounds.right + 1 || r.left < bounds.left - 1) problems.push(`${describe(el)}: wider than the widget (${Math.round(r.left - bounds.left)}…${Math.round(r.right - bounds.left)} of ${Math.round(bounds.width)})`);
      }

      // Text: none under the readable size (KaTeX's sub- and superscripts aside).
      if (text) {
        const small = new Set<string>();
        for (const el of root.querySelectorAll('*')) {
          if (!shown(el) || el.closest('.katex')) continue;
          const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
          if (!hasText) continue;
          let size = parseFloat(getComputedStyle(el).fontSize);
          // An SVG's text is scaled with its drawing.
          if (el instanceof SVGGraphicsElement) {
            const m = el.getScreenCTM();
            if (m) size *= Math.hypot(m.a, m.b);
          }
          if (size < minText - 0.05) small.add(`${describe(el)}: ${size.toFixed(1)} px text "${el.textContent!.trim().slice(0, 20)}"`);
        }
        problems.push(...[...small].slice(0, 10));
      }
      return [...new Set(problems)];
    },
    { minText: MIN_TEXT_PX, text: options.text ?? true },
  );
}

/** Every widget on the page looks right. */
/**
 * Every widget in scope looks right; returns how many there were. A page
 * that shows no widget where one is expected has nothing right to look at:
 * none fails unless `none` allows it (a step of text), and the caller counts.
 */
export async function expectWidgetsLookRight(page: Page, scope = 'body', options: LookOptions & { none?: boolean } = {}): Promise<number> {
  const widgets = page.locator(scope).locator(WIDGETS);
  const n = await widgets.count();
  if (!options.none) expect(n, `widgets in ${scope}`).toBeGreaterThan(0);
  const problems: string[] = [];
  for (let i = 0; i < n; i++) problems.push(...(await widgetProblems(widgets.nth(i), options)));
  expect(problems).toEqual([]);
  return n;
}
