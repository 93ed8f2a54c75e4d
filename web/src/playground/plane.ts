// The plane: the network's output over it as a heat map (a canvas from the
// core's grid), the data's points over that (a shape and a colour a class;
// test points hollow), and the legend of both. Painting and layout only.
import type { Dataset, NetworkGrid } from '../shared/core-types';
import { h } from '../shared/dom';
import type { Translate } from '../shared/i18n';
import { classTone, css, diverging, marker, palette, type Palette } from './colours';
import { DOMAIN } from './model';

/** How the output is painted: one value on a diverging scale, or the class with the largest probability. */
export type Scale = { kind: 'value'; lo: number; hi: number } | { kind: 'classes'; classes: number };

const POINT_R = 4;

export class Plane {
  readonly element: HTMLElement;
  private heat = h('canvas', { class: 'heat', width: 1, height: 1, 'aria-hidden': 'true' });
  private points = h('canvas', { class: 'points', 'aria-hidden': 'true' });
  private box = h('div', { class: 'plane-box', id: 'plane', role: 'img' });
  private legend = h('div', { class: 'legend', id: 'plane-legend' });
  private data: Dataset | null = null;
  private showTest = true;
  private scale: Scale = { kind: 'value', lo: -1, hi: 1 };
  private last: { grid: NetworkGrid; first: number } | null = null;
  /** The theme's colours, read once (a style read each frame would lay the page out again). */
  private palette: Palette | null = null;
  /** A training point clicked (its index in the data set), for the chain rule. */
  onPoint: ((index: number) => void) | null = null;
  /** The point ringed as the chain's example, or none. */
  private marked: number | null = null;

  constructor(private t: Translate) {
    this.box.append(this.heat, this.points);
    this.element = h('figure', { class: 'plane-figure', 'data-part': 'plane' }, this.box, this.legend);
    new ResizeObserver(() => this.drawPoints()).observe(this.box);
    this.box.addEventListener('click', (e) => {
      const i = this.onPoint ? this.trainingPointAt(e) : null;
      if (i !== null) this.onPoint!(i);
    });
  }

  /** The training point under a click (within a few pixels of its centre), or null. */
  private trainingPointAt(e: MouseEvent): number | null {
    const d = this.data;
    const width = this.box.clientWidth;
    if (!d || !width) return null;
    const r = this.box.getBoundingClientRect();
    const [x0, x1, y0, y1] = DOMAIN;
    let best: number | null = null;
    let bestDistance = (POINT_R + 4) ** 2;
    for (const i of d.train) {
      const dx = ((d.x[i] - x0) / (x1 - x0)) * width - (e.clientX - r.left);
      const dy = (1 - (d.y[i] - y0) / (y1 - y0)) * width - (e.clientY - r.top);
      if (dx * dx + dy * dy <= bestDistance) {
        best = i;
        bestDistance = dx * dx + dy * dy;
      }
    }
    return best;
  }

  /** Rings a point (its index in the data set), or none. */
  mark(index: number | null): void {
    if (index === this.marked) return;
    this.marked = index;
    this.drawPoints();
  }

  /** The points and how the output is painted. */
  setData(data: Dataset, scale: Scale, showTest: boolean): void {
    this.data = data;
    this.scale = scale;
    this.showTest = showTest;
    this.drawPoints();
    this.renderLegend();
    this.describe();
  }

  setShowTest(on: boolean): void {
    this.showTest = on;
    this.drawPoints();
    this.describe();
  }

  /** The output over the plane: the grid's neurons from `first` (the output layer), or none yet. */
  setHeat(grid: NetworkGrid | null, first: number): void {
    this.last = grid ? { grid, first } : null;
    this.heat.hidden = grid === null;
    if (grid) this.paintHeat(grid, first);
  }

  /** Paints again in the theme's colours (the theme changed). */
  repaint(): void {
    this.palette = null;
    if (this.last) this.paintHeat(this.last.grid, this.last.first);
    this.drawPoints();
    this.renderLegend();
  }

