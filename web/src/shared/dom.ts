// Building DOM without HTML strings: text is always text, never markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Where a pointer event falls in an SVG's own coordinates (its viewBox). */
export function svgPoint(svg: SVGSVGElement, event: MouseEvent): DOMPoint {
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM()!.inverse());
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/**
 * An SVG drawn in a fixed viewBox and scaled to its box: sets --px on it,
 * the viewBox units of one CSS pixel (at least 1), so its stylesheet can
 * keep text readable when it is drawn small (font-size: calc(12.5px * var(--px))).
 */
export function keepTextSize(svg: SVGSVGElement, viewBoxWidth: number, viewBoxHeight: number): void {
  new ResizeObserver(() => {
    const width = svg.clientWidth;
    const height = svg.clientHeight;
    if (width <= 0 || height <= 0) return;
    // The drawing is scaled to fit its box both ways (a bounded height shrinks it too).
    const scale = Math.min(width / viewBoxWidth, height / viewBoxHeight);
    svg.style.setProperty('--px', String(Math.max(1, 1 / scale)));
  }).observe(svg);
}
