// Typesetting with KaTeX. katex.render builds DOM nodes (no HTML strings),
// which a strict Content-Security-Policy allows.
import katex from 'katex';

export function tex(el: HTMLElement, latex: string, display = false): HTMLElement {
  katex.render(latex, el, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', trust: false, strict: 'ignore' });
  if (display) requestAnimationFrame(() => scrollableByKeyboard(el));
  return el;
}

/** A displayed formula wider than its box scrolls: the keyboard must reach it to scroll it too. */
function scrollableByKeyboard(el: HTMLElement): void {
  const box = el.querySelector<HTMLElement>('.katex-display');
  if (!box) return;
  if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
}

/** A new span holding the typeset formula. */
export function texSpan(latex: string, display = false, className = 'tex'): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  return tex(span, latex, display);
}
