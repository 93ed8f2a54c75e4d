// A widget's current step as a picture for handouts: the parts that make a
// step (the drawing, the formula with its numbers, the value), copied with
// the styles they have on screen into one SVG (HTML in a foreignObject, the
// canvases as PNG images, KaTeX's fonts embedded), and a PNG painted from it.
import { base64, download, escapeXml, svgPng } from './export';
import type { WidgetId } from './widget';

/** What makes a step, widget by widget: the first match of each, in order. */
const PARTS: Record<WidgetId, string[]> = {
  stepper: ['figure.drawing', '#current-term'],
  losses: ['[data-part="info"]', '#curves'],
  optimizers: ['.surface-figure', '[data-part="detail"]'],
  training: ['section.iteration'],
  playground: ['.net-stage', '.plane-box'],
};

/** What the screen has for its own sake stays out of a handout. */
const LEAVE_OUT = 'figcaption.hint, .visually-hidden, .katex-mathml, .state-notice';

/** Controls that only act on the step: kept in their place (what is drawn around them stays where it was), not shown. */
const UNSEEN = 'button.step, .buttons';

/** Fields become their text. */
const FIELDS = 'input, select, textarea';

/**
 * Properties a picture does not need (interaction, motion), that SVG
 * elements repeat from their attributes, or that repeat another (the
 * logical properties, in a horizontal writing mode).
 */
const NOT_COPIED =
  /^(--|transition|animation|cursor|pointer-events|user-select|-webkit-user|caret|will-change|scroll|overscroll|touch-action|content-visibility|view-transition|container|interactivity|perspective-origin|(min-|max-)?(block|inline)-size|(margin|padding|border|inset|overflow|contain-intrinsic)-(block|inline)|-webkit-locale|d$|x$|y$|cx$|cy$|r$|rx$|ry$)/;

/** Properties an element takes from its parent unless it sets them. */
const INHERITED =
  /^(color|color-scheme|font|line-height|letter-spacing|word-spacing|text-(align|indent|transform|shadow|wrap|rendering|anchor|size-adjust|emphasis|underline|orientation|combine|decoration-skip)|white-space|tab-size|hyphens|word-break|overflow-wrap|line-break|direction|writing-mode|visibility|quotes|list-style|border-(collapse|spacing)|caption-side|empty-cells|fill|stroke|paint-order|marker|clip-rule|dominant-baseline|image-rendering|shape-rendering|color-interpolation|math-|ruby-|orphans|widows|accent-color|forced-color-adjust|print-color-adjust|-webkit-(text-fill|text-stroke|font-smoothing|print-color|rtl|text-security|border-(horizontal|vertical)-spacing))/;

/** Properties whose value is the element's colour unless set. */
const CURRENT_COLOUR = /^(border(-top|-right|-bottom|-left)?-color|outline-color|text-decoration-color|text-emphasis-color|column-rule-color|rule-color|-webkit-text-(fill|stroke)-color|-webkit-tap-highlight-color)$/;

const XHTML = 'http://www.w3.org/1999/xhtml';
const PAD = 16;
const GAP = 16;

export interface StepPicture {
  svg: string;
  width: number;
  height: number;
  background: string;
}

/** The computed styles of bare elements in an empty document: what a standalone SVG starts from. */
class Defaults {
  private frame: HTMLIFrameElement | null = null;
  private cache = new Map<string, Map<string, string>>();

