// Typesetting with KaTeX. katex.render builds DOM nodes (no HTML strings),
// which a strict Content-Security-Policy allows.
//
// A displayed formula is fitted to its box: the first of its forms that
// fits (a one-line equation, then the same broken over lines); else the
// last one, scaled down (its text to MIN_TEXT_PX); only beyond that it scrolls, with a
// visible cue, and the keyboard can reach it. It is fitted again whenever
// its box changes width.
import katex from 'katex';
import { afterFrame, nextTask } from './tasks';

/** The smallest a formula's main text is scaled to, in CSS px (KaTeX sets it at 1.21em). */
export const MIN_TEXT_PX = 14;
const KATEX_EM = 1.21;

interface Fit {
  /** The forms to try, in order; none: keep what is there, only scale it. */
  variants: string[];
  width: number;
  /** The form shown. */
  chosen?: number;
}

const fits = new WeakMap<HTMLElement, Fit>();
/** The fitting of each element typeset over several tasks: a newer one replaces it. */
const later = new WeakMap<HTMLElement, number>();
let laterCount = 0;
let observer: ResizeObserver | null = null;

/** Every fitted formula, fitted again when a font arrives (KaTeX's load as they are first used). */
const fitted = new Set<WeakRef<HTMLElement>>();
let fontsWatched = false;

/**
 * After the frame that lays the new glyphs out (so measuring forces no
 * layout): a formula whose form still fits only gets its scroll cue
 * checked; the others are fitted again.
 */
function refitAll(): void {
  afterFrame(() => {
    for (const ref of fitted) {
      const el = ref.deref();
      const fit = el && fits.get(el);
      if (!el || !fit) fitted.delete(ref);
      else if (!el.isConnected || later.has(el)) continue;
      else if (fit.variants.length && !fit.chosen && !el.style.fontSize && !overflows(el)) scrollCue(el);
      else layout(el, fit);
    }
  });
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
      if (fit && !later.has(el) && Math.abs(el.clientWidth - fit.width) > 0.5) layout(el, fit);
    }
  });
  observer.observe(el);
}

/** The deepest a formula may nest (braces, \left … \right, \begin … \end): deeper ones overflow KaTeX's stack or crash the tab. */
export const MAX_TEX_DEPTH = 20;
/** Macro definitions: a few lines of them nest without limit. */
const DEFINITIONS = /\\(?:def|gdef|edef|xdef|let|futurelet|global|newcommand|renewcommand|providecommand)(?![a-zA-Z])/;

/** Why a formula is not typeset: too deep, defines macros, or KaTeX's own error (its text, in English). */
export type TexProblem = { kind: 'depth'; max: number } | { kind: 'definition' } | { kind: 'katex'; message: string };

