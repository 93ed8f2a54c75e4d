// The network as the student builds it: the input features as switches, a
// column a hidden layer with + and − for its neurons, the output; each
// neuron a thumbnail of its output over the plane (the core's grid), and
// the edges coloured by the sign of their weight and as wide as it is
// large. The columns are laid out by CSS; the edges follow the nodes. A
// click on an edge or a neuron asks for its chain rule.
import type { Config, FeatureInfo, NetworkGrid } from '../shared/core-types';
import { h, s } from '../shared/dom';
import type { Translate } from '../shared/i18n';
import { classTone, diverging, palette, type Palette, type RGB } from './colours';
import type { Pick } from './chain';
import { DOMAIN, MAX_HIDDEN_LAYERS, MAX_NEURONS } from './model';
import { biasId, nodeId, weightId } from './names';
import type { Scale } from './plane';

export interface Shape {
  features: FeatureInfo[];
  chosen: string[];
  hidden: number[];
  outputs: number;
}

export interface NetworkActions {
  toggleFeature(name: string): void;
  addNeuron(layer: number): void;
  removeNeuron(layer: number): void;
  addLayer(): void;
  removeLayer(): void;
  /** A weight's edge or a neuron clicked: its chain rule. */
  pick(pick: Pick): void;
}

const THUMB = 25;

export class NetworkView {
  readonly element: HTMLElement;
  private columns = h('div', { class: 'net-columns' });
  private edges = s('svg', { class: 'net-edges', 'aria-hidden': 'true' });
  private toolbar = h('div', { class: 'net-toolbar' });
  private layerCount = h('span', { class: 'layer-count', id: 'layer-count', 'aria-live': 'polite' });
  private addLayerButton: HTMLButtonElement;
  private removeLayerButton: HTMLButtonElement;
  /** Node elements by the grid's neuron index (inputs first), and the features switched off. */
  private nodes: { el: HTMLElement; canvas: HTMLCanvasElement | null; layer: number; id: string }[] = [];
  /** The gradients the edges are drawn by (an open chain's example), or null: the weights. */
  private gradients: Map<string, number> | null = null;
  private lastGrid: NetworkGrid | null = null;
  private lastScale: Scale | null = null;
  private lines: { line: SVGLineElement; hit: SVGLineElement; title: SVGTitleElement; group: SVGGElement; id: string; layer: number; to: number; from: number; weight?: number }[] = [];
  private key = h('p', { class: 'net-key', id: 'net-key' });
  /** The network drawn last, when its titles were written (0: not since the drawing was built), and whether the pointer is over it. */
  private network: Config | null = null;
  /** The layer sizes drawn, as text. */
  private sizes = '';
  private titled = 0;
  private hovering = false;
  private shape: Shape | null = null;
  private colours: Palette | null = null;

  constructor(
    private t: Translate,
    private actions: NetworkActions,
  ) {
    this.addLayerButton = h('button', { type: 'button', class: 'small', id: 'add-layer', onclick: () => actions.addLayer() });
    this.removeLayerButton = h('button', { type: 'button', class: 'small', id: 'remove-layer', onclick: () => actions.removeLayer() });
    this.toolbar.append(this.removeLayerButton, this.layerCount, this.addLayerButton);
    const stage = h('div', { class: 'net-stage' }, this.edges, this.columns);
    // On a phone a deep network keeps columns wide enough to tap, and scrolls sideways.
    const scroller = h('div', { class: 'net-scroll' }, stage);
    this.element = h('div', { class: 'network', id: 'network', 'data-part': 'network', 'data-lock': 'network' }, this.toolbar, scroller, this.key);
    new ResizeObserver(() => this.placeEdges()).observe(stage);
    stage.addEventListener('pointerenter', () => {
      this.hovering = true;
      this.writeTitles();
    });
    stage.addEventListener('pointerleave', () => (this.hovering = false));
  }

