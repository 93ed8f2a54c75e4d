// Training runs: the core trains in chunks, each sized to take about 15 ms,
// with the page free in between (no frame blocked); each run's loss curve is
// overlaid on one chart, on a log scale if asked. A run with zero_grad() and
// one without are compared in a note under the chart (the core compares them).
import { Chart, extent } from '../shared/chart';
import type { BackpropCore, LoopError, RunComparison, StopReason, TrainingSpec } from '../shared/core-types';
import { h, s } from '../shared/dom';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';

export interface RunRecord {
  /** In the current language. */
  label: () => string;
  E: number[];
  divergedAt: number | null;
  /** Why it stopped (the core's reason), with divergedAt. */
  stopReason?: StopReason | null;
  outputs: Float64Array | null;
  /** Where PyTorch stopped the loop (a bug of the bug lab), or null. */
  error?: LoopError | null;
}

/** The correct loop (a) beside a buggy one (b), as the core compared them. */
export interface BugComparison {
  comparison: RunComparison;
  /** The buggy run's losses. */
  buggy: number[];
  error: LoopError | null;
}

/** Two runs of one setup, with zero_grad() (a) and without (b), as the core compared them. */
export interface ZeroGradComparison {
  comparison: RunComparison;
  /** The run without zero_grad()'s losses. */
  without: number[];
  /** The last iteration both ran. */
  iterations: number;
  /** Sigmoid outputs under a loss whose gradient carries their slope: why it saturates applies. */
  saturates: boolean;
}

const COLOURS = ['#0b5cad', '#c4162a', '#1a7f37', '#7b3fb2', '#b35900', '#1b1f24'];
const DASHES = ['', '8 4', '2 3', '10 3 2 3', '4 4', '1 2'];
const TARGET_MS = 15;

