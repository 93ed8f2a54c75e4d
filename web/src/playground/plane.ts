// The plane: the network's output over it as a heat map (a canvas from the
// core's grid), the data's points over that (a shape and a colour a class;
// test points hollow), and the legend of both. It takes the pointer and the
// keyboard on the points — a click, a drag, a right-click, a cursor moved by
// the arrow keys — and hands each gesture to whoever edits the data
// (points.ts) or picks an example (onPick). Painting and input only.
import type { Dataset, NetworkGrid } from '../shared/core-types';
import { h } from '../shared/dom';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { classTone, diverging, drawPoint, palette, type Palette } from './colours';
import { DOMAIN } from './model';

/** How the output is painted: one value on a diverging scale, or the class with the largest probability. */
export type Scale = { kind: 'value'; lo: number; hi: number } | { kind: 'classes'; classes: number };

const POINT_R = 4;
/** How far from a point's centre a click still takes it, in px beyond its radius. */
const HIT_SLACK = 5;
/** How far the pointer moves before a press on a point becomes a drag, in px. */
const DRAG_START = 3;
/** The arrow keys' step on the plane, and with Shift. */
const STEP = 0.25;
const STEP_FAST = 1;

/** What the plane hands on: the student's edits of the points (each point by its index in the data set). */
export interface PointInput {
  /** Whether a click adds and a drag moves (else a click picks). */
  editing(): boolean;
  add(x: number, y: number): void;
  /** `done`: the drag or key press ended (the address follows then). */
  move(index: number, x: number, y: number, done: boolean): void;
  remove(index: number): void;
  /** Other keys while the plane has the focus (the class of a new point); true when taken. */
  key?(event: KeyboardEvent): boolean;
}
/** The chain's example's rings, CSS px outside a point's radius. */
export const MARK_INNER = 5;
export const MARK_OUTER = 11;

export class Plane {
  readonly element: HTMLElement;
  private heat = h('canvas', { class: 'heat', width: 1, height: 1, 'aria-hidden': 'true' });
  private points = h('canvas', { class: 'points', 'aria-hidden': 'true' });
  private box = h('div', { class: 'plane-box', id: 'plane', role: 'application', tabindex: 0, 'aria-describedby': 'plane-keys' });
  private keysHelp = h('p', { class: 'visually-hidden', id: 'plane-keys' });
  private live = h('p', { class: 'visually-hidden', id: 'plane-live', role: 'status' });
  private legend = h('div', { class: 'legend', id: 'plane-legend' });
  /** The scale's ends as written (≤ and ≥ when the output goes past them), and what the output over the plane spans when it does. */
  private tickLo = h('span', {});
  private tickHi = h('span', {});
  private clipNote = h('p', { class: 'scale-clipped', id: 'plane-clipped', role: 'status' });
  /** The least and the largest finite output over the plane, on a scale of values; null before a heat map. */
  private span: [number, number] | null = null;
  private data: Dataset | null = null;
  private showTest = true;
  private scale: Scale = { kind: 'value', lo: -1, hi: 1 };
  private last: { grid: NetworkGrid; first: number } | null = null;
  /** The theme's colours, read once (a style read each frame would lay the page out again). */
  private palette: Palette | null = null;
  /** The point ringed as the chain's example, or none. */
  private marked: number | null = null;
  /** The keyboard's cursor on the plane, and the point it holds (an index in the data set), or null. */
  private cursor: [number, number] = [0, 0];
  private selected: number | null = null;
  /** A press on the plane: where, on which point, and whether it became a drag. */
  private press: { id: number; at: [number, number]; index: number | null; dragging: boolean } | null = null;
  /** Who edits the points; null: the plane only shows them. */
  input: PointInput | null = null;
  /**
   * A point was picked: clicked (or Enter on it at the keyboard's cursor)
   * while the points are not being edited. Its index in the data set.
   */
  onPick: ((index: number) => void) | null = null;

