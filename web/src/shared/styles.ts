// Stylesheets as constructed CSSStyleSheet objects, adopted by the document
// and by each widget's shadow root. Constructed sheets are not inline styles:
// a strict Content-Security-Policy (style-src 'self') allows them.
import katexCss from 'katex/dist/katex.min.css?inline';
import baseCss from './base.css?inline';

const sheets = new Map<string, CSSStyleSheet>();

/** One sheet per text, shared by every root that adopts it. */
export function sheet(css: string): CSSStyleSheet {
  let s = sheets.get(css);
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(css);
    sheets.set(css, s);
  }
  return s;
}

function adopt(root: Document | ShadowRoot, css: string[]): void {
  const wanted = css.map(sheet).filter((s) => !root.adoptedStyleSheets.includes(s));
  if (wanted.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...wanted];
}

/**
 * The document needs KaTeX's @font-face rules (fonts declared inside a
 * shadow root are not loaded) and the shared variables; pages add their own.
 */
export function adoptDocument(...css: string[]): void {
  adopt(document, [katexCss, baseCss, ...css]);
}

/** A widget's shadow root: KaTeX, the shared styles, the widget's own. */
export function adoptShadow(root: ShadowRoot, ...css: string[]): void {
  adoptDocument();
  adopt(root, [katexCss, baseCss, ...css]);
}
