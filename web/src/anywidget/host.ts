// A page that loads a widget's anywidget module the way anywidget's front
// end does (https://anywidget.dev/en/afm/): import the module, take its
// default export (or call it, if it is a function), initialize({ model }),
// then render({ model, el }), keeping what it returns to clean up. The
// model keeps its traits in this page: get, set, on/off('change:<trait>'),
// save_changes (counted). The address picks the module and the first state:
// anywidget.html?module=stepper&state=term%3DdE_total%2Fdw5
import siteCss from '../shared/site.css?inline';
import { adoptDocument } from '../shared/styles';
import type { AnyModel, AnyWidget } from './module';

adoptDocument(siteCss);

type Listener = () => void;

class Model implements AnyModel {
  saves = 0;
  private traits = new Map<string, unknown>();
  private listeners = new Map<string, Set<Listener>>();

  constructor(initial: Record<string, unknown>) {
    for (const [k, v] of Object.entries(initial)) this.traits.set(k, v);
  }

  get(name: string): unknown {
    return this.traits.get(name);
  }

  set(name: string, value: unknown): void {
    if (this.traits.get(name) === value) return;
    this.traits.set(name, value);
    for (const listener of this.listeners.get(`change:${name}`) ?? []) listener();
  }

  save_changes(): void {
    this.saves += 1;
    for (const listener of this.listeners.get('saved') ?? []) listener();
  }

  on(event: string, callback: Listener): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callback);
  }

  off(event?: string | null, callback?: Listener | null): void {
    if (!event) return this.listeners.clear();
    if (!callback) this.listeners.delete(event);
    else this.listeners.get(event)?.delete(callback);
  }
}

const params = new URLSearchParams(location.search);
const id = params.get('module') ?? 'stepper';
const url = new URL(`./anywidget/${encodeURIComponent(id)}.js`, location.href).href;
const model = new Model({ state: params.get('state') ?? '' });
const output = document.getElementById('output')!;
const shown = document.getElementById('model-state')!;
const saves = document.getElementById('model-saves')!;
const field = document.getElementById('kernel-state') as HTMLInputElement;
document.getElementById('module-url')!.textContent = url;

const show = () => {
  shown.textContent = String(model.get('state'));
  saves.textContent = String(model.saves);
};
model.on('change:state', show);
model.on('saved', show);
show();

document.getElementById('kernel-form')!.addEventListener('submit', (event) => {
  event.preventDefault();
  model.set('state', field.value);
});

const mod = (await import(/* @vite-ignore */ url)) as { default: AnyWidget | (() => AnyWidget | Promise<AnyWidget>) };
const widget = typeof mod.default === 'function' ? await mod.default() : mod.default;
await widget.initialize?.({ model });
const el = document.createElement('div');
output.append(el);
const cleanup = await widget.render({ model, el });
document.body.dataset.rendered = '1';
document.getElementById('unmount')!.addEventListener('click', () => {
  cleanup?.();
  el.remove();
  document.body.dataset.rendered = '0';
});
