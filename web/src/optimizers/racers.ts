// The racers: their settings as the student edits them (text, as typed; the
// core validates), and how each is drawn (colour and marker, so they stay
// apart without colour too). Five optimizers, and momentum twice: in the
// lesson's form and in PyTorch's, which the narrow valley compares.
import type { BackpropCore, OptimizerSpec } from '../shared/core-types';

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

/**
 * Each racer's settings and PyTorch's defaults, as text: from the core's
 * table (core.optimizers()), filled by useCatalog before a widget mounts, so
 * no setting or default is written twice.
 */
export const settings = {} as Record<RacerId, Setting[]>;
const defaultValues = {} as Record<RacerId, Record<string, string>>;

export function useCatalog(core: Pick<BackpropCore, 'optimizers'>): void {
  if (Object.keys(settings).length) return;
  for (const o of core.optimizers()) {
    const forms: [RacerId, 'ewa' | 'pytorch' | null][] = o.name === 'momentum' ? [['momentum', null], ['momentum_pytorch', 'pytorch']] : [[o.name, null]];
    for (const [id, form] of forms) {
      const list: Setting[] = [];
      const values: Record<string, string> = {};
      for (const s of o.settings) {
        if (form && (s.type === 'form' || (s.form && s.form !== form))) continue;
        values[s.key] = String(s.default);
        const only = s.form;
        list.push({
          key: s.key,
          label: `race.setting.${s.key}`,
          kind: s.type === 'boolean' ? 'boolean' : s.type === 'form' ? 'form' : 'number',
          ...(only && !form ? { when: (v: Record<string, string>) => (v.form === 'pytorch' ? 'pytorch' : 'ewa') === only } : {}),
        });
      }
      // The form first: it decides which settings follow.
      list.sort((x, y) => Number(y.kind === 'form') - Number(x.kind === 'form'));
      settings[id] = list;
      defaultValues[id] = values;
    }
  }
}

/** PyTorch's defaults, as text; the learning rate comes from the surface. */
export function defaults(id: RacerId): Record<string, string> {
  return { ...defaultValues[id] };
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
