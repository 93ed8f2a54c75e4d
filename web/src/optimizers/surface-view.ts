// The loss surface as filled contours (d3-contour over the grid the core
// evaluates), its minima and saddle points, the start point the student
// clicks, and each optimizer's trail. Layout only: every value comes from
// the core.
//
// Two layers, one over the other: the map (the filled contours) is drawn
// once per surface and domain, level by level in tasks of their own, and is
// never touched while the race plays; the plot over it (axes, marks,
// trails, the start) changes each frame, and only its trails and markers do.
import { axisBottom, axisLeft } from 'd3-axis';
import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import type { BackpropCore, RaceRun, Surface } from '../shared/core-types';
import { h, keepTextSize, s, svgPoint } from '../shared/dom';
import type { Translate } from '../shared/i18n';
import { nextTask } from '../shared/tasks';
import { colours, dashes, markers, type RacerId, racerIds } from './racers';

const W = 560;
const H = 460;
const M = { top: 12, right: 12, bottom: 36, left: 46 };
const GRID = 200;
const LEVELS = 18;
/** How long one task of contouring may run before it lets the page draw a frame, in ms. */
const SLICE_MS = 10;
/** Maps kept for surfaces drawn before (a student switches back and forth). */
const KEPT_MAPS = 8;

/**
 * A coordinate in px for an attribute: a run that flew off to 1e307 is far
 * outside the plot (and clipped), but still a number an attribute takes.
 */
function px(v: number): string {
  return Math.max(-1e5, Math.min(1e5, v)).toFixed(1);
}

/** The k-th of n filled contour levels, darker the higher. */
function levelPath(d: string, k: number, n: number): SVGPathElement {
  return s('path', { d, fill: interpolateBlues(0.05 + (0.6 * k) / Math.max(1, n - 1)), class: 'level' });
}

/** A trail as drawn: its run, the last step in its path, and the path. */
interface Drawn {
  run: RaceRun;
  last: number;
  d: string;
}

export class SurfaceView {
  /** The map and the plot over it. */
  readonly element: HTMLElement;
  /** The plot: axes, marks, trails, the start; what the reader clicks and what describes the figure. */
  readonly svg: SVGSVGElement;
  private map: SVGSVGElement;
  private x = scaleLinear().range([M.left, W - M.right]);
  private y = scaleLinear().range([H - M.bottom, M.top]);
  private fills = s('g', { class: 'contours' });
  private marks = s('g', { class: 'marks' });
  private trails = s('g', { class: 'trails' });
  private xAxis = s('g', { class: 'axis', transform: `translate(0, ${H - M.bottom})` });
  private yAxis = s('g', { class: 'axis', transform: `translate(${M.left}, 0)` });
  private start = s('circle', { class: 'start', r: 7 });
  private title = s('title');
  private desc = s('desc');
  private paths = new Map<RacerId, SVGPathElement>();
  private heads = new Map<RacerId, SVGPathElement>();
  private drawn = new Map<RacerId, Drawn>();
  /** The contours of the maps drawn so far, by surface and domain; the latest last. */
  private kept = new Map<string, string[]>();
  /** The map being drawn: a newer one stops an older one. */
  private job = 0;