  /** Builds the drawing for a shape (the nodes, their controls, the edges). */
  build(shape: Shape): void {
    this.shape = shape;
    const t = this.t;
    this.nodes = [];
    const columns: HTMLElement[] = [];
    // The inputs: every feature the core has, those chosen in the network.
    const inputs = h('div', { class: 'net-column inputs' }, h('div', { class: 'col-head' }, h('span', { class: 'col-title' }, t('playground.features'))));
    const list = h('div', { class: 'col-nodes' });
    for (const f of shape.features) {
      const on = shape.chosen.includes(f.name);
      // The last input stays: a network needs one. Its switch says so.
      const last = on && shape.chosen.length === 1;
      const canvas = on ? thumbCanvas() : null;
      const button = h(
        'button',
        {
          type: 'button',
          class: 'feature',
          id: `feature-${f.name}`,
          'data-feature': f.name,
          'aria-pressed': String(on),
          ...(last ? { 'aria-disabled': 'true' } : {}),
          title: last ? t('playground.feature_last') : t('playground.feature_toggle', { name: t(`feature.${f.name}`) }),
          onclick: () => this.actions.toggleFeature(f.name),
        },
        canvas ?? h('span', { class: 'thumb off', 'aria-hidden': 'true' }),
        h('span', { class: 'feature-name' }, t(`feature.${f.name}`)),
      );
      list.append(button);
      if (on) this.nodes.push({ el: button, canvas, layer: 0, id: '' });
    }
    // Inputs in the network's order (the features table's order).
    this.nodes.sort((a, b) => shape.chosen.indexOf(a.el.dataset.feature!) - shape.chosen.indexOf(b.el.dataset.feature!));
    const sizes = [shape.chosen.length, ...shape.hidden, shape.outputs];
    inputs.append(list);
    columns.push(inputs);
    shape.hidden.forEach((n, l) => {
      const layer = l + 1;
      const minus = h('button', { type: 'button', class: 'small step', 'data-remove-neuron': layer, disabled: n <= 1, 'aria-label': t('playground.remove_neuron', { layer }), onclick: () => this.actions.removeNeuron(layer) }, '−');
      const plus = h('button', { type: 'button', class: 'small step', 'data-add-neuron': layer, ...(n >= MAX_NEURONS ? { 'aria-disabled': 'true', title: t('playground.max_neurons', { max: MAX_NEURONS }) } : {}), 'aria-label': t('playground.add_neuron', { layer }), onclick: () => this.actions.addNeuron(layer) }, '+');
      const col = h(
        'div',
        { class: 'net-column hidden-layer', 'data-layer': layer },
        h('div', { class: 'col-head' }, h('div', { class: 'steppers' }, minus, plus), h('span', { class: 'col-title' }, t('playground.neurons', { n }))),
      );
      const nodes = h('div', { class: 'col-nodes' });
      for (let j = 0; j < n; j++) {
        const canvas = thumbCanvas();
        const id = nodeId(sizes, layer, j);
        const node = h('div', { class: 'node', 'data-node': `h${layer}_${j + 1}`, 'data-neuron': id, 'data-index': j, onclick: () => this.actions.pick({ kind: 'neuron', id }) }, canvas);
        nodes.append(node);
        this.nodes.push({ el: node, canvas, layer, id });
      }
      col.append(nodes);
      columns.push(col);
    });
    const out = h('div', { class: 'net-column output' }, h('div', { class: 'col-head' }, h('span', { class: 'col-title' }, t('playground.output'))));
    const outNodes = h('div', { class: 'col-nodes' });
    for (let j = 0; j < shape.outputs; j++) {
      const canvas = thumbCanvas();
      const id = nodeId(sizes, shape.hidden.length + 1, j);
      const node = h('div', { class: 'node', 'data-node': `o${j + 1}`, 'data-neuron': id, 'data-index': j, onclick: () => this.actions.pick({ kind: 'neuron', id }) }, canvas);
      outNodes.append(node);
      this.nodes.push({ el: node, canvas, layer: shape.hidden.length + 1, id });
    }
    out.append(outNodes);
    columns.push(out);
    this.columns.replaceChildren(...columns);
    this.columns.dataset.layers = String(columns.length);
    this.element.dataset.hidden = shape.hidden.join(',');
    this.removeLayerButton.disabled = shape.hidden.length === 0;
    this.renderToolbar();
    this.renderKey();
    this.makeEdges(sizes);
  }

  /** What the drawing's colours, widths and squares mean, in a line. */
  private renderKey(): void {
    const t = this.t;
    const g = this.gradients ? 'gradient_' : '';
    this.key.replaceChildren(
      h('span', { class: 'key-item' }, h('span', { class: 'key-edge', 'aria-hidden': 'true' }), t(`playground.key_${g}positive`)),
      h('span', { class: 'key-item' }, h('span', { class: 'key-edge negative', 'aria-hidden': 'true' }), t(`playground.key_${g}negative`)),
      h('span', { class: 'key-item' }, t(`playground.key_${g}width`)),
      h('span', { class: 'key-item' }, h('span', { class: 'key-square', 'aria-hidden': 'true' }), t('playground.key_square')),
    );
  }

