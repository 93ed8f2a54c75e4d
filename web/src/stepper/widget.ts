// The backprop stepper: the classic example one chain-rule term at a time.
import stepperCss from './stepper.css?inline';
import type { BackpropCore, Config, Term } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage } from '../shared/errors';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { reducedMotion } from '../shared/motion';
import { afterFrame, nextTask } from '../shared/tasks';
import { mazurLink } from '../shared/sources';
import { type Binding, choice, flag, type Widget, type WidgetHost } from '../shared/widget';
import { Editor } from './editor';
import { ExerciseSwitch } from './exercise-switch';
import { HistoryView } from './history';
import { atPath, StepperModel } from './model';
import { NetworkView } from './network-view';
import { termCss, TermView } from './term-view';
import { TraceList } from './trace-list';

const AUTOPLAY_MS = 1800;
const BACKWARD = new Set(['output', 'hidden', 'bias']);
/** The terms that are a parameter's gradient, by what they mean (the core's explain keys). */
const GRADIENT_TERMS = new Set(['dE_dw', 'bias']);
/** The terms that are the error or a derivative of it: the drawing lights E_total with them. */
const ERROR_TERMS = new Set(['E_part', 'E_total', 'E_next', 'dE_dout', 'dE_dw', 'bias', 'delta', 'dE_dout_path', 'dE_dout_hidden']);

/**
 * What the drawing lights for a term: its own nodes and parameters; for a
 * parameter's gradient, the whole path its chain takes from the error.
 */
function litBy(model: StepperModel, term: Term): { nodes: Set<string>; edges: Set<string>; error: boolean; own: Set<string> } {
  const terms = GRADIENT_TERMS.has(term.explain) && term.param ? model.chain(term.param).map((id) => model.trace.terms.find((x) => x.id === id)!) : [term];
  return {
    nodes: new Set(terms.flatMap((x) => x.nodes)),
    edges: new Set(terms.flatMap((x) => x.edges)),
    error: ERROR_TERMS.has(term.explain),
    own: new Set(term.edges),
  };
}
const MAX_ITERATIONS = 100000;
const LOSSES = ['half_sse', 'mse', 'bce'];
/** Every number the address can set, in the classic network and with one bias per neuron. */
const VALUE_KEYS = ['i1', 'i2', 'target_o1', 'target_o2', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'b1', 'b2', 'b_h1', 'b_h2', 'b_o1', 'b_o2', 'learning_rate'];

export const css = [termCss, stepperCss];

/**
 * Parameters' names in order, their numbers by value (w2 before w10). Not
 * localeCompare: its first call sets up the browser's collation, some 10 ms
 * of the page's first render.
 */
