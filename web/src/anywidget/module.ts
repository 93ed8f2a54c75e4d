// A widget as an anywidget ES module (https://anywidget.dev/en/afm/): a
// Jupyter notebook, or a MyST / Jupyter Book 2 page with the {anywidget}
// directive, imports anywidget/<widget>.js and calls its render({ model, el }).
//
// The model's `state` trait is the widget's state as its address writes it
// (what Share puts in a link, without the #): "term=dE_total/dw5&w5=0.5".
// An object ({"term": "dE_total/dw5"}) is read too. The widget shows it,
// and writes its state back (model.set + save_changes) whenever the student
// changes it; a new value from the kernel is applied when it comes.
//
// Everything it loads (its code, the core's wasm, the catalogs, KaTeX's
// fonts) is found relative to this module, so it runs from any origin that
// serves the site with CORS headers.
import { defineWidget, type WidgetElement } from '../shared/element';
import { formatHash, readHash } from '../shared/hash';
import { setLinker, widgetDef } from '../shared/registry';
import type { State, WidgetId } from '../shared/widget';

/** What anywidget's front end (and MyST's) hands render(): the model's part we use. */
export interface AnyModel {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save_changes(): void;
  on(event: string, callback: () => void): void;
  off(event?: string | null, callback?: (() => void) | null): void;
}

export interface AnyWidget {
  initialize?(props: { model: AnyModel }): void | (() => void);
  render(props: { model: AnyModel; el: HTMLElement }): () => void;
}

// Links between widgets go to the site this module came from (anywidget/ is one folder down).
const site = new URL(/* @vite-ignore */ '../', import.meta.url);
setLinker((id, state) => new URL(`${widgetDef(id).page}${formatHash(state)}`, site).href);

/** The trait's value as a state: "a=1&b=2" (or "#a=1&b=2"), or {a: "1", b: 2}. */
export function traitState(value: unknown): State {
  if (typeof value === 'string') return readHash(value.startsWith('#') ? value : `#${value}`);
  if (value && typeof value === 'object') return new Map(Object.entries(value).map(([k, v]) => [k, String(v)]));
  return new Map();
}

/** The state as the trait keeps it: the address's form without the #. */
export function stateTrait(state: State): string {
  return formatHash(state).replace(/^#/, '');
}

/** A state's pairs in one order: two traits that differ only in their order are the same state. */
function same(state: State): string {
  return stateTrait(new Map([...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** The anywidget module of one widget. */
export function anywidget(id: WidgetId): AnyWidget {
  return {
    render({ model, el }) {
      const def = widgetDef(id);
      defineWidget(def);
      const element = document.createElement(def.tag) as WidgetElement;
      // The trait as last seen or written, in the widget's own form: a change that differs is the kernel's.
      let last = same(traitState(model.get('state')));
      element.apply(traitState(model.get('state')));
      const changed = () => {
        const state = element.state;
        if (same(state) === last) return;
        last = same(state);
        model.set('state', stateTrait(state));
        try {
          model.save_changes();
        } catch {
          // A host without a kernel (MyST's) may not save: the widget goes on.
        }
      };
      const received = () => {
        const state = traitState(model.get('state'));
        if (same(state) === last) return;
        last = same(state);
        element.apply(state);
      };
      element.addEventListener('statechange', changed);
      model.on('change:state', received);
      el.append(element);
      return () => {
        model.off('change:state', received);
        element.removeEventListener('statechange', changed);
        element.remove();
      };
    },
  };
}