  private renderToolbar(): void {
    const n = this.shape?.hidden.length ?? 0;
    this.addLayerButton.textContent = this.t('playground.add_layer');
    this.removeLayerButton.textContent = this.t('playground.remove_layer');
    this.layerCount.textContent = this.t('playground.hidden_layers', { n });
    // At the most layers the button stays in the tab order, and says why it does nothing.
    const full = n >= MAX_HIDDEN_LAYERS;
    if (full) {
      this.addLayerButton.setAttribute('aria-disabled', 'true');
      this.addLayerButton.title = this.t('playground.max_layers', { max: MAX_HIDDEN_LAYERS });
    } else {
      this.addLayerButton.removeAttribute('aria-disabled');
      this.addLayerButton.removeAttribute('title');
    }
  }

  /**
   * One line an edge, from every node of a layer to every node of the next,
   * under a wider transparent one that takes the clicks, with its weight's
   * id and value as its title.
   */
  private makeEdges(sizes: number[]): void {
    this.sizes = sizes.join(',');
    this.lines = [];
    const byLayer = new Map<number, number[]>();
    this.nodes.forEach((n, k) => byLayer.set(n.layer, [...(byLayer.get(n.layer) ?? []), k]));
    const layers = [...byLayer.keys()].sort((a, b) => a - b);
    for (let l = 1; l < layers.length; l++) {
      const from = byLayer.get(layers[l - 1])!;
      const to = byLayer.get(layers[l])!;
      to.forEach((_, j) =>
        from.forEach((_, i) => {
          const id = weightId(sizes, l, j, i);
          const line = s('line', { class: 'edge' });
          const hit = s('line', { class: 'edge-hit' });
          const title = s('title', {});
          const group = s('g', { class: 'edge-link', 'data-param': id }, title, line, hit);
          group.addEventListener('click', () => this.actions.pick({ kind: 'param', id }));
          this.lines.push({ line, hit, title, group, id, layer: l - 1, to: j, from: i });
        }),
      );
    }
    this.edges.replaceChildren(...this.lines.map((e) => e.group));
    this.titled = 0;
    this.placeEdges();
  }

  /** Each edge's title, its weight's id and value; each neuron's, its name and bias. */
  private writeTitles(): void {
    const network = this.network;
    // Drawn for another shape than the network last shown (a new shape waits
    // for its network): its titles come with that network's first update.
    if (!network || network.layers.map(Number).join(',') !== this.sizes) return;
    this.titled = performance.now();
    for (const e of this.lines) {
      const w = Number(network.weights[e.layer]?.[e.to]?.[e.from]);
      e.title.textContent = this.t('playground.edge_title', { id: e.id, value: valueText(w) });
    }
    const sizes = network.layers.map(Number);
    for (const n of this.nodes) {
      if (!n.id) continue;
      const j = Number(n.el.dataset.index);
      const b = Number((network.biases[n.layer - 1] as unknown[])?.[j]);
      n.el.title = this.t('playground.neuron_title', { node: n.id, bias: biasId(sizes, n.layer, j), value: valueText(b) });
    }
  }

  /** Marks the picked weight's edge or neuron, or none. */
  mark(pick: Pick | null): void {
    this.writeTitles();
    for (const e of this.lines) e.group.classList.toggle('picked', pick?.kind === 'param' && pick.id === e.id);
    for (const n of this.nodes) if (n.id) n.el.classList.toggle('picked', pick?.kind === 'neuron' && pick.id === n.id);
  }

  /** Puts each edge between its nodes' centres, where CSS laid them out. */
  private placeEdges(): void {
    const stage = this.edges.parentElement;
    if (!stage || !this.lines.length) return;
    const origin = stage.getBoundingClientRect();
    this.edges.setAttribute('viewBox', `0 0 ${Math.max(1, origin.width)} ${Math.max(1, origin.height)}`);
    const centres = this.nodes.map((n) => {
      const target = n.canvas ?? n.el;
      const r = target.getBoundingClientRect();
      return { x: r.left + r.width / 2 - origin.left, y: r.top + r.height / 2 - origin.top, w: r.width / 2 };
    });
    const index = new Map<number, number[]>();
    this.nodes.forEach((n, k) => index.set(n.layer, [...(index.get(n.layer) ?? []), k]));
    const layers = [...index.keys()].sort((a, b) => a - b);
    for (const e of this.lines) {
      const a = centres[index.get(layers[e.layer])![e.from]];
      const b = centres[index.get(layers[e.layer + 1])![e.to]];
      for (const line of [e.line, e.hit]) {
        line.setAttribute('x1', String(a.x + a.w));
        line.setAttribute('y1', String(a.y));
        line.setAttribute('x2', String(b.x - b.w));
        line.setAttribute('y2', String(b.y));
      }
    }
  }

