// Typesetting with KaTeX. katex.render builds DOM nodes (no HTML strings),
// which a strict Content-Security-Policy allows.
import katex from 'katex';

export function tex(el: HTMLElement, latex: string, display = false): HTMLElement {
  katex.render(latex, el, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', trust: false });
  return el;
}

/** A new span holding the typeset formula. */
export function texSpan(latex: string, display = false, className = 'tex'): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  return tex(span, latex, display);
}
