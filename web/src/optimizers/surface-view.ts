// The loss surface as filled contours (d3-contour over the grid the core
// evaluates), its minima and saddle points, the start point the student
// clicks, and each optimizer's trail. Layout only: every value comes from
// the core.
import { axisBottom, axisLeft } from 'd3-axis';
import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import type { BackpropCore, RaceRun, Surface } from '../shared/core-types';
import { keepTextSize, s, svgPoint } from '../shared/dom';
import type { Translate } from '../shared/i18n';
import { colours, dashes, markers, type RacerId, racerIds } from './racers';

const W = 560;
const H = 460;
const M = { top: 12, right: 12, bottom: 36, left: 46 };
const GRID = 200;
const LEVELS = 18;

/**
 * A coordinate in px for an attribute: a run that flew off to 1e307 is far
 * outside the plot (and clipped), but still a number an attribute takes.
 */
function px(v: number): string {
  return Math.max(-1e5, Math.min(1e5, v)).toFixed(1);
}

export class SurfaceView {
  readonly element: SVGSVGElement;
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
  /** The number of contour levels drawn for the current surface (for tests). */
  levels = 0;

  constructor(private readonly t: Translate, onStart: (x: number, y: number) => void) {
    for (const id of racerIds) {
      const path = s('path', { class: `trail ${id}`, 'data-optimizer': id, stroke: colours[id], 'stroke-dasharray': dashes[id] || null });
      const head = s('path', { class: `head ${id}`, 'data-optimizer': id, d: markers[id], fill: colours[id] });
      this.paths.set(id, path);
      this.heads.set(id, head);
      this.trails.append(path, head);
    }
    const clip = s('clipPath', { id: 'plot-clip' }, s('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom }));
    this.element = s(
      'svg',
      { class: 'surface', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'surface-title surface-desc', id: 'surface' },
      this.title,
      this.desc,
      s('defs', {}, clip),
      s('g', { 'clip-path': 'url(#plot-clip)' }, this.fills, this.marks, this.trails, this.start),
      this.xAxis,
      this.yAxis,
    );
    keepTextSize(this.element, W, H);
    this.title.id = 'surface-title';
    this.desc.id = 'surface-desc';
    this.element.addEventListener('click', (event) => {
      const local = svgPoint(this.element, event);
      if (local.x < M.left || local.x > W - M.right || local.y < M.top || local.y > H - M.bottom) return;
      onStart(this.x.invert(local.x), this.y.invert(local.y));
    });
  }

  /** Draws the surface's contours from the core's grid; throws the core's error for a bad function. */
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
    const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
    const top = finite.length ? finite[finite.length - 1] : 0;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = top;
    // Levels at quantiles of the values, so a steep surface still shows its valleys.
    const thresholds = [...new Set(Array.from({ length: LEVELS }, (_, k) => finite[Math.floor((k * (finite.length - 1)) / LEVELS)]))];
    this.levels = thresholds.length;
    const shapes = contours().size([GRID, GRID]).thresholds(thresholds)(Array.from(values));
    // d3-contour's grid: value (i, j) sits at (i + 0.5, j + 0.5); row j is y0 + j (y1 - y0) / (GRID - 1).
    const px = (gx: number) => this.x(x0 + ((gx - 0.5) * (x1 - x0)) / (GRID - 1));
    const py = (gy: number) => this.y(y0 + ((gy - 0.5) * (y1 - y0)) / (GRID - 1));
    this.fills.replaceChildren(
      ...shapes.map((shape, k) => {
        const d = shape.coordinates
          .map((polygon) => polygon.map((ring) => `M${ring.map(([a, b]) => `${px(a).toFixed(1)},${py(b).toFixed(1)}`).join('L')}Z`).join(''))
          .join('');
        return s('path', { d, fill: interpolateBlues(0.05 + (0.6 * k) / Math.max(1, shapes.length - 1)), class: 'level' });
      }),
    );
    const star = 'M 0 -8 L 2.4 -2.6 L 8 -2.4 L 3.6 1.4 L 5 7 L 0 3.8 L -5 7 L -3.6 1.4 L -8 -2.4 L -2.4 -2.6 Z';
    this.marks.replaceChildren(
      ...minima.map(([a, b]) => s('path', { d: star, class: 'minimum', transform: `translate(${this.x(a)}, ${this.y(b)})` })),
      ...saddles.map(([a, b]) =>
        s('path', { d: 'M -6 -6 L 6 6 M -6 6 L 6 -6', class: 'saddle', transform: `translate(${this.x(a)}, ${this.y(b)})` }),
      ),
    );
    this.title.textContent = this.t('race.surface_title');
  }

  setStart(x: number, y: number): void {
    this.start.setAttribute('cx', String(this.x(x)));
    this.start.setAttribute('cy', String(this.y(y)));
  }

  /** The trails up to `step` (each run stops where it stopped). A trail far off the plot is drawn there, clipped. */
  drawTrails(runs: RaceRun[], enabled: Set<RacerId>, step: number): void {
    for (const id of racerIds) {
      const run = runs.find((r) => r.id === id);
      const path = this.paths.get(id)!;
      const head = this.heads.get(id)!;
      const show = Boolean(run && enabled.has(id));
      path.setAttribute('display', show ? 'inline' : 'none');
      head.setAttribute('display', show ? 'inline' : 'none');
      if (!run || !show) continue;
      const last = Math.min(step, run.x.length - 1);
      let d = '';
      for (let i = 0; i <= last; i++) d += `${i ? 'L' : 'M'}${px(this.x(run.x[i]))},${px(this.y(run.y[i]))}`;
      path.setAttribute('d', d);
      head.setAttribute('transform', `translate(${px(this.x(run.x[last]))}, ${px(this.y(run.y[last]))})`);
      path.dataset.step = String(last);
      path.dataset.x = String(run.x[last]);
      path.dataset.y = String(run.y[last]);
    }
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
