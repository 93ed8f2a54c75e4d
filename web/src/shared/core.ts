// Loads the wasm core once for the whole page. A widget's own page (and its
// embed view) loads that widget's module, which holds only its calls
// (wasm/bindings.cpp, BP_MODULE) and so downloads less; a page with several
// widgets (the tutorials, the deck, the one-file copy) loads the whole module.
import { type CoreBindings, wrapCore } from './core-boundary';
import type { BackpropCore } from './core-types';
import type { WidgetId } from './widget';

export type ModuleName = 'full' | 'stepper' | 'losses' | 'race' | 'training' | 'playground';

type Factory = { default: () => Promise<CoreBindings> };
const modules: Record<ModuleName, () => Promise<Factory>> = {
  full: () => import('../generated/backprop_core.js'),
  stepper: () => import('../generated/backprop_stepper.js'),
  losses: () => import('../generated/backprop_losses.js'),
  race: () => import('../generated/backprop_race.js'),
  training: () => import('../generated/backprop_training.js'),
  playground: () => import('../generated/backprop_playground.js'),
};

/** Each widget's own module. */
const widgetModules: Record<WidgetId, ModuleName> = {
  stepper: 'stepper',
  losses: 'losses',
  optimizers: 'race',
  training: 'training',
  playground: 'playground',
};

let instance: Promise<BackpropCore> | undefined;
let module: ModuleName = 'full';

function load(name: ModuleName): Promise<BackpropCore> {
  return modules[name]()
    .then(({ default: create }) => create())
    .then(wrapCore);
}

/** The page shows only this widget: its own module will do. Call before any widget starts. */
export function useWidgetModule(id: WidgetId): void {
  if (!instance) module = widgetModules[id];
}

/** The stepper's page: its module starts loading before the page waits for its catalog (stepper/early.ts). */
export function useStepperModule(): void {
  useWidgetModule('stepper');
}

export function loadCore(): Promise<BackpropCore> {
  instance ??= load(module);
  return instance;
}

/**
 * The whole module, whichever the page loads first: the stepper's exercise
 * mode and the tutorials' exercises ask it for their checks.
 */
let full: Promise<BackpropCore> | undefined;
export function loadFullCore(): Promise<BackpropCore> {
  if (module === 'full') return loadCore();
  full ??= load('full');
  return full;
}