  of(el: Element): Map<string, string> | null {
    const key = `${el.namespaceURI} ${el.localName}`;
    const known = this.cache.get(key);
    if (known) return known;
    const doc = this.document();
    if (!doc) return null;
    const bare = doc.createElementNS(el.namespaceURI, el.localName);
    const host = el.namespaceURI === XHTML ? doc.body : doc.body.appendChild(doc.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    host.append(bare);
    const style = doc.defaultView!.getComputedStyle(bare);
    const values = new Map<string, string>();
    for (let i = 0; i < style.length; i++) values.set(style[i], style.getPropertyValue(style[i]));
    bare.remove();
    if (host !== doc.body) host.remove();
    this.cache.set(key, values);
    return values;
  }

  private document(): Document | null {
    if (!this.frame) {
      this.frame = document.createElement('iframe');
      this.frame.setAttribute('aria-hidden', 'true');
      this.frame.tabIndex = -1;
      this.frame.style.setProperty('position', 'fixed');
      this.frame.style.setProperty('width', '10px');
      this.frame.style.setProperty('height', '10px');
      this.frame.style.setProperty('left', '-100px');
      this.frame.style.setProperty('visibility', 'hidden');
      document.body.append(this.frame);
    }
    return this.frame.contentDocument;
  }

  dispose(): void {
    this.frame?.remove();
  }
}

/** url("https://…/page.html#arrow") → url(#arrow): references stay inside the picture. */
function localUrls(value: string): string {
  return value.includes('url(') ? value.replace(/url\("?[^")#]*(#[^")]+)"?\)/g, 'url($1)') : value;
}

/** A copy of the element with its styles written on it; null for what stays out. */
function copy(src: Node, defaults: Defaults, parent: CSSStyleDeclaration | null, fonts: Set<string>): Node | null {
  if (src.nodeType === Node.TEXT_NODE) return document.createTextNode(src.textContent ?? '');
  if (!(src instanceof Element)) return null;
  const style = getComputedStyle(src);
  if (style.display === 'none' || src.matches(LEAVE_OUT)) return null;
  let out: Element;
  if (src.matches(FIELDS)) {
    out = document.createElementNS(XHTML, 'span');
    const field = src as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    out.textContent = field instanceof HTMLSelectElement ? (field.selectedOptions[0]?.textContent ?? '') : field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio') ? (field.checked ? '☑' : '☐') : field.value;
  } else if (src instanceof HTMLCanvasElement) {
    out = document.createElementNS(XHTML, 'img');
    out.setAttribute('src', src.width > 0 && src.height > 0 ? src.toDataURL('image/png') : '');
    out.setAttribute('alt', '');
  } else {
    out = document.createElementNS(src.namespaceURI, src.localName);
    for (const attr of src.attributes) {
      if (attr.name === 'style' || attr.name === 'class' || attr.name.startsWith('on') || attr.name === 'tabindex') continue;
      out.setAttribute(attr.name, attr.value);
    }
  }
  const bare = defaults.of(src);
  const written = (out as HTMLElement | SVGElement).style;
  for (let i = 0; i < style.length; i++) {
    const name = style[i];
    if (NOT_COPIED.test(name)) continue;
    const value = style.getPropertyValue(name);
    // Left out where the element alone would have it anyway: inherited from its parent, or a fresh element's.
    if (CURRENT_COLOUR.test(name) && value === style.color) continue;
    if (name === 'transform-origin' && style.transform === 'none') continue;
    if (parent && INHERITED.test(name) ? parent.getPropertyValue(name) === value : bare?.get(name) === value) continue;
    written.setProperty(name, localUrls(value));
  }
  // A line of text on screen stays one line, whichever of the reader's fonts draws it.
  if (src instanceof HTMLElement && src.childElementCount === 0 && src.textContent?.trim() && src.getClientRects().length === 1) {
    const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
    if (src.getBoundingClientRect().height < 1.6 * line + Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom) + 2) written.setProperty('white-space', 'nowrap');
  }
  if (src.matches(UNSEEN)) written.setProperty('visibility', 'hidden');
  if (src.closest('.katex')) fonts.add(style.fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, ''));
  if (!(src instanceof HTMLCanvasElement) && !src.matches(FIELDS)) {
    for (const child of src.childNodes) {
      const c = copy(child, defaults, style, fonts);
      if (c) out.append(c);
    }
  }
  return out;
}

/** Every @font-face rule the page's and the widget's style sheets hold. */
function fontFaces(root: Node): CSSFontFaceRule[] {
  const sheets = [...document.styleSheets, ...document.adoptedStyleSheets];
  const shadow = root.getRootNode();
  if (shadow instanceof ShadowRoot) sheets.push(...shadow.adoptedStyleSheets);
  const rules: CSSFontFaceRule[] = [];
  for (const sheet of sheets) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // another origin's sheet
    }
    for (const rule of list) if (rule instanceof CSSFontFaceRule) rules.push(rule);
  }
  return rules;
}