  private paintHeat(grid: NetworkGrid, first: number): void {
    const { width: W, height: H, values } = grid;
    if (this.heat.width !== W) this.heat.width = W;
    if (this.heat.height !== H) this.heat.height = H;
    const ctx = this.heat.getContext('2d')!;
    const image = ctx.createImageData(W, H);
    const p = this.colours();
    const P = W * H;
    const scale = this.scale;
    for (let j = 0; j < H; j++) {
      // Row j of the grid is y0 + …: the canvas's top row is the largest y.
      const row = (H - 1 - j) * W;
      for (let i = 0; i < W; i++) {
        const at = j * W + i;
        let rgb;
        if (scale.kind === 'value') {
          rgb = diverging(p, values[first * P + at], scale.lo, scale.hi);
        } else {
          let best = 0;
          for (let k = 1; k < scale.classes; k++) if (values[(first + k) * P + at] > values[(first + best) * P + at]) best = k;
          rgb = classTone(p, best, values[(first + best) * P + at]);
        }
        const o = (row + i) * 4;
        image.data[o] = rgb[0];
        image.data[o + 1] = rgb[1];
        image.data[o + 2] = rgb[2];
        image.data[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
  }

  private drawPoints(): void {
    const width = this.box.clientWidth;
    if (!width || !this.data) return;
    const ratio = window.devicePixelRatio || 1;
    const size = Math.round(width * ratio);
    if (this.points.width !== size) this.points.width = size;
    if (this.points.height !== size) this.points.height = size;
    const ctx = this.points.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, width);
    const p = this.colours();
    const [x0, x1, y0, y1] = DOMAIN;
    const r = Number.parseFloat(getComputedStyle(this.box).getPropertyValue('--point-r')) || POINT_R;
    const d = this.data;
    const draw = (indices: Float64Array, test: boolean) => {
      for (const i of indices) {
        const px = ((d.x[i] - x0) / (x1 - x0)) * width;
        const py = (1 - (d.y[i] - y0) / (y1 - y0)) * width;
        const k = d.regression ? 0 : d.label[i];
        const colour = d.regression ? diverging(p, d.label[i], -1, 1) : p.classes[k % p.classes.length];
        marker(ctx, k, px, py, test ? r + 0.5 : r);
        if (test) {
          ctx.fillStyle = css(p.paper);
          ctx.fill();
          ctx.lineWidth = 2.5;
          ctx.strokeStyle = css(colour);
          ctx.stroke();
        } else {
          ctx.fillStyle = css(colour);
          ctx.fill();
          // A value near 0 has the middle tone of the heat map under it: the ink's outline keeps it seen.
          ctx.lineWidth = 1;
          ctx.strokeStyle = css(d.regression ? p.ink : p.paper);
          ctx.stroke();
        }
      }
    };
    draw(d.train, false);
    if (this.showTest) draw(d.test, true);
    if (this.marked !== null && this.marked < d.x.length) {
      ctx.beginPath();
      ctx.arc(((d.x[this.marked] - x0) / (x1 - x0)) * width, (1 - (d.y[this.marked] - y0) / (y1 - y0)) * width, r + 4, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = css(p.ink);
      ctx.stroke();
    }
  }

  private describe(): void {
    const d = this.data;
    if (!d) return;
    this.box.setAttribute(
      'aria-label',
      this.t(this.showTest ? 'playground.plane_alt_test' : 'playground.plane_alt', { train: d.train.length, test: d.test.length }),
    );
  }

  private renderLegend(): void {
    const d = this.data;
    if (!d) return;
    const p = this.colours();
    const swatch = (k: number, hollow: boolean) => {
      const c = h('canvas', { class: 'swatch', width: 36, height: 36, 'aria-hidden': 'true' });
      const ctx = c.getContext('2d')!;
      ctx.scale(2, 2);
      marker(ctx, k, 9, 9, 5);
      ctx.fillStyle = css(hollow ? p.paper : p.classes[k % p.classes.length]);
      ctx.fill();
      ctx.lineWidth = hollow ? 2 : 1;
      ctx.strokeStyle = css(hollow ? p.classes[k % p.classes.length] : p.paper);
      ctx.stroke();
      return c;
    };
    const items: HTMLElement[] = [];
    if (d.regression) {
      items.push(h('li', {}, swatch(0, false), this.t('playground.legend_value')));
    } else {
      for (let k = 0; k < d.classes; k++) items.push(h('li', { 'data-class': k }, swatch(k, false), this.t('playground.class', { k })));
    }
    items.push(h('li', {}, swatch(0, true), this.t('playground.legend_test')));
    const scale = this.scale;
    let bar: HTMLElement;
    if (scale.kind === 'value') {
      const gradient = h('canvas', { class: 'scale-bar', width: 128, height: 1, 'aria-hidden': 'true' });
      const ctx = gradient.getContext('2d')!;
      const image = ctx.createImageData(128, 1);
      for (let i = 0; i < 128; i++) {
        const rgb = diverging(p, scale.lo + ((scale.hi - scale.lo) * i) / 127, scale.lo, scale.hi);
        image.data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
      }
      ctx.putImageData(image, 0, 0);
      const mid = (scale.lo + scale.hi) / 2;
      bar = h(
        'div',
        { class: 'scale' },
        h('span', { class: 'scale-title' }, this.t('playground.legend_output')),
        gradient,
        h('span', { class: 'scale-ticks' }, h('span', {}, fmt(scale.lo)), h('span', {}, fmt(mid)), h('span', {}, fmt(scale.hi))),
      );
    } else {
      bar = h('div', { class: 'scale' }, h('span', { class: 'scale-title' }, this.t('playground.legend_classes')));
    }
    this.legend.replaceChildren(bar, h('ul', { class: 'point-legend' }, ...items));
  }

  retranslate(): void {
    this.renderLegend();
    this.describe();
  }

  private colours(): Palette {
    return (this.palette ??= palette(this.element));
  }
}

function fmt(v: number): string {
  return String(v).replace('-', '−');
}
