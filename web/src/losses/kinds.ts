// The losses the explorer shows, and what each one's curve sweeps.
import type { LossKind } from '../shared/core-types';

export const kinds: LossKind[] = ['mse', 'mae', 'smooth_l1', 'bce', 'bce_logits', 'ce'];

export interface KindSetup {
  /** The prediction axis: its label (a message key) and its range. */
  axis: string;
  /** The gradient axis's label: what the gradient is taken with respect to. */
  gradAxis: string;
  from: number;
  to: number;
  /** Defaults for the fields. */
  target: string;
  prediction: string;
  /** Which demo goes with it. */
  demo: 'outlier' | 'stability' | 'softmax';
}

export const setups: Record<LossKind, KindSetup> = {
  mse: { axis: 'losses.axis_prediction', gradAxis: 'losses.axis_gradient', from: -3, to: 3, target: '0', prediction: '1.5', demo: 'outlier' },
  mae: { axis: 'losses.axis_prediction', gradAxis: 'losses.axis_gradient', from: -3, to: 3, target: '0', prediction: '1.5', demo: 'outlier' },
  smooth_l1: { axis: 'losses.axis_prediction', gradAxis: 'losses.axis_gradient', from: -3, to: 3, target: '0', prediction: '1.5', demo: 'outlier' },
  huber: { axis: 'losses.axis_prediction', gradAxis: 'losses.axis_gradient', from: -3, to: 3, target: '0', prediction: '1.5', demo: 'outlier' },
  bce: { axis: 'losses.axis_probability', gradAxis: 'losses.axis_gradient_probability', from: 0.001, to: 0.999, target: '1', prediction: '0.3', demo: 'stability' },
  bce_logits: { axis: 'losses.axis_logit', gradAxis: 'losses.axis_gradient_logit', from: -8, to: 8, target: '1', prediction: '-1', demo: 'stability' },
  ce: { axis: 'losses.axis_logit_k', gradAxis: 'losses.axis_gradient_logit_k', from: -6, to: 6, target: '0', prediction: '2', demo: 'softmax' },
};