/** The fonts the formulas use (KaTeX's), as @font-face rules with the fonts inside. */
async function embeddedFonts(root: Node, families: Set<string>): Promise<string> {
  const seen = new Set<string>();
  const faces: string[] = [];
  for (const rule of fontFaces(root)) {
    const family = rule.style.getPropertyValue('font-family').trim().replace(/^["']|["']$/g, '');
    if (!families.has(family)) continue;
    const src = rule.style.getPropertyValue('src');
    const match = /url\("?([^")]+)"?\)\s*format\("?(\w+)"?\)/.exec(src) ?? /url\("?([^")]+)"?\)/.exec(src);
    if (!match) continue;
    const url = new URL(match[1], rule.parentStyleSheet?.href ?? document.baseURI).href;
    if (seen.has(url)) continue;
    seen.add(url);
    try {
      const response = await fetch(url);
      if (!response.ok) continue;
      const data = base64(await response.arrayBuffer());
      const format = match[2] ?? 'woff2';
      const weight = rule.style.getPropertyValue('font-weight') || 'normal';
      const styleName = rule.style.getPropertyValue('font-style') || 'normal';
      faces.push(`@font-face{font-family:${family};src:url(data:font/${format};base64,${data}) format("${format}");font-weight:${weight};font-style:${styleName}}`);
    } catch {
      // Not fetched: the picture falls back to the reader's fonts.
    }
  }
  return faces.join('\n');
}

/** The widget's parts of a step, in order (the whole widget where none is found). */
function stepParts(root: HTMLElement, id: WidgetId): HTMLElement[] {
  const parts = PARTS[id]
    .map((selector) => root.querySelector<HTMLElement>(selector))
    .filter((el): el is HTMLElement => !!el && el.getClientRects().length > 0);
  return parts.length ? parts : [root];
}

/** The current step of the widget in `root` as a standalone SVG, headed by `title` and ended by `link`. */
export async function stepPicture(root: HTMLElement, id: WidgetId, title: string, link: string): Promise<StepPicture> {
  const defaults = new Defaults();
  const fonts = new Set<string>();
  const rootStyle = getComputedStyle(root);
  const paper = rootStyle.backgroundColor;
  const background = paper && paper !== 'rgba(0, 0, 0, 0)' && paper !== 'transparent' ? paper : getComputedStyle(root.getRootNode() instanceof ShadowRoot ? (root.getRootNode() as ShadowRoot).host : document.body).backgroundColor;
  const paperColour = background && background !== 'rgba(0, 0, 0, 0)' ? background : '#ffffff';
  const sheet = document.createElementNS(XHTML, 'div') as HTMLElement;
  const sizes: { w: number; h: number }[] = [];
  try {
    for (const part of stepParts(root, id)) {
      const rect = part.getBoundingClientRect();
      const c = copy(part, defaults, null, fonts) as HTMLElement | null;
      if (!c) continue;
      c.style.setProperty('margin', '0');
      c.style.setProperty('box-sizing', 'border-box');
      c.style.setProperty('width', `${Math.ceil(rect.width)}px`);
      c.style.setProperty('height', `${Math.ceil(rect.height)}px`);
      c.style.setProperty('flex', 'none');
      c.style.setProperty('max-width', 'none');
      sizes.push({ w: Math.ceil(rect.width), h: Math.ceil(rect.height) });
      sheet.append(c);
    }
  } finally {
    defaults.dispose();
  }
  const ink = rootStyle.color;
  const font = rootStyle.fontFamily;
  const head = document.createElementNS(XHTML, 'p') as HTMLElement;
  head.textContent = title;
  const foot = document.createElementNS(XHTML, 'p') as HTMLElement;
  foot.textContent = link;
  for (const [el, size, weight] of [[head, 16, '600'], [foot, 12, '400']] as const) {
    el.style.setProperty('margin', '0');
    el.style.setProperty('font-size', `${size}px`);
    el.style.setProperty('line-height', `${size + 8}px`);
    el.style.setProperty('height', `${size + 8}px`);
    el.style.setProperty('font-weight', weight);
    el.style.setProperty('white-space', 'nowrap');
    el.style.setProperty('overflow', 'hidden');
    el.style.setProperty('text-overflow', 'ellipsis');
  }
  sheet.prepend(head);
  sheet.append(foot);
  const width = Math.max(320, ...sizes.map((s) => s.w)) + 2 * PAD;
  const height = 2 * PAD + 24 + 20 + sizes.reduce((sum, s) => sum + s.h + GAP, 0) + GAP;
  for (const [name, value] of [
    ['display', 'flex'],
    ['flex-direction', 'column'],
    ['gap', `${GAP}px`],
    ['box-sizing', 'border-box'],
    ['width', `${width}px`],
    ['height', `${height}px`],
    ['padding', `${PAD}px`],
    ['margin', '0'],
    ['overflow', 'hidden'],
    ['color', ink],
    ['background', paperColour],
    ['font-family', font],
    ['font-size', rootStyle.fontSize],
    ['line-height', rootStyle.lineHeight],
  ]) sheet.style.setProperty(name, value);
  const faces = await embeddedFonts(root, fonts);
  const body = new XMLSerializer().serializeToString(sheet);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(title)}</title>`,
    faces ? `<defs><style>${faces}</style></defs>` : '',
    `<foreignObject x="0" y="0" width="${width}" height="${height}">${body}</foreignObject>`,
    '</svg>',
  ].join('\n');
  return { svg: `${svg}\n`, width, height, background: paperColour };
}

/** The step saved as an SVG file, or painted at twice its size into a PNG file. */
export async function saveStep(kind: 'svg' | 'png', root: HTMLElement, id: WidgetId, title: string, link: string, name: string): Promise<void> {
  const picture = await stepPicture(root, id, title, link);
  if (kind === 'svg') download(`${name}.svg`, new Blob([picture.svg], { type: 'image/svg+xml' }));
  else download(`${name}.png`, await svgPng(picture.svg, picture.width, picture.height, 2, picture.background));
}
