// Typesetting with KaTeX. katex.render builds DOM nodes (no HTML strings),
// which a strict Content-Security-Policy allows.
//
// A displayed formula is fitted to its box: the first of its forms that
// fits (a one-line equation, then the same broken over lines); else the
// last one, scaled down (its text to MIN_TEXT_PX); only beyond that it scrolls, with a
// visible cue, and the keyboard can reach it. It is fitted again whenever
// its box changes width.
import katex from 'katex';

/** The smallest a formula's main text is scaled to, in CSS px (KaTeX sets it at 1.21em). */
export const MIN_TEXT_PX = 14;
const KATEX_EM = 1.21;

interface Fit {
  /** The forms to try, in order; none: keep what is there, only scale it. */
  variants: string[];
  width: number;
}

const fits = new WeakMap<HTMLElement, Fit>();
let observer: ResizeObserver | null = null;

/** Every fitted formula, fitted again when a font arrives (KaTeX's load as they are first used). */
const fitted = new Set<WeakRef<HTMLElement>>();
let fontsWatched = false;

function refitAll(): void {
  for (const ref of fitted) {
    const el = ref.deref();
    const fit = el && fits.get(el);
    if (!el || !fit) fitted.delete(ref);
    else if (el.isConnected) layout(el, fit);
  }
}

const watched = new WeakSet<HTMLElement>();

function watch(el: HTMLElement): void {
  if (watched.has(el)) return;
  watched.add(el);
  fitted.add(new WeakRef(el));
  if (!fontsWatched && typeof document !== 'undefined' && document.fonts) {
    fontsWatched = true;
    document.fonts.addEventListener('loadingdone', refitAll);
  }
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const el = entry.target as HTMLElement;
      const fit = fits.get(el);
      if (fit && Math.abs(el.clientWidth - fit.width) > 0.5) layout(el, fit);
    }
  });
  observer.observe(el);
}

function render(el: HTMLElement, latex: string, display: boolean): void {
  katex.render(latex, el, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', trust: false, strict: 'ignore' });
}

function box(el: HTMLElement): HTMLElement | null {
  return el.querySelector<HTMLElement>('.katex-display');
}

function overflows(el: HTMLElement): boolean {
  const b = box(el);
  return Boolean(b && b.scrollWidth > b.clientWidth + 1);
}

function layout(el: HTMLElement, fit: Fit): void {
  const width = el.clientWidth;
  fit.width = width;
  el.style.removeProperty('font-size');
  el.classList.remove('formula-scrolls');
  const done = () => {
    const b = box(el);
    if (!b) return;
    // A formula wider than its box scrolls: the keyboard must reach it to scroll it too.
    if (overflows(el)) {
      b.tabIndex = 0;
      el.classList.add('formula-scrolls');
    } else {
      b.removeAttribute('tabindex');
    }
  };
  // Not laid out (hidden, not yet in the page): the first form; the observer fits it when shown.
  if (fit.variants.length) {
    for (const latex of fit.variants) {
      render(el, latex, true);
      if (width === 0 || !overflows(el)) return done();
    }
  } else if (width === 0 || !overflows(el)) {
    return done();
  }
  // Scaled from the size the stylesheet gives it; a second try where the first was not quite enough.
  const base = Number.parseFloat(getComputedStyle(el).fontSize);
  const least = Math.min(1, MIN_TEXT_PX / (base * KATEX_EM));
  let scale = 1;
  for (let i = 0; i < 3 && overflows(el) && scale > least; i++) {
    const b = box(el)!;
    scale = Math.max(least, Math.floor(scale * (b.clientWidth / b.scrollWidth) * 100) / 100);
    el.style.fontSize = `${(base * scale).toFixed(2)}px`;
  }
  done();
}

/** Typesets a displayed formula in the first of its forms that fits the box (see above). */
export function fitTex(el: HTMLElement, variants: string[]): HTMLElement {
  const fit: Fit = { variants, width: -1 };
  fits.set(el, fit);
  watch(el);
  layout(el, fit);
  return el;
}

/** Fits a displayed formula already typeset in el (a tutorial's, copied into the page). */
export function fitTypeset(el: HTMLElement): void {
  if (fits.has(el)) return;
  const fit: Fit = { variants: [], width: -1 };
  fits.set(el, fit);
  watch(el);
  layout(el, fit);
}

/** Typesets without fitting (content built away from the page, fitted once shown). */
export function typeset(el: HTMLElement, latex: string, display = false): HTMLElement {
  render(el, latex, display);
  return el;
}

export function tex(el: HTMLElement, latex: string, display = false): HTMLElement {
  if (display) return fitTex(el, [latex]);
  render(el, latex, false);
  return el;
}

/** A new span holding the typeset formula. */
export function texSpan(latex: string, display = false, className = 'tex'): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  return tex(span, latex, display);
}