/** How deep the formula nests: braces, \left … \right and \begin … \end together. */
export function texDepth(latex: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === '\\') {
      const name = /^[a-zA-Z]+/.exec(latex.slice(i + 1, i + 8))?.[0] ?? '';
      if (name === 'left' || name === 'begin') depth++;
      else if (name === 'right' || name === 'end') depth--;
      // A command, or an escaped character (\{ is no brace).
      i += Math.max(1, name.length);
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** What stops a formula before KaTeX sees it, or null. */
export function texCheck(latex: string): TexProblem | null {
  if (DEFINITIONS.test(latex)) return { kind: 'definition' };
  if (texDepth(latex) > MAX_TEX_DEPTH) return { kind: 'depth', max: MAX_TEX_DEPTH };
  return null;
}

/**
 * Typesets, or shows the formula's source as text with the reason, in
 * elements that carry no style attribute (KaTeX's own error node has one,
 * which a strict Content-Security-Policy refuses).
 */
function render(el: HTMLElement, latex: string, display: boolean): TexProblem | null {
  let problem = texCheck(latex);
  if (!problem) {
    try {
      katex.render(latex, el, {
        displayMode: display,
        throwOnError: true,
        output: 'htmlAndMathml',
        trust: false,
        strict: 'ignore',
        // No \rule or \kern larger than a line, no runaway macro.
        maxSize: 10,
        maxExpand: 500,
      });
      el.classList.remove('tex-failed');
      return null;
    } catch (e) {
      problem = { kind: 'katex', message: e instanceof Error ? e.message : String(e) };
    }
  }
  const source = document.createElement('code');
  source.className = 'tex-source';
  source.textContent = latex;
  el.replaceChildren(source);
  el.classList.add('tex-failed');
  return problem;
}

function box(el: HTMLElement): HTMLElement | null {
  return el.querySelector<HTMLElement>('.katex-display');
}

function overflows(el: HTMLElement): boolean {
  const b = box(el);
  return Boolean(b && b.scrollWidth > b.clientWidth + 1);
}

/** A formula wider than its box scrolls: the keyboard must reach it to scroll it too. */
function scrollCue(el: HTMLElement): void {
  const b = box(el);
  if (!b) return;
  if (overflows(el)) {
    b.tabIndex = 0;
    el.classList.add('formula-scrolls');
  } else {
    b.removeAttribute('tabindex');
  }
}

/** The form shown still overflows: scaled from the size the stylesheet gives it; a second try where the first was not quite enough. */
function shrink(el: HTMLElement): void {
  const base = Number.parseFloat(getComputedStyle(el).fontSize);
  const least = Math.min(1, MIN_TEXT_PX / (base * KATEX_EM));
  let scale = 1;
  for (let i = 0; i < 3 && overflows(el) && scale > least; i++) {
    const b = box(el)!;
    scale = Math.max(least, Math.floor(scale * (b.clientWidth / b.scrollWidth) * 100) / 100);
    el.style.fontSize = `${(base * scale).toFixed(2)}px`;
  }
}

function layout(el: HTMLElement, fit: Fit): void {
  const width = el.clientWidth;
  fit.width = width;
  el.style.removeProperty('font-size');
  el.classList.remove('formula-scrolls');
  // Not laid out (hidden, not yet in the page): the first form; the observer fits it when shown.
  if (fit.variants.length) {
    for (const [k, latex] of fit.variants.entries()) {
      render(el, latex, true);
      fit.chosen = k;
      if (width === 0 || !overflows(el)) return scrollCue(el);
    }
  } else if (width === 0 || !overflows(el)) {
    return scrollCue(el);
  }
  shrink(el);
  scrollCue(el);
}

/** Typesets a displayed formula in the first of its forms that fits the box (see above). */
export function fitTex(el: HTMLElement, variants: string[]): HTMLElement {
  later.delete(el);
  const fit: Fit = { variants, width: -1 };
  fits.set(el, fit);
  watch(el);
  layout(el, fit);
  return el;
}

/**
 * fitTex spread over tasks, none of them long: a form is typeset in a task
 * of its own (the first one in this task, if now), laid out by the next
 * frame, and measured after it (when reading the layout costs nothing). It
 * starts from the form that fitted this box last time; a form that
 * overflows gives way to the next one. Calls done once the formula is
 * fitted.
 */
export function fitTexLater(el: HTMLElement, variants: string[], done?: () => void, now = false): void {
  const job = ++laterCount;
  later.set(el, job);
  const last = fits.get(el);
  const first = last && last.width === el.clientWidth && last.chosen !== undefined ? Math.min(last.chosen, variants.length - 1) : 0;
  const attempt = (k: number, at = nextTask) =>
    at(() => {
      if (later.get(el) !== job) return;
      el.style.removeProperty('font-size');
      el.classList.remove('formula-scrolls');
      render(el, variants[k], true);
      afterFrame(() => {
        if (later.get(el) !== job) return;
        const width = el.clientWidth;
        const over = width > 0 && overflows(el);
        if (over && k < variants.length - 1) return attempt(k + 1);
        later.delete(el);
        if (over) shrink(el);
        scrollCue(el);
        fits.set(el, { variants, width, chosen: k });
        watch(el);
        done?.();
      });
    });
  // The first form now (in this task, with what it renders), or in a task of its own.
  attempt(first, now ? (fn) => fn() : nextTask);
}

/** Stops typesetting what fitTexLater was asked for in el. */
export function stopFitting(el: HTMLElement): void {
  later.delete(el);
}

/** Fits a displayed formula already typeset in el (a tutorial's, copied into the page). */
export function fitTypeset(el: HTMLElement): void {
  if (fits.has(el)) return;
  const fit: Fit = { variants: [], width: -1 };
  fits.set(el, fit);
  watch(el);
  layout(el, fit);
}

/** Typesets without fitting (content built away from the page, fitted once shown); returns why not, or null. */
export function typeset(el: HTMLElement, latex: string, display = false): TexProblem | null {
  return render(el, latex, display);
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