  constructor(private t: Translate) {
    this.box.append(this.heat, this.points);
    this.element = h('figure', { class: 'plane-figure', 'data-part': 'plane' }, this.box, this.keysHelp, this.live, this.legend);
    new ResizeObserver(() => this.drawPoints()).observe(this.box);
    this.box.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.box.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.box.addEventListener('pointerup', (e) => this.pointerUp(e));
    this.box.addEventListener('pointercancel', () => (this.press = null));
    this.box.addEventListener('contextmenu', (e) => this.contextMenu(e));
    this.box.addEventListener('keydown', (e) => this.keyDown(e));
    this.box.addEventListener('focus', () => this.drawPoints());
    this.box.addEventListener('blur', () => this.drawPoints());
    this.keysHelp.textContent = t('playground.plane_keys');
  }

  /** The data set shown now. */
  get dataset(): Dataset | null {
    return this.data;
  }

  /** The point the keyboard holds, or null. */
  get selection(): number | null {
    return this.selected;
  }

  /** Says it to a screen reader. */
  announce(text: string): void {
    // The same words again are read again.
    this.live.textContent = this.live.textContent === text ? `${text}\u00a0` : text;
  }

  /** Holds point `index` (or none) at the keyboard's cursor. */
  select(index: number | null): void {
    this.selected = index;
    if (index !== null && this.data) this.cursor = [this.data.x[index], this.data.y[index]];
    this.drawPoints();
  }

  /** Rings a point (its index in the data set), or none: the chain's example. */
  mark(index: number | null): void {
    if (index === this.marked) return;
    this.marked = index;
    this.drawPoints();
  }

  /** The points and how the output is painted. */
  setData(data: Dataset, scale: Scale, showTest: boolean): void {
    if (this.selected !== null && (this.selected >= data.x.length || !this.shown(data, this.selected, showTest))) this.selected = null;
    this.data = data;
    this.scale = scale;
    this.showTest = showTest;
    this.drawPoints();
    this.renderLegend();
    this.describe();
  }