/** Trains `iterations` iterations in chunks; resolves with the run. */
export async function trainInChunks(
  core: BackpropCore,
  spec: TrainingSpec,
  iterations: number,
  progress: (done: number) => void,
  cancelled: () => boolean,
): Promise<{ E: number[]; divergedAt: number | null; stopReason: StopReason | null; outputs: Float64Array | null; error: LoopError | null; longestMs: number; totalMs: number }> {
  const E: number[] = [];
  let state = spec.state ?? null;
  let network = spec.network;
  let done = 0;
  let chunk = 200;
  let longest = 0;
  let divergedAt: number | null = null;
  let stopReason: StopReason | null = null;
  let outputs: Float64Array | null = null;
  let error: LoopError | null = null;
  const began = performance.now();
  while (done < iterations && !cancelled()) {
    const n = Math.min(chunk, iterations - done);
    const start = performance.now();
    const r = core.trainingRun({ ...spec, network, state, iterations: n });
    const elapsed = performance.now() - start;
    longest = Math.max(longest, elapsed);
    // Each chunk repeats the loss it starts from: keep it once.
    for (let i = E.length ? 1 : 0; i < r.E_total.length; i++) E.push(r.E_total[i]);
    network = r.network;
    state = r.state;
    outputs = r.outputs[0] ?? null;
    done += n;
    progress(done);
    if (r.error) {
      // PyTorch stops the loop with a RuntimeError: nothing more runs.
      error = r.error;
      break;
    }
    if (r.diverged_at !== null) {
      divergedAt = r.diverged_at;
      stopReason = r.stop_reason;
      break;
    }
    // Aim each chunk at about 15 ms of work, growing at most twofold: while
    // the engine is still optimising the code, one fast chunk says little.
    chunk = Math.max(10, Math.min(2 * n, 50000, Math.round((n * TARGET_MS) / Math.max(0.5, elapsed))));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { E, divergedAt, stopReason, outputs, error, longestMs: longest, totalMs: performance.now() - began };
}

export class RunChart {
  readonly element: HTMLElement;
  private chart = new Chart({ width: 640, height: 300, className: 'run-chart' });
  private lines = s('g', { class: 'runs' });
  private legend = h('ul', { class: 'legend', id: 'run-legend' });
  private log = h('input', { type: 'checkbox', id: 'log-scale', checked: true });
  private note = h('div', { class: 'note', id: 'zero-grad-note', 'aria-live': 'polite' });
  runs: RunRecord[] = [];
  private comparison: ZeroGradComparison | null = null;
  private bugComparison: BugComparison | null = null;

  constructor(private readonly t: Translate) {
    this.chart.plot.append(this.lines);
    this.chart.onResize(() => this.render());
    this.log.addEventListener('change', () => this.render());
    this.element = h(
      'div',
      { class: 'run-chart-box', id: 'run-chart' },
      this.chart.element,
      h('div', { class: 'chart-options' }, this.log, h('label', { for: 'log-scale', 'data-i18n': 'training.log_scale' }, this.t('training.log_scale')), h('button', { type: 'button', id: 'clear-runs', onclick: () => this.clear(), 'data-i18n': 'training.clear_runs' }, this.t('training.clear_runs'))),
      this.legend,
      this.note,
    );
  }

  /** Adds a run; a comparison shown before is about earlier runs, and goes. */
  add(run: RunRecord): void {
    this.runs.push(run);
    this.comparison = null;
    this.bugComparison = null;
    this.render();
  }

  /** Says how the last two runs, with and without zero_grad(), compare. */
  compare(comparison: ZeroGradComparison): void {
    this.comparison = comparison;
    this.render();
  }

  /** Says how the last two runs, the correct loop and a buggy one, compare. */
  compareBug(comparison: BugComparison): void {
    this.bugComparison = comparison;
    this.render();
  }

  clear(): void {
    this.runs = [];
    this.comparison = null;
    this.bugComparison = null;
    this.render();
  }

  render(): void {
    const log = this.log.checked;
    const all = this.runs.flatMap((r) => r.E).filter((v) => Number.isFinite(v) && (!log || v > 0));
    const longest = Math.max(1, ...this.runs.map((r) => r.E.length - 1));
    const [lo, hi] = all.length ? extent(all, 0) : [1e-3, 1];
    this.chart.domains([0, longest], log ? [Math.max(lo * 0.8, 1e-300), hi * 1.25] : [Math.min(0, lo), hi * 1.05], log);
    this.chart.labels(this.t('training.axis_iteration'), this.t(log ? 'training.axis_loss_log' : 'training.axis_loss'), this.t('training.chart_alt'));
    this.lines.replaceChildren(
      ...this.runs.map((r, i) => {
        // At most ~1,000 points a curve: every k-th iteration.
        const step = Math.max(1, Math.floor(r.E.length / 1000));
        const xs: number[] = [];
        const ys: number[] = [];
        for (let k = 0; k < r.E.length; k += step) {
          xs.push(k);
          ys.push(r.E[k]);
        }
        xs.push(r.E.length - 1);
        ys.push(r.E[r.E.length - 1]);
        return s('path', { class: 'curve', d: this.chart.path(xs, ys), stroke: COLOURS[i % COLOURS.length], 'stroke-dasharray': DASHES[i % DASHES.length] || null, 'data-run': i });
      }),
    );
    this.legend.replaceChildren(
      ...this.runs.map((r, i) =>
        h(
          'li',
          { 'data-final-e': exact(r.E[r.E.length - 1]) },
          s('svg', { viewBox: '0 0 30 10', width: 30, height: 10, 'aria-hidden': 'true' }, s('line', { x1: 0, y1: 5, x2: 30, y2: 5, stroke: COLOURS[i % COLOURS.length], 'stroke-width': 3, 'stroke-dasharray': DASHES[i % DASHES.length] || null })),
          ` ${r.label()}: `,
          this.t('training.run_result', { n: r.E.length - 1, E: exact(r.E[r.E.length - 1]) }),
          r.outputs ? ` — ${this.t('training.outputs', { values: Array.from(r.outputs, (v) => exact(v)).join(', ') })}` : '',
          r.divergedAt !== null ? ` — ${this.t(`stop.${r.stopReason ?? 'diverged'}`, { step: r.divergedAt })}` : '',
          r.error ? ` — ${this.t('buglab.run_stopped', { n: r.error.iteration })}` : '',
        ),
      ),
    );
    this.renderNote();
    const last = this.runs[this.runs.length - 1];
    if (last) this.element.dataset.finalE = exact(last.E[last.E.length - 1]);
    else delete this.element.dataset.finalE;
    this.element.dataset.runs = String(this.runs.length);
  }

  /** The buggy run against the correct one: PyTorch's error, or where its loss stops changing, and which is lower. */
  private renderBugNote(c: BugComparison): void {
    this.note.hidden = false;
    const parts: HTMLElement[] = [];
    if (c.error) {
      parts.push(h('p', {}, this.t('buglab.note_error', { n: c.error.iteration })), h('pre', { class: 'torch-error' }, `RuntimeError: ${c.error.message}`));
    } else {
      const { a_below_from: below, b_constant_from: stuck } = c.comparison;
      if (stuck !== null) parts.push(h('p', {}, this.t(stuck === 0 ? 'buglab.note_flat' : 'buglab.note_stuck', { n: stuck, E: exact(c.buggy[stuck]) })));
      parts.push(h('p', {}, below !== null ? this.t('buglab.note_below', { n: below }) : this.t('buglab.note_not_below')));
    }
    this.note.replaceChildren(...parts);
    this.note.dataset.stuckFrom = c.error ? '' : String(c.comparison.b_constant_from ?? '');
    this.note.dataset.belowFrom = c.error ? '' : String(c.comparison.a_below_from ?? '');
    this.note.dataset.error = c.error ? c.error.line : '';
  }

  private renderNote(): void {
    if (this.bugComparison) {
      this.renderBugNote(this.bugComparison);
      return;
    }
    const c = this.comparison;
    this.note.hidden = !c;
    if (!c) {
      this.note.replaceChildren();
      for (const key of ['stuckFrom', 'belowFrom', 'error']) delete this.note.dataset[key];
      return;
    }
    const { a_below_from: below, b_constant_from: stuck } = c.comparison;
    const points: string[] = [];
    if (stuck !== null) points.push(this.t(c.saturates ? 'training.compare_stuck_why' : 'training.compare_stuck', { n: stuck, E: exact(c.without[stuck]) }));
    points.push(below !== null ? this.t('training.compare_below', { n: below }) : this.t('training.compare_not_below', { n: c.iterations }));
    this.note.replaceChildren(...points.map((text) => h('p', {}, text)));
    this.note.dataset.stuckFrom = stuck === null ? '' : String(stuck);
    this.note.dataset.belowFrom = below === null ? '' : String(below);
  }
}

export function shortLabel(t: Translate, kind: string, lr: string): string {
  return `${t(`race.name.${kind}`)}, η = ${lr}`;
}
