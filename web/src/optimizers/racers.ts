// The racers: their settings as the student edits them (text, as typed; the
// core validates), and how each is drawn (colour and marker, so they stay
// apart without colour too). Five optimizers, and momentum twice: in the
// lesson's form and in PyTorch's, which the narrow valley compares.
import type { OptimizerSpec } from '../shared/core-types';

export type OptimizerKind = OptimizerSpec['kind'];
/** The optimizers, as the training loop offers them. */
export const kinds: OptimizerKind[] = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'];

export type RacerId = OptimizerKind | 'momentum_pytorch';
export const racerIds: RacerId[] = ['sgd', 'momentum', 'momentum_pytorch', 'adagrad', 'rmsprop', 'adam'];

/** The optimizer a racer runs: momentum_pytorch is momentum in PyTorch's form. */
export function kindOf(id: RacerId): OptimizerKind {
  return id === 'momentum_pytorch' ? 'momentum' : id;
}

/** The racers a surface starts with: both momentum forms where the narrow valley compares them. */
export function lineup(surface: string): RacerId[] {
  return surface === 'ill_conditioned' ? [...racerIds] : racerIds.filter((id) => id !== 'momentum_pytorch');
}

export interface Setting {
  key: string; // the core's name
  label: string; // message key
  kind: 'number' | 'boolean' | 'form';
  /** Shown only for some forms of the optimizer. */
  when?: (values: Record<string, string>) => boolean;
}

const lessonForm = (v: Record<string, string>) => v.form !== 'pytorch';
const pytorchForm = (v: Record<string, string>) => v.form === 'pytorch';

export const settings: Record<RacerId, Setting[]> = {
  sgd: [
    { key: 'lr', label: 'race.setting.lr', kind: 'number' },
    { key: 'weight_decay', label: 'race.setting.weight_decay', kind: 'number' },
  ],
  momentum: [
    { key: 'form', label: 'race.setting.form', kind: 'form' },
    { key: 'lr', label: 'race.setting.lr', kind: 'number' },
    { key: 'beta', label: 'race.setting.beta', kind: 'number', when: lessonForm },
    { key: 'momentum', label: 'race.setting.momentum', kind: 'number', when: pytorchForm },
    { key: 'dampening', label: 'race.setting.dampening', kind: 'number', when: pytorchForm },
    { key: 'nesterov', label: 'race.setting.nesterov', kind: 'boolean', when: pytorchForm },
  ],
  momentum_pytorch: [
    { key: 'lr', label: 'race.setting.lr', kind: 'number' },
    { key: 'momentum', label: 'race.setting.momentum', kind: 'number' },
    { key: 'dampening', label: 'race.setting.dampening', kind: 'number' },
    { key: 'nesterov', label: 'race.setting.nesterov', kind: 'boolean' },
  ],
  adagrad: [
    { key: 'lr', label: 'race.setting.lr', kind: 'number' },
    { key: 'lr_decay', label: 'race.setting.lr_decay', kind: 'number' },
    { key: 'initial_accumulator', label: 'race.setting.initial_accumulator', kind: 'number' },
    { key: 'eps', label: 'race.setting.eps', kind: 'number' },
  ],
  rmsprop: [
    { key: 'lr', label: 'race.setting.lr', kind: 'number' },
    { key: 'alpha', label: 'race.setting.alpha', kind: 'number' },
    { key: 'eps', label: 'race.setting.eps', kind: 'number' },
    { key: 'centered', label: 'race.setting.centered', kind: 'boolean' },
    { key: 'momentum', label: 'race.setting.momentum', kind: 'number' },
  ],
  adam: [
    { key: 'lr', label: 'race.setting.lr', kind: 'number' },
    { key: 'beta1', label: 'race.setting.beta1', kind: 'number' },
    { key: 'beta2', label: 'race.setting.beta2', kind: 'number' },
    { key: 'eps', label: 'race.setting.eps', kind: 'number' },
    { key: 'bias_correction', label: 'race.setting.bias_correction', kind: 'boolean' },
    { key: 'amsgrad', label: 'race.setting.amsgrad', kind: 'boolean' },
    { key: 'decoupled', label: 'race.setting.decoupled', kind: 'boolean' },
    { key: 'weight_decay', label: 'race.setting.weight_decay', kind: 'number' },
  ],
};