  /**
   * Draws each edge by its weight's gradient on one example (the core's
   * dE_total/dw terms: sign as colour, width against the largest), or by its
   * weight again (null).
   */
  showGradients(gradients: Map<string, number> | null): void {
    this.gradients = gradients;
    this.edges.classList.toggle('by-gradient', !!gradients);
    let largest = 0;
    for (const g of gradients?.values() ?? []) if (Number.isFinite(g)) largest = Math.max(largest, Math.abs(g));
    for (const e of this.lines) {
      const g = gradients?.get(e.id);
      if (g === undefined) {
        delete e.line.dataset.gradient;
        e.weight = undefined;
        continue;
      }
      e.weight = undefined;
      e.line.dataset.gradient = String(g);
      e.line.classList.toggle('negative', g < 0);
      e.line.style.strokeWidth = `${(0.75 + (largest > 0 && Number.isFinite(g) ? (5.25 * Math.abs(g)) / largest : 0)).toFixed(1)}px`;
    }
    this.renderKey();
    if (!gradients && this.network) this.update(this.network, this.lastGrid, this.lastScale!);
  }

  /** Each edge's colour and width from its weight; each neuron's thumbnail from the grid. */
  update(network: Config, grid: NetworkGrid | null, output: Scale): void {
    this.lastGrid = grid;
    this.lastScale = output;
    for (const e of this.lines) {
      const w = Number(network.weights[e.layer]?.[e.to]?.[e.from]);
      // Edges drawn by a gradient keep it until the chain draws them again.
      if (this.gradients?.has(e.id) || w === e.weight) continue;
      e.weight = w;
      e.line.dataset.weight = String(w);
      if (w < 0 !== e.line.classList.contains('negative')) e.line.classList.toggle('negative', w < 0);
      // Widths a tenth of a pixel apart look the same: set only what shows.
      const width = `${edgeWidth(w).toFixed(1)}px`;
      if (e.line.style.strokeWidth !== width) e.line.style.strokeWidth = width;
    }
    this.network = network;
    // The titles are written out where someone may read them: the drawing's
    // first frame, and while the pointer is over it (a few times a second).
    // Each frame, they would cost a frame of a large network a third again.
    if (!this.titled || (this.hovering && performance.now() - this.titled > TITLE_MS)) this.writeTitles();
    // Read once: a style read after the edges changed would lay the page out again.
    const p = (this.colours ??= palette(this.element));
    const last = this.shape ? this.shape.hidden.length + 1 : 0;
    this.nodes.forEach((n, k) => {
      if (!n.canvas) return;
      if (!grid) {
        n.canvas.classList.add('blank');
        return;
      }
      n.canvas.classList.remove('blank');
      paintThumb(n.canvas, grid, k, (v) => {
        if (n.layer === 0) return diverging(p, v, DOMAIN[0], DOMAIN[1]);
        if (n.layer === last) {
          if (output.kind === 'value') return diverging(p, v, output.lo, output.hi);
          return classTone(p, k - (this.nodes.length - output.classes), v);
        }
        return diverging(p, v, -1, 1);
      });
    });
  }

  retranslate(): void {
    if (this.shape) this.build(this.shape);
  }

  /** The theme changed: its colours are read again at the next update. */
  recolour(): void {
    this.colours = null;
  }
}

function thumbCanvas(): HTMLCanvasElement {
  return h('canvas', { class: 'thumb', width: THUMB, height: THUMB, 'aria-hidden': 'true' });
}

/** A value as the core writes a term's value_text: 9 significant digits, as JavaScript writes the number; − for minus. */
function valueText(x: number): string {
  return String(Number(x.toPrecision(9))).replace('-', '−');
}

/** How often the titles follow the weights while the pointer is over the drawing, in ms. */
const TITLE_MS = 250;

/** Wider for a larger weight, up to a limit: layout only. */
function edgeWidth(w: number): number {
  if (!Number.isFinite(w)) return 1;
  return 0.75 + Math.min(Math.abs(w), 4) * 1.25;
}

/** Neuron k of the grid, sampled to the thumbnail's pixels. */
function paintThumb(canvas: HTMLCanvasElement, grid: NetworkGrid, k: number, colour: (v: number) => RGB): void {
  const { width: W, height: H, values } = grid;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(THUMB, THUMB);
  const P = W * H;
  for (let y = 0; y < THUMB; y++) {
    const j = Math.round(((THUMB - 1 - y) * (H - 1)) / (THUMB - 1));
    for (let x = 0; x < THUMB; x++) {
      const i = Math.round((x * (W - 1)) / (THUMB - 1));
      const rgb = colour(values[k * P + j * W + i]);
      const o = (y * THUMB + x) * 4;
      image.data[o] = rgb[0];
      image.data[o + 1] = rgb[1];
      image.data[o + 2] = rgb[2];
      image.data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
}
