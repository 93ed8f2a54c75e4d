// "Why did it blow up?": the rule that stops a run whose loss keeps above
// where it started, and the core's numbers that say why a run stopped.
// Nothing here computes a derivative: the curvature, the saturation, the
// gradient's norm and the step's length are the core's (trainingDiagnosis).
import type { BackpropCore, Config, Diagnosis, Examples, OptimizerSpec, TrainingState } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';

/** Epochs in a row whose training loss is above the untrained network's: then the run stops. */
export const PATIENCE = 10;
/** A diagnosis names saturation when at least this share of the sigmoid and tanh outputs sit at their limits. */
const SATURATED = 0.1;
/** The gradient's norm "grew" when it became at least this many times as large… */
const GRADIENT_GREW = 10;
/** …and "vanished" when it fell to this share of itself or less. */
const GRADIENT_VANISHED = 1e-3;
/** A step this many times plain descent's η‖g‖ is named. */
const LONG_STEP = 1.5;

/** A state the run can go back to. */
export interface Snapshot {
  epoch: number;
  /** The training loss there. */
  E: number;
  E_test: number | null;
  network: Config;
  state: TrainingState | null;
}

/**
 * Watches the training loss epoch by epoch: it keeps the untrained
 * network's loss and the state with the lowest loss so far, and says stop
 * when the loss has stayed above the untrained network's for PATIENCE
 * epochs in a row (a step too large has thrown the network onto a wall
 * of the valley, or saturated its units, and it does not come back).
 */
export class LossWatch {
  /** The untrained network's training loss, once known. */
  start: number | null = null;
  best: Snapshot | null = null;
  /** Epochs in a row above the start. */
  above = 0;

  reset(): void {
    this.start = null;
    this.best = null;
    this.above = 0;
  }

  /** The untrained network: its loss and state (epoch 0). */
  begin(snapshot: Snapshot): void {
    this.start = snapshot.E;
    this.best = snapshot;
    this.above = 0;
  }

  /** The run went back to its best state: the count starts again. */
  restart(): void {
    this.above = 0;
  }

  /** After an epoch: true when the run should stop. */
  add(snapshot: Snapshot): boolean {
    if (this.start === null || !Number.isFinite(snapshot.E)) return false;
    if (this.best === null || snapshot.E < this.best.E) this.best = snapshot;
    this.above = snapshot.E > this.start ? this.above + 1 : 0;
    return this.above >= PATIENCE;
  }
}

/** The core's numbers at the run's best state and where it stopped. */
export interface Explanation {
  lr: string;
  /** The optimizer's name as the page shows it (a catalog key). */
  optimizer: string;
  bestEpoch: number;
  stopEpoch: number;
  good: Diagnosis | null;
  bad: Diagnosis | null;
}

/** What to ask the core, for a state. */
export interface DiagnosisInput {
  network: Config;
  state: TrainingState | null;
  optimizer: OptimizerSpec;
  data: Examples;
  l1: string;
  l2: string;
}

/** The core's diagnosis at a state, or null when it cannot make one. */
export function diagnose(core: BackpropCore, at: DiagnosisInput): Diagnosis | null {
  try {
    return core.trainingDiagnosis({ network: at.network, state: at.state, optimizer: at.optimizer, data: at.data, l1: at.l1, l2: at.l2 });
  } catch (e) {
    if (!isCoreError(e)) throw e;
    return null;
  }
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** Each reason the numbers give, as a catalog key and its parameters; the part of the page that shows them names each by data-why. */
export function reasons(x: Explanation): { key: string; params: Record<string, string | number> }[] {
  const out: { key: string; params: Record<string, string | number> }[] = [];
  const { good, bad } = x;
  const lr = Number(x.lr);
  if (good && finite(good.largest_curvature) && good.stable_lr !== null && finite(good.stable_lr)) {
    out.push({
      key: lr > good.stable_lr ? 'playground.why.curvature_above' : 'playground.why.curvature_below',
      params: { epoch: x.bestEpoch, lambda: short(good.largest_curvature, 3), stable: short(good.stable_lr, 3), lr: x.lr },
    });
  }
  if (good && x.optimizer !== 'sgd' && finite(good.overshoot) && good.overshoot > 1) {
    out.push({ key: 'playground.why.overshoot', params: { epoch: x.bestEpoch, times: short(good.overshoot, 3) } });
  }
  if (bad && bad.saturated_share !== null && bad.saturated_share >= SATURATED) {
    out.push({
      key: 'playground.why.saturated',
      params: { epoch: x.stopEpoch, percent: short(100 * bad.saturated_share, 3), n: bad.saturated, of: bad.saturated_of },
    });
  }
  // Hidden ReLUs whose net is at most 0 on every training point: no gradient reaches their weights again.
  if (bad && finite(bad.dead_relu_share) && bad.dead_relu > 0) {
    out.push({
      key: 'playground.why.dead_relu',
      params: { epoch: x.stopEpoch, percent: short(100 * bad.dead_relu_share, 3), n: bad.dead_relu, of: bad.relu_units },
    });
  }
  if (good && bad && finite(good.gradient_norm) && finite(bad.gradient_norm) && good.gradient_norm > 0) {
    const ratio = bad.gradient_norm / good.gradient_norm;
    const params = { from: short(good.gradient_norm, 3), to: short(bad.gradient_norm, 3), best: x.bestEpoch, epoch: x.stopEpoch };
    if (ratio >= GRADIENT_GREW) out.push({ key: 'playground.why.gradient_grew', params });
    else if (ratio <= GRADIENT_VANISHED) out.push({ key: 'playground.why.gradient_vanished', params });
  }
  if (bad && finite(bad.momentum_factor) && bad.momentum_factor >= LONG_STEP) {
    out.push({ key: 'playground.why.long_step', params: { epoch: x.stopEpoch, times: short(bad.momentum_factor, 3), optimizer: x.optimizer } });
  }
  return out;
}

/** The reasons as a list, in the page's language. */
export function explanationList(x: Explanation, t: Translate): HTMLElement | null {
  const list = reasons(x);
  if (!list.length) return null;
  return h(
    'div',
    { class: 'pg-why', id: 'pg-why' },
    h('p', { class: 'pg-why-title' }, t('playground.why.title')),
    h(
      'ul',
      {},
      ...list.map((r) => h('li', { 'data-why': r.key.slice('playground.why.'.length) }, t(r.key, { ...r.params, optimizer: t(`race.name.${x.optimizer}`) }))),
    ),
  );
}