/** PyTorch's defaults, as text; the learning rate comes from the surface. */
export function defaults(id: RacerId): Record<string, string> {
  switch (id) {
    case 'sgd':
      return { lr: '0.01', weight_decay: '0' };
    case 'momentum':
      return { form: 'ewa', lr: '0.01', beta: '0.9', momentum: '0.9', dampening: '0', nesterov: 'false' };
    case 'momentum_pytorch':
      return { lr: '0.01', momentum: '0.9', dampening: '0', nesterov: 'false' };
    case 'adagrad':
      return { lr: '0.01', lr_decay: '0', initial_accumulator: '0', eps: '1e-10' };
    case 'rmsprop':
      return { lr: '0.01', alpha: '0.99', eps: '1e-8', centered: 'false', momentum: '0' };
    case 'adam':
      return {
        lr: '0.001', beta1: '0.9', beta2: '0.999', eps: '1e-8', bias_correction: 'true', amsgrad: 'false',
        decoupled: 'false', weight_decay: '0',
      };
  }
}

/** The spec the core reads, from the settings as typed: those the current form shows. */
export function spec(id: RacerId, values: Record<string, string>): OptimizerSpec {
  const out: Record<string, unknown> = { id, kind: kindOf(id) };
  if (id === 'momentum_pytorch') out.form = 'pytorch';
  for (const s of settings[id]) {
    if (s.when && !s.when(values)) continue;
    const v = values[s.key];
    out[s.key] = s.kind === 'boolean' ? v === 'true' : v;
  }
  return out as unknown as OptimizerSpec;
}

/**
 * The settings as typed, in the form that shows `key`: an address may set
 * a setting of the form not chosen, and the core reads a setting only with
 * its own form, so it is checked in that form.
 */
export function showing(id: RacerId, values: Record<string, string>, key: string): Record<string, string> {
  const setting = settings[id].find((s) => s.key === key);
  if (!setting?.when || setting.when(values)) return values;
  return { ...values, form: values.form === 'pytorch' ? 'ewa' : 'pytorch' };
}

export const colours: Record<RacerId, string> = {
  sgd: '#1b1f24',
  momentum: '#b35900',
  momentum_pytorch: '#7f2704',
  adagrad: '#1a7f37',
  rmsprop: '#7b3fb2',
  adam: '#c4162a',
};

/** A marker path of radius about 6 around (0, 0). */
export const markers: Record<RacerId, string> = {
  sgd: 'M -6 0 A 6 6 0 1 0 6 0 A 6 6 0 1 0 -6 0 Z',
  momentum: 'M -5.5 -5.5 H 5.5 V 5.5 H -5.5 Z',
  // momentum's square, hollow
  momentum_pytorch: 'M -6 -6 H 6 V 6 H -6 Z M -2.5 -2.5 V 2.5 H 2.5 V -2.5 Z',
  adagrad: 'M 0 -7 L 6.5 5 L -6.5 5 Z',
  rmsprop: 'M 0 -7 L 7 0 L 0 7 L -7 0 Z',
  adam: 'M -6 -2 H -2 V -6 H 2 V -2 H 6 V 2 H 2 V 6 H -2 V 2 H -6 Z',
};

export const dashes: Record<RacerId, string> = {
  sgd: '',
  momentum: '8 4',
  momentum_pytorch: '6 2 2 2 2 2',
  adagrad: '2 3',
  rmsprop: '10 3 2 3',
  adam: '',
};