  setShowTest(on: boolean): void {
    this.showTest = on;
    if (this.selected !== null && this.data && !this.shown(this.data, this.selected, on)) this.selected = null;
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
    let least = Infinity;
    let largest = -Infinity;
    for (let j = 0; j < H; j++) {
      // Row j of the grid is y0 + …: the canvas's top row is the largest y.
      const row = (H - 1 - j) * W;
      for (let i = 0; i < W; i++) {
        const at = j * W + i;
        let rgb;
        if (scale.kind === 'value') {
          const v = values[first * P + at];
          if (v < least) least = v;
          if (v > largest) largest = v;
          rgb = diverging(p, v, scale.lo, scale.hi);
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
    this.span = scale.kind === 'value' && least <= largest ? [least, largest] : null;
    this.renderClip();
  }

  /** Says when the output over the plane goes past the colour scale: the colours stop at its ends. */
  private renderClip(): void {
    const scale = this.scale;
    const span = scale.kind === 'value' ? this.span : null;
    const below = !!span && scale.kind === 'value' && span[0] < scale.lo;
    const above = !!span && scale.kind === 'value' && span[1] > scale.hi;
    if (scale.kind === 'value') {
      this.tickLo.textContent = `${below ? '≤ ' : ''}${fmt(scale.lo)}`;
      this.tickHi.textContent = `${above ? '≥ ' : ''}${fmt(scale.hi)}`;
    }
    const text = span && (below || above) ? this.t('playground.legend_clipped', { lo: short(span[0], 3), hi: short(span[1], 3), min: fmt(scale.kind === 'value' ? scale.lo : 0), max: fmt(scale.kind === 'value' ? scale.hi : 0) }) : '';
    if (this.clipNote.textContent !== text) this.clipNote.textContent = text;
    this.clipNote.hidden = text === '';
    if (text) this.box.dataset.clipped = `${span![0]},${span![1]}`;
    else delete this.box.dataset.clipped;
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
    const r = this.radius();
    const d = this.data;
    const draw = (indices: Float64Array, test: boolean) => {
      for (const i of indices) {
        const [px, py] = this.toPixels(d.x[i], d.y[i], width);
        const k = d.regression ? 0 : d.label[i];
        const colour = d.regression ? diverging(p, d.label[i], -1, 1) : p.classes[k % p.classes.length];
        drawPoint(ctx, p, k, px, py, r, colour, test);
      }
    };
    draw(d.train, false);
    if (this.showTest) draw(d.test, true);
    if (this.marked !== null && this.marked < d.x.length) {
      // The chain's example above every point: drawn again on top, in two
      // rings of ink, each between bands of paper, so it stands out of a
      // dense cluster and on either theme's heat map.
      const m = this.marked;
      const [mx, my] = this.toPixels(d.x[m], d.y[m], width);
      const k = d.regression ? 0 : d.label[m];
      const colour = d.regression ? diverging(p, d.label[m], -1, 1) : p.classes[k % p.classes.length];
      const paper = `rgb(${p.paper.join(',')})`;
      const ink = `rgb(${p.ink.join(',')})`;
      for (const [radius, colours] of [
        [r + MARK_INNER, [[paper, 7], [ink, 3]]],
        [r + MARK_OUTER, [[paper, 5], [ink, 2.5]]],
      ] as const) {
        for (const [stroke, lineWidth] of colours) {
          ctx.beginPath();
          ctx.arc(mx, my, radius, 0, 2 * Math.PI);
          ctx.lineWidth = lineWidth;
          ctx.strokeStyle = stroke;
          ctx.stroke();
        }
      }
      drawPoint(ctx, p, k, mx, my, r, colour, d.test.includes(m));
      this.box.dataset.marked = String(m);
    } else {
      delete this.box.dataset.marked;
    }
    // The keyboard's cursor (a cross) and the point it holds (a ring), while the plane has the focus.
    if (!this.box.matches(':focus')) return;
    const [cx, cy] = this.selected !== null ? [d.x[this.selected], d.y[this.selected]] : this.cursor;
    const [px, py] = this.toPixels(cx, cy, width);
    const ring = (colour: string, lineWidth: number) => {
      ctx.beginPath();
      ctx.arc(px, py, r + 6, 0, 2 * Math.PI);
      ctx.lineWidth = lineWidth;
      ctx.strokeStyle = colour;
      ctx.stroke();
    };
    if (this.selected !== null) {
      ring(`rgb(${p.paper.join(',')})`, 4);
      ring(`rgb(${p.ink.join(',')})`, 2);
      return;
    }
    const arm = r + 6;
    for (const [colour, lineWidth] of [[`rgb(${p.paper.join(',')})`, 4], [`rgb(${p.ink.join(',')})`, 2]] as const) {
      ctx.beginPath();
      ctx.moveTo(px - arm, py);
      ctx.lineTo(px - 3, py);
      ctx.moveTo(px + 3, py);
      ctx.lineTo(px + arm, py);
      ctx.moveTo(px, py - arm);
      ctx.lineTo(px, py - 3);
      ctx.moveTo(px, py + 3);
      ctx.lineTo(px, py + arm);
      ctx.lineWidth = lineWidth;
      ctx.strokeStyle = colour;
      ctx.stroke();
    }
  }

  private radius(): number {
    return Number.parseFloat(getComputedStyle(this.box).getPropertyValue('--point-r')) || POINT_R;
  }

  private toPixels(x: number, y: number, width: number): [number, number] {
    const [x0, x1, y0, y1] = DOMAIN;
    return [((x - x0) / (x1 - x0)) * width, (1 - (y - y0) / (y1 - y0)) * width];
  }

  /** Where a pointer event falls on the plane, within its domain. */
  private toPlane(event: MouseEvent): [number, number] {
    const rect = this.box.getBoundingClientRect();
    const [x0, x1, y0, y1] = DOMAIN;
    const fx = (event.clientX - rect.left) / rect.width;
    const fy = (event.clientY - rect.top) / rect.height;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    return [clamp(x0 + fx * (x1 - x0), x0, x1), clamp(y1 - fy * (y1 - y0), y0, y1)];
  }

  /** Whether point i is drawn (a test point only while they are shown). */
  private shown(d: Dataset, i: number, showTest: boolean): boolean {
    return showTest || !d.test.includes(i);
  }

  /** The drawn point nearest the pointer, within its radius and a little, or null. */
  private hit(event: MouseEvent): number | null {
    const d = this.data;
    if (!d) return null;
    const rect = this.box.getBoundingClientRect();
    const width = this.box.clientWidth;
    const mx = event.clientX - rect.left, my = event.clientY - rect.top;
    let best: number | null = null;
    let bestD = (this.radius() + HIT_SLACK) ** 2;
    const look = (indices: Float64Array) => {
      for (const i of indices) {
        const [px, py] = this.toPixels(d.x[i], d.y[i], width);
        const dd = (px - mx) ** 2 + (py - my) ** 2;
        if (dd <= bestD) {
          bestD = dd;
          best = i;
        }
      }
    };
    look(d.train);
    if (this.showTest) look(d.test);
    return best;
  }

  private pointerDown(e: PointerEvent): void {
    if (e.button !== 0 || !this.data) return;
    this.press = { id: e.pointerId, at: [e.clientX, e.clientY], index: this.hit(e), dragging: false };
    if (this.press.index !== null && this.input?.editing()) this.box.setPointerCapture(e.pointerId);
  }

  private pointerMove(e: PointerEvent): void {
    const press = this.press;
    if (!press || press.id !== e.pointerId || press.index === null || !this.input?.editing()) return;
    if (!press.dragging && Math.hypot(e.clientX - press.at[0], e.clientY - press.at[1]) < DRAG_START) return;
    press.dragging = true;
    const [x, y] = this.toPlane(e);
    this.input.move(press.index, x, y, false);
  }

  private pointerUp(e: PointerEvent): void {
    const press = this.press;
    this.press = null;
    if (!press || press.id !== e.pointerId) return;
    if (this.box.hasPointerCapture(e.pointerId)) this.box.releasePointerCapture(e.pointerId);
    const [x, y] = this.toPlane(e);
    if (press.dragging && press.index !== null) {
      this.input?.move(press.index, x, y, true);
      return;
    }
    if (press.index !== null) {
      this.select(press.index);
      this.announce(this.describePoint(press.index));
      if (!this.input?.editing()) this.onPick?.(press.index);
      return;
    }
    this.cursor = [x, y];
    this.selected = null;
    if (this.input?.editing()) this.input.add(x, y);
    else this.drawPoints();
  }

  private contextMenu(e: MouseEvent): void {
    if (!this.input?.editing()) return;
    const i = this.hit(e);
    if (i === null) return;
    e.preventDefault();
    this.selected = null;
    this.input.remove(i);
  }

  /** The drawn points in order, training and test together. */
  private order(): number[] {
    const d = this.data!;
    const all = this.showTest ? [...d.train, ...d.test] : [...d.train];
    return all.sort((a, b) => a - b);
  }

  private keyDown(e: KeyboardEvent): void {
    const d = this.data;
    if (!d || e.ctrlKey || e.metaKey || e.altKey) return;
    const editing = this.input?.editing() ?? false;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const [x0, x1, y0, y1] = DOMAIN;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v * 100) / 100));
    if (e.key in arrows) {
      const step = e.shiftKey ? STEP_FAST : STEP;
      const [dx, dy] = arrows[e.key];
      if (this.selected !== null && editing) {
        // The held point moves.
        const i = this.selected;
        const nx = clamp(d.x[i] + dx * step, x0, x1), ny = clamp(d.y[i] + dy * step, y0, y1);
        this.cursor = [nx, ny];
        this.input!.move(i, nx, ny, true);
      } else {
        const [cx, cy] = this.selected !== null ? [d.x[this.selected], d.y[this.selected]] : this.cursor;
        this.selected = null;
        this.cursor = [clamp(cx + dx * step, x0, x1), clamp(cy + dy * step, y0, y1)];
        this.drawPoints();
        this.announce(this.t('playground.cursor', { x: coord(this.cursor[0]), y: coord(this.cursor[1]) }));
      }
    } else if (['n', 'N', ']', 'p', 'P', '['].includes(e.key)) {
      const order = this.order();
      if (!order.length) return;
      const forward = ['n', 'N', ']'].includes(e.key);
      const at = this.selected === null ? -1 : order.indexOf(this.selected);
      const next = at < 0 ? (forward ? 0 : order.length - 1) : (at + (forward ? 1 : -1) + order.length) % order.length;
      this.select(order[next]);
      this.announce(this.describePoint(order[next]));
    } else if (e.key === 'Enter' || e.key === ' ') {
      if (this.selected !== null) {
        if (!editing) this.onPick?.(this.selected);
        else {
          this.select(null);
          this.announce(this.t('playground.cursor', { x: coord(this.cursor[0]), y: coord(this.cursor[1]) }));
        }
      } else if (editing) {
        this.input!.add(this.cursor[0], this.cursor[1]);
      }
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && this.selected !== null && editing) {
      const i = this.selected;
      this.selected = null;
      this.input!.remove(i);
    } else if (e.key === 'Escape' && this.selected !== null) {
      this.select(null);
    } else if (e.key === 'Home') {
      this.selected = null;
      this.cursor = [0, 0];
      this.drawPoints();
      this.announce(this.t('playground.cursor', { x: coord(0), y: coord(0) }));
    } else if (!this.input?.key?.(e)) {
      return;
    }
    e.preventDefault();
  }