function byName(a: string, b: string): number {
  const split = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const numbers = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    if (numbers && Number(x[i]) !== Number(y[i])) return Number(x[i]) - Number(y[i]);
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

function controls(t: Translate, model: StepperModel, toggleAutoplay: () => void) {
  const jump = h('select', { id: 'jump', 'aria-labelledby': 'jump-label' });
  jump.addEventListener('change', () => {
    if (jump.value) model.gotoParam(jump.value);
    jump.value = '';
  });
  const play = h('button', { type: 'button', id: 'autoplay', 'aria-pressed': 'false', 'data-part': 'autoplay', onclick: toggleAutoplay });
  const motionNote = h('p', { class: 'hint', id: 'autoplay-off', 'data-part': 'autoplay', 'data-i18n': 'stepper.autoplay_reduced' });
  const element = h(
    'div',
    { class: 'controls' },
    h(
      'div',
      { class: 'buttons', 'data-part': 'controls' },
      h('button', { type: 'button', id: 'first', onclick: () => model.goto(0), 'data-i18n': 'stepper.first' }),
      h('button', { type: 'button', id: 'back', onclick: () => model.back(), 'data-i18n': 'stepper.back' }),
      h('button', { type: 'button', id: 'next', class: 'primary', onclick: () => model.next(), 'data-i18n': 'stepper.next' }),
      h('button', { type: 'button', id: 'last', onclick: () => model.goto(model.count - 1), 'data-i18n': 'stepper.last' }),
      play,
    ),
    motionNote,
    h('div', { class: 'jump', 'data-part': 'jump' }, h('label', { id: 'jump-label', for: 'jump', 'data-i18n': 'stepper.jump' }), jump),
    h('p', { class: 'hint keys', 'data-part': 'controls', 'data-i18n': 'stepper.keys' }),
  );
  const render = (playing: boolean) => {
    const params = model.trace.chains.map((c) => c.param).sort(byName);
    jump.replaceChildren(h('option', { value: '' }, t('stepper.jump_choose')), ...params.map((p) => h('option', { value: p }, p)));
    (element.querySelector('#back') as HTMLButtonElement).disabled = model.position === 0;
    (element.querySelector('#first') as HTMLButtonElement).disabled = model.position === 0;
    (element.querySelector('#next') as HTMLButtonElement).disabled = model.position === model.count - 1;
    (element.querySelector('#last') as HTMLButtonElement).disabled = model.position === model.count - 1;
    play.textContent = t(playing ? 'stepper.pause' : 'stepper.play');
    play.setAttribute('aria-pressed', String(playing));
    // Autoplay moves the page by itself: not when the system asks for reduced motion.
    const reduced = reducedMotion();
    play.disabled = reduced && !playing;
    motionNote.hidden = !reduced;
  };
  return { element, render };
}

export function mount(core: BackpropCore, host: WidgetHost): Widget {
  // Every message in the widget's own language.
  const { t } = host;
  const root = host.root;
  root.classList.add('stepper-page');
  const classic = core.classic();
  const model = new StepperModel(core, classic);
  const network = new NetworkView(t);
  const termView = new TermView(t, model);
  const list = new TraceList(t, model);
  const editor = new Editor(t, model, (loss) => host.href('losses', new Map(loss === 'half_sse' ? [] : [['loss', loss === 'bce' ? 'bce' : 'mse']])));
  const history = new HistoryView(t, model, () => model.reset(classic));

  let timer: number | undefined;
  const stopAutoplay = () => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
  };
  const toggleAutoplay = () => {
    if (timer !== undefined) {
      stopAutoplay();
    } else if (!reducedMotion()) {
      if (model.position === model.count - 1) model.goto(0);
      timer = window.setInterval(() => {
        if (model.position >= model.count - 1) stopAutoplay();
        else model.next();
        render();
      }, AUTOPLAY_MS);
    }
    render();
  };
  const ctl = controls(t, model, toggleAutoplay);
  const exercise = new ExerciseSwitch(t, model, root, (form) => termView.element.after(form), () => render());
  // The switch sits in the row of the chain's jump (hidden with it, and in presenter mode).
  ctl.element.querySelector('.jump')!.append(exercise.toggle, exercise.failure);

  root.replaceChildren(
    h('div', { class: 'intro', 'data-part': 'intro' }, h('h1', { 'data-i18n': 'stepper.heading' }), h('p', { 'data-i18n': 'stepper.intro' })),
    // The drawing and the term card stay together: side by side when the
    // widget is wide, one above the other when it is narrow, with the
    // editor after them.
    h(
      'div',
      { class: 'stepper-grid' },
      h('figure', { class: 'drawing' }, network.element),
      h('div', { class: 'col-term' }, termView.element, ctl.element, h('div', { 'data-part': 'history' }, history.element)),
      h('div', { class: 'col-editor' }, editor.element),
    ),
    h('div', { 'data-part': 'trace' }, list.element),
    h('aside', { class: 'about', 'aria-labelledby': 'about-title', 'data-part': 'about' }, h('h2', { id: 'about-title', 'data-i18n': 'stepper.about_title' }), h('p', { 'data-i18n': 'stepper.about' }), h('p', {}, h('span', { 'data-i18n': 'stepper.about_source' }), ' ', mazurLink())),
  );

  let lastTrace = model.trace;
  let rendered = false;
  // The editor's fields come in a task after the first frame: their layout
  // (some 20 ms of it in Chinese) is not in the frame that shows the first term.
  // Until then the editor is not seen: it appears whole, not field by field.
  let editorShown = false;
  editor.element.style.visibility = 'hidden';
  let editorDrawn!: () => void;
  const editorReady = new Promise<void>((resolve) => (editorDrawn = resolve));
  function render(): void {
    // The exercise mode's code is coming: drawn once it is here, hiding what it hides.
    if (exercise.loading) return;
    if (!rendered) {
      root.hidden = false;
      afterFrame(() => {
        editorShown = true;
        editor.render();
        editor.element.style.removeProperty('visibility');
        editorDrawn();
      });
    }
    rendered = true;
    const term = model.term;
    // In the backward phases, the gradients reached so far (in exercise mode, not the one asked).
    const gradients = BACKWARD.has(term.phase)
      ? new Set(model.trace.terms.slice(0, model.position + (exercise.hides(term) ? 0 : 1)).filter((x) => GRADIENT_TERMS.has(x.explain)).flatMap((x) => x.edges))
      : null;
    network.render(model.trace.network, {
      E_total: model.trace.E_total,
      E_total_next: model.trace.E_total_next,
      lit: litBy(model, term),
      gradients,
      after: term.phase === 'update',
    });
    termView.render();
    exercise.render(termView.element);
    ctl.render(timer !== undefined);
    if (editorShown) editor.render();
    history.render();
    if (model.trace !== lastTrace) {
      lastTrace = model.trace;
      list.invalidate();
    } else {
      list.highlight();
    }
    host.changed();
  }
  // Several changes in a row (a state applied key by key) render once. The
  // first render, with the page loading, comes in a task of its own.
  let scheduled = false;
  model.onChange(() => {
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      render();
    };
    if (rendered) queueMicrotask(run);
    else nextTask(run);
  });

  host.keyTarget.addEventListener('keydown', (e) => {
    const event = e as KeyboardEvent;
    if (root.offsetParent === null) return; // not shown (another view of the one-file copy)
    const target = event.composedPath()[0] as HTMLElement;
    if (target.closest?.('input, select, textarea, [contenteditable]') || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, () => void> = {
      ArrowRight: () => model.next(),
      ArrowLeft: () => model.back(),
      // What a presentation clicker sends.
      PageDown: () => model.next(),
      PageUp: () => model.back(),
      Home: () => model.goto(0),
      End: () => model.goto(model.count - 1),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      stopAutoplay();
      move();
      render();
    }
  });

  // The defaults of every number: with shared biases, the classic network's
  // (the model's first trace); with per-neuron biases, traced when first needed.
  const defaults = new Map<string, string>();
  for (const g of model.fieldGroups()) for (const f of g.fields) defaults.set(f.id, exact(f.value));
  let perNeuron: Map<string, string> | null = null;
  const defaultOf = (id: string): string => {
    if (defaults.has(id)) return defaults.get(id)!;
    if (!perNeuron) {
      perNeuron = new Map();
      const m = new StepperModel(core, core.biasMode(classic, { train_biases: true }));
      for (const g of m.fieldGroups()) for (const f of g.fields) perNeuron.set(f.id, exact(f.value));
    }
    return perNeuron.get(id)!;
  };
  const lossKind = (loss: Config['loss']) => (typeof loss === 'string' ? loss : loss.kind);
  const field = (id: string) => model.fieldGroups().flatMap((g) => g.fields).find((f) => f.id === id);

  const bindings: Binding[] = [
    choice('loss', LOSSES, () => lossKind(model.config.loss), (v) => model.setLoss(v), () => 'half_sse'),
    flag('train_biases', () => model.trace.train_biases, (on) => {
      const error = model.setBiasTraining(on);
      return error && (() => errorMessage(error, undefined, t));
    }),
    ...VALUE_KEYS.map(
      (id): Binding => ({
        key: id,
        // A number the network does not have (b_h1 with shared biases) is never in the state.
        get: () => {
          const f = field(id);
          return f ? exact(Number(atPath(model.start, f.path))) : '';
        },
        fallback: () => (field(id) ? defaultOf(id) : ''),
        set: (text) => {
          const f = field(id);
          if (!f) return () => t('state.not_in_network');
          const error = model.edit(f.path, text);
          return error && (() => errorMessage(error, id, t));
        },
      }),
    ),
    {
      key: 'iteration',
      get: () => String(model.iteration),
      fallback: () => '0',
      set: (text) => {
        if (!/^\d{1,6}$/.test(text.trim()) || Number(text) > MAX_ITERATIONS) return () => t('state.whole_number', { max: MAX_ITERATIONS });
        const error = Number(text) > 0 ? model.run(Number(text)) : null;
        return error && (() => t('stepper.overflow_update', { what: error.params.what ?? '' }));
      },
    },
    flag('exercise', () => exercise.on, (on) => exercise.setOn(on)),
    {
      key: 'term',
      get: () => model.term.id,
      fallback: () => model.trace.terms[0].id,
      set: (text) => (model.gotoTerm(text) ? null : () => t('state.no_term')),
    },
  ];

  // The first render comes with the first state the host applies (reset, then its keys), once;
  // until then the page does not lay out the empty parts.
  root.hidden = true;
  list.invalidate();
  return {
    bindings,
    exercise: () => ({ kind: 'stepper', config: model.config }),
    reset() {
      stopAutoplay();
      exercise.reset();
      editor.clear();
      model.reset(classic);
    },
    retranslate() {
      editor.retranslate();
      list.invalidate();
      render();
    },
    stop: stopAutoplay,
    settled: () => Promise.all([termView.firstTypeset, editorReady]).then(() => undefined),
  };
}
