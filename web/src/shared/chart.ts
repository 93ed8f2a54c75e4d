// A small SVG chart on d3 scales and axes: lines, points and markers of
// data the core computed. Layout only.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { s, svgPoint } from './dom';
import { decimate } from './series';

export interface ChartOptions {
  /** The width before the chart is laid out; then it takes the width it has. */
  width?: number;
  height?: number;
  className?: string;
  xLabel?: string;
  yLabel?: string;
  /** The chart holds a control (a draggable point): a group, not an image. */
  interactive?: boolean;
}

type YScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

const MARGIN = { top: 12, right: 16, bottom: 40, left: 62 };
const MIN_WIDTH = 220;

/**
 * The chart is drawn at the width it has, in CSS pixels, so its text keeps
 * its size at every width: when that width changes, it lays out its axes
 * again and tells its owner (onResize), who draws the data again.
 */
export class Chart {
  readonly element: SVGSVGElement;
  width: number;
  height: number;
  /** The height asked for; a stylesheet may ask for another with --chart-height (presenter mode). */
  private baseHeight: number;
  x: ScaleLinear<number, number> = scaleLinear();
  y: YScale = scaleLinear();
  private xAxis = s('g', { class: 'axis x-axis' });
  private yAxis = s('g', { class: 'axis y-axis' });
  private xTitle = s('text', { class: 'axis-title', 'text-anchor': 'middle' });
  private yTitle = s('text', { class: 'axis-title', 'text-anchor': 'middle' });
  private title = s('title');
  readonly plot = s('g', { class: 'plot' });
  private zero = s('line', { class: 'zero-line' });
  private clip = s('rect');
  private logY = false;
  private hasDomains = false;
  /** The left margin: MARGIN.left, or wider when the y axis's labels need it (1e+280). */
  private left = MARGIN.left;
  private listeners: (() => void)[] = [];

  constructor(options: ChartOptions = {}) {
    this.width = options.width ?? 420;
    this.height = options.height ?? 240;
    this.baseHeight = this.height;
    const clipId = `clip-${Math.random().toString(36).slice(2)}`;
    this.plot.setAttribute('clip-path', `url(#${clipId})`);
    this.element = s(
      'svg',
      { class: `chart ${options.className ?? ''}`, role: options.interactive ? 'group' : 'img' },
      this.title,
      s('defs', {}, s('clipPath', { id: clipId }, this.clip)),
      this.zero,
      this.xAxis,
      this.yAxis,
      this.xTitle,
      this.yTitle,
      this.plot,
    );
    this.layout(this.width);
    this.labels(options.xLabel ?? '', options.yLabel ?? '');
    new ResizeObserver(() => {
      const width = this.element.clientWidth;
      if (width > 0 && (Math.abs(Math.max(MIN_WIDTH, width) - this.width) > 0.5 || this.cssHeight() !== this.height)) {
        this.layout(width);
        if (this.hasDomains) this.drawAxes();
        for (const listener of this.listeners) listener();
      }
    }).observe(this.element);
  }

  /** Calls listener after the chart laid itself out for a new width: draw the data again. */
  onResize(listener: () => void): void {
    this.listeners.push(listener);
  }

  private cssHeight(): number {
    const asked = Number.parseFloat(getComputedStyle(this.element).getPropertyValue('--chart-height'));
    return asked > 0 ? asked : this.baseHeight;
  }

  private layout(width: number): void {
    this.width = Math.max(MIN_WIDTH, width);
    if (this.element.isConnected) this.height = this.cssHeight();
    const { top, right, bottom } = MARGIN;
    const left = this.left;
    this.element.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
    this.x.range([left, this.width - right]);
    this.y.range([this.height - bottom, top]);
    this.xTitle.setAttribute('x', String((left + this.width - right) / 2));
    this.xTitle.setAttribute('y', String(this.height - 4));
    this.yTitle.setAttribute('transform', `translate(15, ${(top + this.height - bottom) / 2}) rotate(-90)`);
    this.xAxis.setAttribute('transform', `translate(0, ${this.height - bottom})`);
    this.yAxis.setAttribute('transform', `translate(${left}, 0)`);
    for (const [name, value] of Object.entries({ x: left, y: top, width: this.width - left - right, height: this.height - top - bottom })) {
      this.clip.setAttribute(name, String(value));
    }
  }

  labels(xLabel: string, yLabel: string, description = ''): void {
    this.xTitle.textContent = xLabel;
    this.yTitle.textContent = yLabel;
    this.title.textContent = description || `${yLabel} / ${xLabel}`;
  }

  /** Sets the domains and redraws the axes. A log y scale needs a positive domain. */
  domains(x: [number, number], y: [number, number], logY = false): void {
    const yRange = this.y.range();
    this.x.domain(x);
    this.y = logY ? scaleLog().domain(y).range(yRange).clamp(true) : scaleLinear().domain(y).range(yRange);
    this.logY = logY;
    this.hasDomains = true;
    this.drawAxes();
  }

  private drawAxes(): void {
    // About one tick per 80 px, so their labels never crowd.
    const ticks = Math.max(3, Math.min(8, Math.round((this.width - this.left - MARGIN.right) / 80)));
    select(this.xAxis).call(axisBottom(this.x).ticks(ticks));
    // About one y tick per 25 px of height, five at most.
    const yTicks = Math.max(2, Math.min(5, Math.round((this.height - MARGIN.top - MARGIN.bottom) / 25)));
    const yAxis = () => (this.logY ? axisLeft(this.y).ticks(Math.min(4, yTicks), '.0e') : axisLeft(this.y as ScaleLinear<number, number>).ticks(yTicks));
    select(this.yAxis).call(yAxis());
    // Room for the widest label, its tick and the axis's title beside it.
    const widest = Math.max(0, ...Array.from(this.yAxis.querySelectorAll('text'), (t) => t.getComputedTextLength()));
    const left = Math.max(MARGIN.left, Math.ceil(widest + 9 + 34));
    if (left !== this.left) {
      this.left = left;
      this.layout(this.width);
      select(this.xAxis).call(axisBottom(this.x).ticks(ticks));
      select(this.yAxis).call(yAxis());
    }
    const [y0, y1] = this.y.domain();
    const showZero = !this.logY && y0 < 0 && y1 > 0;
    this.zero.setAttribute('display', showZero ? 'inline' : 'none');
    if (showZero) {
      this.zero.setAttribute('x1', String(this.left));
      this.zero.setAttribute('x2', String(this.width - MARGIN.right));
      this.zero.setAttribute('y1', String(this.y(0)));
      this.zero.setAttribute('y2', String(this.y(0)));
    }
  }

  /**
   * The d attribute of a line through the points (x[i], y[i]) that can be
   * drawn (finite; positive on a log scale), decimated to what the chart's
   * width can show: a series of any length, in a path of a few thousand points.
   */
  path(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
    const log = 'base' in this.y;
    const points = decimate(xs, ys, Math.max(1, Math.round(this.width - this.left - MARGIN.right)), (v) => !log || v > 0);
    return (
      line<[number, number]>()
        .x((p) => this.x(p[0]))
        .y((p) => this.y(p[1]))(points) ?? ''
    );
  }

  /** Chart coordinates of a pointer event, in data units. */
  invert(event: PointerEvent): [number, number] {
    const local = svgPoint(this.element, event);
    return [this.x.invert(local.x), this.y.invert(local.y)];
  }
}

// The series helpers live apart (no d3), so a page that only thins a series
// need not load the charts; they are exported here too.
export { decimate, extent, finiteRange } from './series';