  /** A point in words: its number, class or value, side, place. */
  describePoint(i: number): string {
    const d = this.data!;
    const what = d.regression ? this.t('playground.point_value', { value: coord(d.label[i]) }) : this.t('playground.class', { k: d.label[i] });
    const side = this.t(d.test.includes(i) ? 'playground.side_test' : 'playground.side_train');
    return this.t('playground.point_at', { n: i + 1, count: d.x.length, what, side, x: coord(d.x[i]), y: coord(d.y[i]) });
  }

  private describe(): void {
    const d = this.data;
    if (!d) return;
    this.box.dataset.points = String(d.x.length);
    this.box.dataset.train = String(d.train.length);
    this.box.dataset.test = String(d.test.length);
    this.box.setAttribute(
      'aria-label',
      this.t(this.showTest ? 'playground.plane_alt_test' : 'playground.plane_alt', { train: d.train.length, test: d.test.length }),
    );
  }

  private renderLegend(): void {
    const d = this.data;
    if (!d) return;
    const p = this.colours();
    // Drawn as the plane draws the points, on its middle tone.
    const swatch = (k: number, hollow: boolean) => {
      const c = h('canvas', { class: 'swatch', width: 36, height: 36, 'aria-hidden': 'true' });
      const ctx = c.getContext('2d')!;
      ctx.scale(2, 2);
      ctx.fillStyle = `rgb(${p.mid.join(',')})`;
      ctx.fillRect(0, 0, 18, 18);
      const colour = d.regression ? diverging(p, 1, -1, 1) : p.classes[k % p.classes.length];
      drawPoint(ctx, p, k, 9, 9, 4.5, colour, hollow);
      return c;
    };
    const valueSwatch = (v: number, lo: number, hi: number) => {
      const c = h('canvas', { class: 'swatch', width: 36, height: 36, 'aria-hidden': 'true' });
      const ctx = c.getContext('2d')!;
      ctx.scale(2, 2);
      ctx.fillStyle = `rgb(${p.mid.join(',')})`;
      ctx.fillRect(0, 0, 18, 18);
      drawPoint(ctx, p, 0, 9, 9, 4.5, diverging(p, v, lo, hi), false);
      return c;
    };
    const items: HTMLElement[] = [];
    if (d.regression) {
      // The points' colours run as the output's: from the scale's low end, through the middle, to its high end.
      const lo = this.scale.kind === 'value' ? this.scale.lo : -1;
      const hi = this.scale.kind === 'value' ? this.scale.hi : 1;
      const dots = [lo, (lo + hi) / 2, hi].map((v) =>
        h('span', { class: 'value-dot' }, valueSwatch(v, lo, hi), h('span', { class: 'value-tick' }, fmt(v))),
      );
      items.push(h('li', { class: 'legend-values', 'data-values': `${lo},${hi}` }, ...dots, this.t('playground.legend_value')));
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
        h('span', { class: 'scale-ticks' }, this.tickLo, h('span', {}, fmt(mid)), this.tickHi),
        this.clipNote,
      );
      this.renderClip();
    } else {
      bar = h('div', { class: 'scale' }, h('span', { class: 'scale-title' }, this.t('playground.legend_classes')));
    }
    this.legend.replaceChildren(bar, h('ul', { class: 'point-legend' }, ...items));
  }

  retranslate(): void {
    this.keysHelp.textContent = this.t('playground.plane_keys');
    this.renderLegend();
    this.describe();
  }

  private colours(): Palette {
    return (this.palette ??= palette(this.element));
  }
}

/** A coordinate or a value as the messages give it: two decimals, a true minus. */
function coord(v: number): string {
  return fmt(Math.round(v * 100) / 100);
}

function fmt(v: number): string {
  return String(v).replace('-', '−');
}