  constructor(private readonly t: Translate, onStart: (x: number, y: number) => void) {
    for (const id of racerIds) {
      const path = s('path', { class: `trail ${id}`, 'data-optimizer': id, stroke: colours[id], 'stroke-dasharray': dashes[id] || null, display: 'none' });
      const head = s('path', { class: `head ${id}`, 'data-optimizer': id, d: markers[id], fill: colours[id], display: 'none' });
      this.paths.set(id, path);
      this.heads.set(id, head);
      this.trails.append(path, head);
    }
    const clip = (id: string) => s('clipPath', { id }, s('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom }));
    this.map = s(
      'svg',
      { class: 'surface-map', viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true', focusable: 'false' },
      s('defs', {}, clip('map-clip')),
      s('g', { 'clip-path': 'url(#map-clip)' }, this.fills),
    );
    this.svg = s(
      'svg',
      { class: 'surface', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'surface-title surface-desc', id: 'surface' },
      this.title,
      this.desc,
      s('defs', {}, clip('plot-clip')),
      s('g', { 'clip-path': 'url(#plot-clip)' }, this.marks, this.trails, this.start),
      this.xAxis,
      this.yAxis,
    );
    this.element = h('div', { class: 'surface-box' }, this.map, this.svg);
    keepTextSize(this.svg, W, H);
    this.title.id = 'surface-title';
    this.desc.id = 'surface-desc';
    this.svg.addEventListener('click', (event) => {
      const local = svgPoint(this.svg, event);
      if (local.x < M.left || local.x > W - M.right || local.y < M.top || local.y > H - M.bottom) return;
      onStart(this.x.invert(local.x), this.y.invert(local.y));
    });
  }

  /**
   * Draws the surface from the core's grid; throws the core's error for a
   * bad function. The axes and marks are drawn now, the contours in the
   * tasks that follow (data-drawn is "true" on the plot once they are, and
   * data-levels their number).
   */
  draw(core: BackpropCore, surface: Surface, domain: (number | string)[], minima: [number, number][], saddles: [number, number][]): void {
    // The core validates the surface and the domain (as typed) first.
    const grid = core.grid({ surface, domain, width: GRID, height: GRID });
    // The view is only valid until the next call into the core: use it now.
    const values = Float64Array.from(grid.values);
    // As the core read them: "−3" (U+2212, as the page prints it) is −3.
    const [x0, x1, y0, y1] = domain.map((v, i) => core.number(v, `domain[${i}]`));
    this.x.domain([x0, x1]);
    this.y.domain([y0, y1]);
    select(this.xAxis).call(axisBottom(this.x).ticks(7));
    select(this.yAxis).call(axisLeft(this.y).ticks(6));
    const star = 'M 0 -8 L 2.4 -2.6 L 8 -2.4 L 3.6 1.4 L 5 7 L 0 3.8 L -5 7 L -3.6 1.4 L -8 -2.4 L -2.4 -2.6 Z';
    this.marks.replaceChildren(
      ...minima.map(([a, b]) => s('path', { d: star, class: 'minimum', transform: `translate(${this.x(a)}, ${this.y(b)})` })),
      ...saddles.map(([a, b]) =>
        s('path', { d: 'M -6 -6 L 6 6 M -6 6 L 6 -6', class: 'saddle', transform: `translate(${this.x(a)}, ${this.y(b)})` }),
      ),
    );
    this.title.textContent = this.t('race.surface_title');
    // Trails drawn on the last surface's scale are drawn again.
    this.drawn.clear();
    this.contour(JSON.stringify([surface, x0, x1, y0, y1]), values, [x0, x1, y0, y1]);
  }

  /** The filled contours, one level per slice of work; a map drawn before is shown at once. */
  private contour(key: string, values: Float64Array, [x0, x1, y0, y1]: number[]): void {
    const job = ++this.job;
    const known = this.kept.get(key);
    if (known) {
      this.kept.delete(key);
      this.kept.set(key, known);
      this.showMap(known);
      return;
    }
    // Not the last surface's contours under this one's axes: an empty map until this one is drawn.
    this.fills.replaceChildren();
    this.svg.dataset.drawn = 'false';
    // d3-contour's grid: value (i, j) sits at (i + 0.5, j + 0.5); row j is y0 + j (y1 - y0) / (GRID - 1).
    const gx = (a: number) => this.x(x0 + ((a - 0.5) * (x1 - x0)) / (GRID - 1)).toFixed(1);
    const gy = (b: number) => this.y(y0 + ((b - 0.5) * (y1 - y0)) / (GRID - 1)).toFixed(1);
    const shape = contours().size([GRID, GRID]);
    const levels: string[] = [];
    let thresholds: number[] = [];
    const slice = () => {
      if (job !== this.job) return;
      const until = performance.now() + SLICE_MS;
      if (!levels.length) {
        // Sorted as numbers (a typed array sorts numerically, and fast).
        const finite = values.filter(Number.isFinite).sort();
        const top = finite.length ? finite[finite.length - 1] : 0;
        for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = top;
        // Levels at quantiles of the values, so a steep surface still shows its valleys.
        thresholds = [...new Set(Array.from({ length: LEVELS }, (_, k) => finite[Math.floor((k * (finite.length - 1)) / LEVELS)]))];
      }
      do {
        const level = shape.contour(values as unknown as number[], thresholds[levels.length]);
        let d = '';
        for (const polygon of level.coordinates) {
          for (const ring of polygon) {
            d += 'M';
            for (let i = 0; i < ring.length; i++) d += `${i ? 'L' : ''}${gx(ring[i][0])},${gy(ring[i][1])}`;
            d += 'Z';
          }
        }
        // Shown as it comes, from the lowest level up: the map fills in over a few frames.
        this.fills.append(levelPath(d, levels.length, thresholds.length));
        levels.push(d);
      } while (levels.length < thresholds.length && performance.now() < until);
      if (levels.length < thresholds.length) {
        nextTask(slice);
        return;
      }
      this.kept.set(key, levels);
      if (this.kept.size > KEPT_MAPS) this.kept.delete(this.kept.keys().next().value!);
      this.drawnMap(levels.length);
    };
    nextTask(slice);
  }

  private showMap(levels: string[]): void {
    this.fills.replaceChildren(...levels.map((d, k) => levelPath(d, k, levels.length)));
    this.drawnMap(levels.length);
  }

  /** The map is whole: its number of contour levels (for tests), and that it is drawn. */
  private drawnMap(levels: number): void {
    this.svg.dataset.levels = String(levels);
    this.svg.dataset.drawn = 'true';
  }

  setStart(x: number, y: number): void {
    this.start.setAttribute('cx', String(this.x(x)));
    this.start.setAttribute('cy', String(this.y(y)));
  }

  /**
   * The trails up to `step` (each run stops where it stopped). A trail far
   * off the plot is drawn there, clipped. A trail that only grew since the
   * last call is extended, not drawn again.
   */
  drawTrails(runs: RaceRun[], enabled: Set<RacerId>, step: number): void {
    for (const id of racerIds) {
      const run = runs.find((r) => r.id === id);
      const path = this.paths.get(id)!;
      const head = this.heads.get(id)!;
      const show = Boolean(run && enabled.has(id));
      const display = show ? 'inline' : 'none';
      if (path.getAttribute('display') !== display) {
        path.setAttribute('display', display);
        head.setAttribute('display', display);
      }
      if (!run || !show) {
        this.drawn.delete(id);
        continue;
      }
      const last = Math.min(step, run.x.length - 1);
      let drawn = this.drawn.get(id);
      if (drawn && drawn.run === run && drawn.last === last) continue;
      if (!drawn || drawn.run !== run || drawn.last > last) drawn = { run, last: -1, d: '' };
      for (let i = drawn.last + 1; i <= last; i++) drawn.d += `${i ? 'L' : 'M'}${px(this.x(run.x[i]))},${px(this.y(run.y[i]))}`;
      drawn.last = last;
      this.drawn.set(id, drawn);
      path.setAttribute('d', drawn.d);
      head.setAttribute('transform', `translate(${px(this.x(run.x[last]))}, ${px(this.y(run.y[last]))})`);
      path.dataset.step = String(last);
      path.dataset.x = String(run.x[last]);
      path.dataset.y = String(run.y[last]);
    }
  }

  /** The figure's description: where each racer is (written when the race pauses, not each frame). */
  describe(runs: RaceRun[], enabled: Set<RacerId>, step: number): void {
    this.desc.textContent = racerIds
      .filter((id) => enabled.has(id))
      .map((id) => {
        const run = runs.find((r) => r.id === id);
        if (!run) return '';
        const last = Math.min(step, run.x.length - 1);
        return this.t('race.trail_alt', { name: this.t(`race.name.${id}`), x: run.x[last].toFixed(3), y: run.y[last].toFixed(3) });
      })
      .join(' ');
  }
}
