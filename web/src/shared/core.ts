// Loads the wasm core's modules, each once for the whole page. Each widget
// has a module of its own, holding only its calls (wasm/bindings.cpp,
// BP_MODULE), so a page downloads what its widgets use: a widget's page
// loads one module, a tutorial or the deck one per kind of widget it shows.
// What a page needs only on demand is loaded when first used: the
// playground's chain asks the stepper's module for its trace, its files (the
// weights file, the PyTorch script) are a module of their own, and so are the
// exercises' checks. The one-file copy resolves every module to the whole
// one (vite.single.config.ts), which is then instantiated once.
import { type CoreBindings, wrapCore } from './core-boundary';
import type { BackpropCore } from './core-types';
import type { WidgetId } from './widget';

export type ModuleName = 'stepper' | 'losses' | 'race' | 'training' | 'playground' | 'playground_files' | 'exercise';

type Factory = () => Promise<CoreBindings>;
const modules: Record<ModuleName, () => Promise<{ default: Factory }>> = {
  stepper: () => import('../generated/backprop_stepper.js'),
  losses: () => import('../generated/backprop_losses.js'),
  race: () => import('../generated/backprop_race.js'),
  training: () => import('../generated/backprop_training.js'),
  playground: () => import('../generated/backprop_playground.js'),
  playground_files: () => import('../generated/backprop_playground_files.js'),
  exercise: () => import('../generated/backprop_exercise.js'),
};

/** Each widget's own module. */
const widgetModules: Record<WidgetId, ModuleName> = {
  stepper: 'stepper',
  losses: 'losses',
  optimizers: 'race',
  training: 'training',
  playground: 'playground',
};

/** The instances, by module and by factory (the one-file copy's modules are one factory). */
const byName = new Map<ModuleName, Promise<BackpropCore>>();
const byFactory = new Map<Factory, Promise<BackpropCore>>();

/** Module `name`, loaded and instantiated on first use. */
export function loadModule(name: ModuleName): Promise<BackpropCore> {
  let instance = byName.get(name);
  if (!instance) {
    instance = modules[name]().then(({ default: create }) => {
      let made = byFactory.get(create);
      if (!made) {
        made = create().then(wrapCore);
        byFactory.set(create, made);
        made.catch(() => byFactory.delete(create));
      }
      return made;
    });
    byName.set(name, instance);
    // A module that failed to load may be asked again (a flaky network).
    instance.catch(() => byName.delete(name));
  }
  return instance;
}

/** The module of widget `id`. */
export function loadCore(id: WidgetId): Promise<BackpropCore> {
  return loadModule(widgetModules[id]);
}

/** The exercises' checks: the stepper's exercise mode and the tutorials' exercises. */
export function loadExerciseCore(): Promise<BackpropCore> {
  return loadModule('exercise');
}
