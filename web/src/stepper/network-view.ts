// The network as an SVG drawing: nodes by layer, the error E_total they
// feed, weights and biases as edges with their values, and the current
// term's nodes and edges highlighted. In the backward phases each edge
// whose gradient is known shows it: its colour the sign, its width the size.
//
// The drawing is laid out for the width it has, in CSS pixels (times the
// zoom that --drawing-zoom sets, larger for a projector), so its text keeps
// its size at every width. Labels are placed where no other edge crosses
// them; where the full labels do not fit, edges are named without their
// values (the current term's edges keep theirs). Positions are layout only;
// every number comes from the trace.
import type { Drawing } from '../shared/core-types';
import { h, s } from '../shared/dom';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';

const R = 24;
const HEIGHT = 400;
const MIN_WIDTH = 300;
/** The text sizes the stylesheet gives the drawing, in its units (CSS px at zoom 1). */
const LABEL_FONT = 13;
const CHAR = 0.62 * LABEL_FONT;
const E_WIDTH = 76;
const E_HEIGHT = 40;

interface Point {
  x: number;
  y: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Segment {
  id: string;
  a: Point;
  b: Point;
}

export interface DrawingState {
  /** E_total of this iteration, and after its update. */
  E_total: number;
  E_total_next: number;
  /**
   * What the current term lights: its nodes and parameters (for a gradient,
   * the whole path from the error), whether the error is part of it, and the
   * parameters that are the term's own, whose labels always show their values.
   */
  lit: { nodes: Set<string>; edges: Set<string>; error: boolean; own: Set<string> };
  /** Parameters whose gradient the trace has reached, or null outside the backward phases. */
  gradients: Set<string> | null;
  /** The update's phase: the drawing shows the values after it (w⁺, out⁺, E⁺). */
  after: boolean;
}

/** The segment from a to b, trimmed by ra at a and rb at b (an edge meets a node at its rim). */
function trim(a: Point, b: Point, ra: number, rb: number): [Point, Point] {
  const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / d;
  const uy = (b.y - a.y) / d;
  return [
    { x: a.x + ux * ra, y: a.y + uy * ra },
    { x: b.x - ux * rb, y: b.y - uy * rb },
  ];
}

/** The bias node's box, as a radius for trimming its edges. */
const BIAS_R = 15;

/** A line's width set through the CSSOM (the stylesheet's width would win over an attribute; a strict CSP forbids style attributes). */
function widthOf(line: SVGLineElement, width: string | null): SVGLineElement {
  if (width) line.style.strokeWidth = width;
  return line;
}

function textWidth(text: string): number {
  return text.length * CHAR + 10;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** Whether the segment crosses the box (Liang–Barsky clipping). */
function crosses(seg: Segment, box: Box): boolean {
  const dx = seg.b.x - seg.a.x;
  const dy = seg.b.y - seg.a.y;
  let lo = 0;
  let hi = 1;
  const edges: [number, number][] = [
    [-dx, seg.a.x - box.x0],
    [dx, box.x1 - seg.a.x],
    [-dy, seg.a.y - box.y0],
    [dy, box.y1 - seg.a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) lo = Math.max(lo, r);
    else hi = Math.min(hi, r);
    if (lo > hi) return false;
  }
  return true;
}

function circleBox(p: Point, r: number): Box {
  return { x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r };
}

function textBox(x: number, y: number, text: string, anchor: 'middle' | 'start' | 'end'): Box {
  const w = textWidth(text) - 10;
  const x0 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
  return { x0, y0: y - LABEL_FONT, x1: x0 + w, y1: y + 4 };
}

interface Layout {
  /** Layers top to bottom (a narrow drawing), instead of left to right. */
  vertical: boolean;
  height: number;
  at: Map<string, Point>;
  error: Point;
}

/** Below this width (in drawing units) the layers are stacked top to bottom. */
const VERTICAL_BELOW = 540;
/** The narrowest a drawing left to right is drawn (presenter mode asks for left to right). */
const HORIZONTAL_AT_LEAST = 420;

function layout(drawing: Drawing, width: number, horizontal: boolean): Layout {
  const at = new Map<string, Point>();
  const columns = drawing.layers.length;
  if (width < VERTICAL_BELOW && !horizontal) {
    // Rows: inputs at the top, then each layer, the error at the bottom.
    const rowGap = 135;
    drawing.layers.forEach((layer, l) => {
      const y = 45 + l * rowGap;
      const n = layer.nodes.length;
      layer.nodes.forEach((node, j) => at.set(node.id, { x: n === 1 ? width / 2 : width * (0.25 + (0.5 * j) / (n - 1)), y }));
    });
    for (const bias of drawing.biases) {
      const row = at.get(drawing.layers[bias.layer].nodes[0].id)!.y;
      const same = drawing.biases.filter((b) => b.layer === bias.layer);
      const index = same.indexOf(bias);
      // Just above its row, in the middle: under the point where the edges from the row above cross.
      at.set(`bias:${bias.id}`, { x: width / 2 + (index - (same.length - 1) / 2) * 44, y: row - 30 });
    }
    // Far enough below the outputs for their targets to sit side by side on the edges to it.
    const error = { x: width / 2, y: 45 + (columns - 1) * rowGap + 165 };
    return { vertical: true, height: error.y + E_HEIGHT / 2 + 12, at, error };
  }
  const error: Point = { x: width - 8 - E_WIDTH / 2, y: 0 };
  // The error's column is narrower: its edges carry no labels.
  const left = 14 + R;
  const right = error.x - E_WIDTH / 2 - Math.max(60, Math.min(110, width * 0.12));
  const top = 150;
  drawing.layers.forEach((layer, l) => {
    const x = left + (l * (right - left)) / Math.max(1, columns - 1);
    const n = layer.nodes.length;
    const gap = Math.min(150, (HEIGHT - 170) / Math.max(1, n - 1));
    layer.nodes.forEach((node, j) => at.set(node.id, { x, y: top + (j - (n - 1) / 2) * gap }));
  });
  error.y = top;
  // Bias nodes sit below, between their layer and the one before it.
  for (const bias of drawing.biases) {
    const layerNodes = drawing.layers[bias.layer].nodes;
    const prev = at.get(drawing.layers[bias.layer - 1].nodes[0].id)!;
    const here = at.get(layerNodes[0].id)!;
    const lowest = Math.max(...layerNodes.map((node) => at.get(node.id)!.y));
    const index = drawing.biases.filter((b) => b.layer === bias.layer).indexOf(bias);
    at.set(`bias:${bias.id}`, { x: (prev.x + here.x) / 2 + 0.2 * (here.x - prev.x) + index * 34, y: lowest + 100 + index * 24 });
  }
  const lowest = Math.max(...[...at.values()].map((p) => p.y));
  return { vertical: false, height: Math.max(HEIGHT - 20, lowest + 40), at, error };
}

/** Where a node's value is written: above it; in a vertical drawing, beside it, outward. */
function valueAt(p: Point, j: number, vertical: boolean): { x: number; y: number; anchor: 'middle' | 'start' | 'end' } {
  if (!vertical) return { x: p.x, y: p.y - R - 8, anchor: 'middle' };
  return j === 0 ? { x: p.x - R - 6, y: p.y + 5, anchor: 'end' } : { x: p.x + R + 6, y: p.y + 5, anchor: 'start' };
}

interface Label {
  id: string;
  edge: Segment;
  full: string;
  short: string;
  /** The name and value without spaces: the current term's label where space is short. */
  tight: string;
  /** The current term's edges: always with their values, drawn on top. */
  focus: boolean;
}

/**
 * Places each label on its edge where no other edge crosses it and no other
 * label or node is under it. Returns null if some label has no such place;
 * with force, puts it where it collides least.
 */
function placeLabels(labels: Label[], segments: Segment[], obstacles: Box[], compact: boolean, force = false): Map<string, { p: Point; text: string }> | null {
  const placed = new Map<string, { p: Point; text: string }>();
  const taken: Box[] = [...obstacles];
  const fractions = [0.3, 0.25, 0.35, 0.4, 0.2, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.15, 0.75, 0.8];
  for (const label of labels) {
    const text = compact ? (label.focus ? label.tight : label.short) : label.full;
    const w = textWidth(text);
    let best: { p: Point; box: Box; collisions: number } | null = null;
    // On the edge; failing that (a short edge), right beside it, above or below.
    const { a, b } = label.edge;
    const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
    const candidates = [
      ...fractions.map((f) => ({ f, side: 0 })),
      ...[0.5, 0.4, 0.6].flatMap((f) => [{ f, side: -1 }, { f, side: 1 }]),
    ];
    for (const { f, side } of candidates) {
      const p = {
        x: a.x + (b.x - a.x) * f + side * normal.x * 14,
        y: a.y + (b.y - a.y) * f + side * normal.y * 14,
      };
      const box = { x0: p.x - w / 2 - 2, y0: p.y - 12, x1: p.x + w / 2 + 2, y1: p.y + 12 };
      // Covering another label or a node is far worse than an edge passing under it.
      const collisions =
        10 * taken.filter((b) => overlaps(b, box)).length + segments.filter((seg) => seg.id !== label.edge.id && crosses(seg, box)).length;
      if (!best || collisions < best.collisions) best = { p, box, collisions };
      if (collisions === 0) break;
    }
    // The current term's label goes on its edge even if crowded: it is drawn on top.
    if (best!.collisions > 0 && !force && !label.focus) return null;
    taken.push(best!.box);
    placed.set(label.id, { p: best!.p, text });
  }
  return placed;
}

/** The drawing's box, as laid out. */
interface LaidOut {
  width: number;
  layout: string;
  presentZoom: string;
  zoom: string;
}

export class NetworkView {
  readonly element: HTMLElement;
  private svg: SVGSVGElement;
  private title: SVGTitleElement;
  private desc: SVGDescElement;
  private body: SVGGElement;
  private legend = h('p', { class: 'gradient-legend', id: 'gradient-legend' });
  private last: { drawing: Drawing; state: DrawingState } | null = null;
  private width = 0;
  /**
   * The box as the observer last saw it, laid out: the first drawing waits
   * for it and uses it (measuring the box while the page is being built
   * would force a layout of all of it).
   */
  private laidOut: LaidOut | null = null;
  private drawn = false;

  constructor(private readonly t: Translate) {
    this.title = s('title', { id: 'network-title' });
    this.desc = s('desc', { id: 'network-desc' });
    this.body = s('g');
    this.svg = s('svg', { class: 'network', role: 'img', 'aria-labelledby': 'network-title network-desc' }, this.title, this.desc, this.body);
    this.element = h('div', { class: 'network-box' }, this.svg, this.legend);
    new ResizeObserver(() => {
      this.laidOut = this.measure();
      const width = this.laidOut.width;
      if (width > 0 && Math.abs(width - this.width) > 0.5 && this.last) this.draw(this.laidOut);
    }).observe(this.element);
    window.addEventListener('resize', () => {
      if (this.last && getComputedStyle(this.element).getPropertyValue('--drawing-layout').trim() === 'horizontal') this.draw();
    });
  }

  render(drawing: Drawing, state: DrawingState): void {
    this.last = { drawing, state };
    if (this.drawn) this.draw();
    // The first drawing: with the box as laid out, now or by the next frame.
    else if (this.laidOut) this.draw(this.laidOut);
  }

  /** The box's width, and what the stylesheet asks of the drawing. */
  private measure(): LaidOut {
    const style = getComputedStyle(this.element);
    return {
      width: this.element.clientWidth,
      layout: style.getPropertyValue('--drawing-layout').trim(),
      presentZoom: style.getPropertyValue('--present-zoom'),
      zoom: style.getPropertyValue('--drawing-zoom'),
    };
  }

  private draw(box = this.measure()): void {
    const { drawing, state } = this.last!;
    this.drawn = true;
    this.width = box.width;
    // The stylesheet may ask for a zoom (a projector), for the layers left to right
    // whatever the width, and bound the height (presenter mode: one screen).
    const horizontal = box.layout === 'horizontal';
    // Presenter mode: the drawing fits the window's height, legend and margins included.
    const windowZoom = Number.parseFloat(box.presentZoom) || 1;
    const maxHeight = horizontal ? window.innerHeight / windowZoom - 90 : Number.NaN;
    let zoom = Number.parseFloat(box.zoom) || 1;
    // Left to right in a narrow box: its labels name the edges without their values.
    if (horizontal && this.width) zoom = Math.min(zoom, this.width / HORIZONTAL_AT_LEAST);
    if (Number.isFinite(maxHeight)) zoom = Math.min(zoom, (maxHeight - (state.gradients ? 50 : 0)) / HEIGHT);
    zoom = Math.max(zoom, horizontal ? 0.85 : 1);
    const width = Math.max(MIN_WIDTH, (this.width || 640) / zoom);
    const { vertical, height, at, error } = layout(drawing, width, horizontal);
    const errorIn: Point = vertical ? { x: error.x, y: error.y - E_HEIGHT / 2 } : { x: error.x - E_WIDTH / 2, y: error.y };
    this.svg.setAttribute('viewBox', `0 0 ${width.toFixed(1)} ${height.toFixed(1)}`);

    const nodes = state.lit.nodes;
    const edges = state.lit.edges;
    const errorFocus = state.lit.error;
    const focus = nodes.size > 0 || edges.size > 0 || errorFocus;
    // After the update: the new weights, outputs and error.
    const after = state.after;
    const weightValue = (w: { value: number; next: number }) => (after ? w.next : w.value);
    const nodeValue = (n: { out: number; out_next?: number }) => (after && n.out_next !== undefined ? n.out_next : n.out);
    const layerIds = (kind: string) => drawing.layers.filter((l) => l.kind === kind).flatMap((l) => l.nodes.map((n) => n.id));

    this.title.textContent = this.t('stepper.drawing');
    this.desc.textContent = this.t('stepper.drawing_alt', {
      inputs: layerIds('input').join(', '),
      hidden: layerIds('hidden').join(', ') || '—',
      outputs: layerIds('output').join(', '),
      highlight: [...nodes, ...edges].join(', ') || this.t('stepper.drawing_nothing'),
    });

    // Gradients: the sign as colour, the size as width, relative to the largest shown.
    const gradients = state.gradients;
    const params = [...drawing.weights, ...drawing.biases];
    const largest = Math.max(1e-300, ...params.filter((p) => gradients?.has(p.id)).map((p) => Math.abs(p.gradient)));
    const gradientClass = (id: string, g: number) => (gradients?.has(id) ? (g > 0 ? ' grad-pos' : g < 0 ? ' grad-neg' : ' grad-zero') : '');
    const gradientWidth = (id: string, g: number) => (gradients?.has(id) ? (1.5 + 5 * Math.sqrt(Math.abs(g) / largest)).toFixed(2) : null);

    // Every segment, for the labels to avoid.
    const segments: Segment[] = [];
    const seg = (id: string, a: Point, b: Point, ra: number, rb: number): Segment => {
      const [p, q] = trim(a, b, ra, rb);
      return { id, a: p, b: q };
    };
    for (const w of drawing.weights) segments.push(seg(w.id, at.get(w.from)!, at.get(w.to)!, R, R));
    for (const b of drawing.biases) for (const target of b.to) segments.push({ ...seg(b.id, at.get(`bias:${b.id}`)!, at.get(target)!, BIAS_R, R), target } as Segment & { target: string });
    const outputs = drawing.layers[drawing.layers.length - 1].nodes;
    for (const o of outputs) segments.push(seg(`E:${o.id}`, at.get(o.id)!, errorIn, R, 0));

    // What labels must not cover: nodes, their values, targets, biases, the error.
    const obstacles: Box[] = [];
    for (const l of drawing.layers) {
      l.nodes.forEach((node, j) => {
        const p = at.get(node.id)!;
        const v = valueAt(p, j, vertical);
        obstacles.push(circleBox(p, R + 2), textBox(v.x, v.y, short(nodeValue(node)), v.anchor));
      });
    }
    // Targets: under their outputs; in a vertical drawing, on the edges to the error.
    const targetText = (value: number) => `${this.t('stepper.target')} ${short(value)}`;
    // Under its output, or beside that, where no edge passes.
    const targetAt = new Map<string, Point>();
    if (!vertical) {
      for (const target of drawing.targets) {
        const p = at.get(target.node)!;
        const text = targetText(target.value);
        const half = (textWidth(text) - 10) / 2;
        const below = [0, -half + 8, half - 8, -half - 4].map((dx) => ({ x: p.x + dx, y: p.y + R + 18 }));
        const places = [...below, { x: p.x, y: p.y - R - 26 }];
        const free = places.find((q) => !segments.some((seg) => crosses(seg, textBox(q.x, q.y, text, 'middle'))));
        const q = free ?? places[0];
        targetAt.set(target.node, q);
        obstacles.push(textBox(q.x, q.y, text, 'middle'));
      }
    }
    for (const b of drawing.biases) {
      const p = at.get(`bias:${b.id}`)!;
      obstacles.push({ x0: p.x - 18, y0: p.y - 15, x1: p.x + 18, y1: p.y + 15 }, textBox(p.x, p.y + 32, `${b.id} = ${short(b.value)}`, 'middle'));
    }
    obstacles.push(
      vertical
        ? { x0: error.x - E_WIDTH / 2, y0: error.y - E_HEIGHT / 2, x1: error.x + E_WIDTH / 2 + 70, y1: error.y + E_HEIGHT / 2 }
        : { x0: error.x - E_WIDTH / 2, y0: error.y - E_HEIGHT / 2 - 24, x1: error.x + E_WIDTH / 2, y1: error.y + E_HEIGHT / 2 },
    );

    // The current term's labels first: they take the best places.
    const labels: Label[] = drawing.weights
      .map((w) => ({
        id: w.id,
        edge: segments.find((seg) => seg.id === w.id)!,
        full: `${w.id}${after ? '⁺' : ''} = ${short(weightValue(w))}`,
        short: w.id,
        tight: `${w.id}${after ? '⁺' : ''}=${short(weightValue(w))}`,
        focus: state.lit.own.has(w.id),
      }))
      .sort((a, b) => Number(b.focus) - Number(a.focus));
    if (vertical) {
      for (const target of drawing.targets) {
        const text = targetText(target.value);
        labels.push({ id: `target:${target.node}`, edge: segments.find((seg) => seg.id === `E:${target.node}`)!, full: text, short: text, tight: text, focus: false });
      }
    }
    const placed = placeLabels(labels, segments, obstacles, false) ?? placeLabels(labels, segments, obstacles, true) ?? placeLabels(labels, segments, obstacles, true, true)!;

    const edgeGroup = s('g', { class: 'edges' });
    const labelGroup = s('g', { class: 'edge-labels' });
    const focusGroup = s('g', { class: 'edge-labels focus' });
    for (const w of drawing.weights) {
      const { a: from, b: to } = segments.find((x) => x.id === w.id)!;
      const hl = edges.has(w.id);
      const look = `${hl ? ' hl' : ''}${focus && !hl ? ' dim' : ''}`;
      const own = state.lit.own.has(w.id);
      edgeGroup.append(
        widthOf(
          s('line', { class: `edge${look}${gradientClass(w.id, w.gradient)}`, 'data-param': w.id, x1: from.x, y1: from.y, x2: to.x, y2: to.y }),
          hl ? null : gradientWidth(w.id, w.gradient),
        ),
      );
      const label = placed.get(w.id)!;
      const width = textWidth(label.text);
      (own ? focusGroup : labelGroup).append(
        s(
          'g',
          { class: `edge-label${look}`, 'data-param': w.id },
          s('rect', { x: label.p.x - width / 2, y: label.p.y - 11, width, height: 21, rx: 4 }),
          s('text', { x: label.p.x, y: label.p.y + 4.5, 'text-anchor': 'middle' }, label.text),
        ),
      );
    }
    for (const b of drawing.biases) {
      const from = at.get(`bias:${b.id}`)!;
      const hl = edges.has(b.id);
      for (const target of b.to) {
        // A shared bias feeds every neuron of its layer: lit only toward the neurons the term concerns.
        const lit = hl && (nodes.size === 0 || nodes.has(target));
        const cls = `edge bias${lit ? ' hl' : ''}${focus && !lit ? ' dim' : ''}${gradientClass(b.id, b.gradient)}`;
        const line = segments.find((x) => x.id === b.id && (x as Segment & { target?: string }).target === target)!;
        edgeGroup.append(widthOf(s('line', { class: cls, 'data-param': b.id, x1: line.a.x, y1: line.a.y, x2: line.b.x, y2: line.b.y }), lit ? null : gradientWidth(b.id, b.gradient)));
      }
      labelGroup.append(
        s(
          'g',
          { class: `bias-node${hl ? ' hl' : ''}${focus && !hl ? ' dim' : ''}`, 'data-param': b.id },
          s('rect', { x: from.x - 16, y: from.y - 13, width: 32, height: 26, rx: 6 }),
          s('text', { x: from.x, y: from.y + 5, 'text-anchor': 'middle' }, '1'),
          s('text', { x: from.x, y: from.y + 32, 'text-anchor': 'middle', class: 'bias-label' }, `${b.id}${after ? '⁺' : ''} = ${short(after ? b.next : b.value)}`),
        ),
      );
    }
    // The error: every output feeds it.
    for (const o of outputs) {
      const { a, b } = segments.find((x) => x.id === `E:${o.id}`)!;
      const hl = errorFocus && nodes.has(o.id);
      edgeGroup.append(s('line', { class: `edge to-error${hl ? ' hl' : ''}${focus && !hl ? ' dim' : ''}`, 'data-node': o.id, x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
    }

    const nodeGroup = s('g', { class: 'nodes' });
    for (const l of drawing.layers) {
      l.nodes.forEach((node, j) => {
        const p = at.get(node.id)!;
        const v = valueAt(p, j, vertical);
        const hl = nodes.has(node.id);
        nodeGroup.append(
          s(
            'g',
            { class: `node ${l.kind}${hl ? ' hl' : ''}${focus && !hl ? ' dim' : ''}`, 'data-node': node.id },
            s('circle', { cx: p.x, cy: p.y, r: R }),
            s('text', { x: p.x, y: p.y + 5, 'text-anchor': 'middle', class: 'node-name' }, node.id),
            s('text', { x: v.x, y: v.y, 'text-anchor': v.anchor, class: 'node-value' }, short(nodeValue(node))),
          ),
        );
      });
    }
    for (const target of drawing.targets) {
      const dim = focus && !nodes.has(target.node) ? ' dim' : '';
      if (vertical) {
        const label = placed.get(`target:${target.node}`)!;
        const width = textWidth(label.text);
        labelGroup.append(
          s(
            'g',
            { class: `edge-label target-label${dim}`, 'data-target': target.node },
            s('rect', { x: label.p.x - width / 2, y: label.p.y - 11, width, height: 21, rx: 4 }),
            s('text', { x: label.p.x, y: label.p.y + 4.5, 'text-anchor': 'middle', class: 'target' }, label.text),
          ),
        );
        continue;
      }
      const q = targetAt.get(target.node)!;
      nodeGroup.append(
        s('text', { x: q.x, y: q.y, 'text-anchor': 'middle', class: `target${dim}`, 'data-target': target.node }, targetText(target.value)),
      );
    }
    nodeGroup.append(
      s(
        'g',
        { class: `node error${errorFocus ? ' hl' : ''}${focus && !errorFocus ? ' dim' : ''}`, 'data-node': 'E_total' },
        s('rect', { x: error.x - E_WIDTH / 2, y: error.y - E_HEIGHT / 2, width: E_WIDTH, height: E_HEIGHT, rx: 8 }),
        s('text', { x: error.x, y: error.y + 5, 'text-anchor': 'middle', class: 'node-name' }, 'E_total'),
        vertical
          ? s('text', { x: error.x + E_WIDTH / 2 + 6, y: error.y + 5, class: 'node-value' }, short(after ? state.E_total_next : state.E_total))
          : s('text', { x: error.x, y: error.y - E_HEIGHT / 2 - 8, 'text-anchor': 'middle', class: 'node-value' }, short(after ? state.E_total_next : state.E_total)),
      ),
    );
    this.body.replaceChildren(edgeGroup, labelGroup, nodeGroup, focusGroup);

    this.legend.hidden = !gradients && !after;
    if (after) {
      this.legend.replaceChildren(h('span', { class: 'item' }, this.t('stepper.drawing_after')));
    } else if (gradients) {
      this.legend.replaceChildren(
        h('span', { class: 'item' }, h('span', { class: 'swatch grad-pos', 'aria-hidden': 'true' }), this.t('stepper.gradient_positive')),
        h('span', { class: 'item' }, h('span', { class: 'swatch grad-neg', 'aria-hidden': 'true' }), this.t('stepper.gradient_negative')),
        h('span', { class: 'item' }, this.t('stepper.gradient_width')),
      );
    }
  }
}
