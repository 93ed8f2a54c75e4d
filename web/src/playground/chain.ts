// The chain rule for any weight: with training paused, one training example
// and a weight, a bias or a neuron of the network; the core's trace of the
// network on that example (its features as the inputs, its targets as the
// targets), shown in the stepper's term card and chain panel. A weight or a
// bias: every factor of its gradient. A neuron: its δ and what it sums.
import type { BackpropCore, Config, Dataset, Trace } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import { short } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { reducedMotion } from '../shared/motion';
import type { Binding } from '../shared/widget';
import { fitTex } from '../shared/math';
import { termTex, TermView, type TermSource } from '../stepper/term-view';
import { parameters, type Sizes } from './names';

/** What the chain is asked for: a parameter (w7, b_h1) or a neuron (h1, o2), by the core's id. */
export type Pick = { kind: 'param' | 'neuron'; id: string };

/** How a chain was asked for: a click on the drawing, or the list beside the card. */
export type Asked = 'pointer' | 'list';

/** What the playground has now: the network, the training examples and the points they were made of. */
export interface ChainContext {
  network: Config;
  /** The training examples as the epoch takes them: row after row. */
  train: { inputs: Float64Array; targets: Float64Array };
  data: Dataset;
}

export interface ChainHooks {
  context(): ChainContext | null;
  /** Training stops before a chain is shown: the chain is of the network as it stands. */
  pause(): void;
  /** What is picked now, to mark on the plane and the drawing (an index into the data set's points). */
  marked(point: number | null, pick: Pick | null): void;
  /** The layer sizes the setup asks for now (the state is checked against them before the network is made). */
  sizes(): Sizes;
  /** The student picked: the address follows. */
  changed(): void;
  /** Each weight's gradient on the example (dE_total/dw by weight id), to draw the edges by; null: by the weights. */
  gradients(values: Map<string, number> | null): void;
}

/** The most points a data set can have: an example's number above it is refused before the data is made. */
const MAX_EXAMPLES = 1000;

/** The trace as the term card reads it, with the chain of the picked weight or neuron. */
class ChainSource implements TermSource {
  trace!: Trace;
  position = 0;
  chainParam = '';
  chainTitle: string | undefined;
  ids: string[] = [];

  constructor(private moved: () => void) {}

  get term() {
    return this.trace.terms[this.position];
  }

  get count() {
    return this.trace.terms.length;
  }

  goto(index: number): void {
    this.position = Math.max(0, Math.min(this.count - 1, index));
    this.moved();
  }

  gotoTerm(id: string): boolean {
    const index = this.trace.terms.findIndex((x) => x.id === id);
    if (index < 0) return false;
    this.goto(index);
    return true;
  }

  chain(): string[] {
    return this.ids;
  }
}

/** A weight, a bias or a neuron of a network of these sizes, by its id; null when it has none. */
function pickOf(sizes: Sizes, id: string): Pick | null {
  const { weights, biases, neurons } = parameters(sizes);
  if (weights.includes(id) || biases.includes(id)) return { kind: 'param', id };
  if (neurons.includes(id)) return { kind: 'neuron', id };
  return null;
}

/** A parameter's chain without its update: the playground's step is its optimizer's, over a batch. */
function paramChain(trace: Trace, param: string): string[] | null {
  const chain = trace.chains.find((c) => c.param === param);
  if (!chain) return null;
  return Array.from(chain.terms, (place) => trace.terms[place]).filter((x) => x.kind !== 'update').map((x) => x.id);
}

/**
 * A neuron's δ (∂E_total/∂net; in the first hidden layer, which has no term
 * of its own for it, its bias's gradient, the same number) and what it is
 * made of: its factors, and the summands of each sum among them.
 */
function neuronChain(trace: Trace, node: string): { ids: string[]; focus: string } | null {
  const index = new Map(trace.terms.map((x, i) => [x.id, i]));
  const focus = [`dE_total/dnet_${node}`, `dE_${node}/dnet_${node}`, `dE_total/db_${node}`].find((id) => index.has(id));
  if (!focus) return null;
  const places = new Set<number>([index.get(focus)!]);
  for (const dep of trace.terms[index.get(focus)!].deps) {
    places.add(dep);
    if (trace.terms[dep].kind === 'sum') for (const d of trace.terms[dep].deps) places.add(d);
  }
  return { ids: [...places].sort((a, b) => a - b).map((p) => trace.terms[p].id), focus };
}

export class ChainView {
  readonly element: HTMLElement;
  private source = new ChainSource(() => this.renderTerm());
  private termView: TermView;
  private exampleField = h('input', {
    type: 'text',
    id: 'pg-chain-example',
    value: '1',
    inputmode: 'numeric',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'error-pg-chain-example pg-chain-point',
  });
  private exampleError = errorSlot('pg-chain-example');
  private exampleText = h('output', { id: 'pg-chain-point', for: 'pg-chain-example' });
  private paramSelect = h('select', { id: 'pg-chain-param' });
  private note = h('p', { class: 'hint', id: 'pg-chain-note' });
  private status = h('p', { class: 'status', id: 'pg-chain-status', role: 'status' });
  private card = h('div', { class: 'pg-chain-card', id: 'pg-chain-card', tabindex: '-1', 'aria-labelledby': 'pg-chain-title' });
  /** Says which chain opened, for a reader whose focus stays where it was. */
  private announce = h('p', { class: 'visually-hidden', id: 'pg-chain-announce', role: 'status' });
  private byGradient = h('input', { type: 'checkbox', id: 'pg-chain-gradients' });
  /** The training example (from 0) and what is picked; null until asked. */
  private example = 0;
  private pick: Pick | null = null;
  /** The example is ringed on the plane once one was picked or a chain opened. */
  private engaged = false;
  private sizes: Sizes = [];
  /** A pick the address asked for, opened once the network it names is made. */
  private pending: Pick | null = null;

  constructor(
    private readonly t: Translate,
    private readonly core: BackpropCore,
    /** The trace's module (the stepper's), loaded when a chain is first opened. */
    private readonly loadTracer: () => Promise<BackpropCore>,
    private readonly hooks: ChainHooks,
  ) {
    this.termView = new TermView(t, this.source, { phases: false });
    this.card.append(this.note, this.termView.element);
    this.card.hidden = true;
    this.element = h(
      'section',
      { class: 'pg-chain', id: 'pg-chain', 'aria-labelledby': 'pg-chain-title' },
      h('h2', { id: 'pg-chain-title', 'data-i18n': 'playground.chain_heading' }),
      h('p', { class: 'hint', 'data-i18n': 'playground.chain_intro' }),
      h(
        'div',
        { class: 'pg-chain-pick' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'pg-chain-example', 'data-i18n': 'playground.chain_example' }),
          this.exampleField,
          this.exampleText,
          this.exampleError,
        ),
        h('div', { class: 'field' }, h('label', { for: 'pg-chain-param', 'data-i18n': 'playground.chain_param' }), this.paramSelect),
        h('div', { class: 'field check' }, this.byGradient, h('label', { for: 'pg-chain-gradients', 'data-i18n': 'playground.chain_gradients' })),
      ),
      this.status,
      this.announce,
      this.card,
    );
    this.exampleField.addEventListener('change', () => this.typed());
    this.byGradient.addEventListener('change', () => (this.pick ? this.render() : this.hooks.gradients(null)));
    // ↑ and ↓ step through the examples.
    this.exampleField.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
      const count = this.hooks.context()?.data.train.length ?? 0;
      if (!step || !count) return;
      e.preventDefault();
      this.setExample((this.example + step + count) % count);
    });
    this.paramSelect.addEventListener('change', () => {
      const [kind, id] = this.paramSelect.value.split(':');
      if (id) this.open({ kind: kind as Pick['kind'], id }, 'list');
      else {
        this.close();
        this.hooks.changed();
      }
    });
  }

  /**
   * The network's shape changed (or the data): the lists follow, and an open
   * chain closes (its weights may be numbered otherwise now); a pick the
   * address asked for opens, to be traced with the network that follows.
   */
  reshape(sizes: Sizes, trainCount: number): void {
    this.sizes = sizes;
    if (this.example >= trainCount) this.example = 0;
    this.exampleField.value = String(this.example + 1);
    const asked = this.pending;
    this.pending = null;
    this.close();
    this.renderOptions();
    this.renderExample();
    if (asked && pickOf(sizes, asked.id)) {
      this.pick = asked;
      this.engaged = true;
      this.paramSelect.value = `${asked.kind}:${asked.id}`;
    }
  }

  /** The address's keys: the example's number and the weight, bias or neuron whose chain is open. */
  bindings(): Binding[] {
    return [
      {
        key: 'example',
        get: () => (this.engaged ? String(this.example + 1) : '1'),
        fallback: () => '1',
        set: (text) => {
          const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
          if (!(n >= 1 && n <= MAX_EXAMPLES)) return (t) => t('playground.state_range', { min: 1, max: MAX_EXAMPLES });
          this.example = n - 1;
          this.engaged = n > 1 || this.engaged;
          this.exampleField.value = String(n);
          return null;
        },
      },
      {
        key: 'chain',
        get: () => this.pick?.id ?? this.pending?.id ?? '',
        fallback: () => '',
        set: (text) => {
          const id = text.trim();
          if (id === '') {
            this.pending = null;
            if (this.pick) this.close();
            return null;
          }
          const pick = pickOf(this.hooks.sizes(), id);
          if (!pick) return (t) => t('playground.state_chain');
          // Opened by the rebuild the state's other keys started; or, where none comes, at once.
          this.pending = pick;
          queueMicrotask(() => {
            if (this.pending !== pick) return;
            this.pending = null;
            this.pick = pick;
            this.engaged = true;
            this.paramSelect.value = `${pick.kind}:${pick.id}`;
            this.render();
          });
          return null;
        },
      },
    ];
  }

  /** A point clicked on the plane (its index in the data set): a training point becomes the example. */
  pickPoint(point: number): void {
    const ctx = this.hooks.context();
    if (!ctx) return;
    const at = ctx.data.train.indexOf(point);
    if (at < 0) return;
    this.setExample(at);
  }

  /** A weight, a bias or a neuron clicked on the drawing, or chosen from the list: the card opens where it is seen. */
  open(pick: Pick, asked?: Asked): void {
    this.hooks.pause();
    this.engaged = true;
    this.pick = pick;
    this.paramSelect.value = `${pick.kind}:${pick.id}`;
    this.render();
    if (asked && this.tracer) this.reveal(asked);
    else if (asked) this.revealOnLoad = asked;
    this.hooks.changed();
  }

  /**
   * The card scrolled into view (at once when the reader asks for reduced
   * motion). A click on the drawing takes the focus to the card, so the
   * keyboard goes on from there; from the list, or while the keyboard is on
   * the plane or the drawing, the focus stays and the chain is announced.
   */
  private reveal(asked: Asked): void {
    if (this.card.hidden || !this.pick) return;
    const behavior: ScrollBehavior = reducedMotion() ? 'auto' : 'smooth';
    const tall = this.card.getBoundingClientRect().height > window.innerHeight;
    const active = (this.element.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
    const inDrawing = !!active?.closest?.('.pg-network, .pg-output');
    if (asked === 'pointer' && !inDrawing) this.card.focus({ preventScroll: true });
    this.card.scrollIntoView({ block: tall ? 'start' : 'nearest', behavior });
    this.announce.textContent = '';
    this.announce.textContent = this.t('playground.chain_opened', { id: this.pick.id, n: this.example + 1 });
  }

  /** The network changed (an epoch, a reset): an open chain is traced again for it. */
  refresh(): void {
    if (this.pick) this.render();
  }

  /** Training goes on, or the shape changed: the chain is of a network that no longer stands. */
  close(): void {
    this.pick = null;
    this.card.hidden = true;
    delete this.element.dataset.pick;
    this.paramSelect.value = '';
    this.status.textContent = '';
    this.hooks.gradients(null);
    this.hooks.marked(this.engaged ? this.pointIndex() : null, null);
  }

  retranslate(): void {
    this.renderOptions();
    this.renderExample();
    if (this.pick) this.render();
  }

  /** The example's number as typed, read by the core: a whole number from 1 to the training set's size. */
  private typed(): void {
    const count = this.hooks.context()?.data.train.length ?? 0;
    let message = '';
    try {
      const n = this.core.number(this.exampleField.value, 'example');
      if (!Number.isInteger(n) || n < 1 || n > count) message = this.t('playground.state_range', { min: 1, max: count });
      else this.setExample(n - 1);
    } catch (e) {
      if (!isCoreError(e)) throw e;
      message = errorMessage(e, this.t('playground.chain_example'), this.t);
    }
    this.exampleError.textContent = message;
    if (message) this.exampleField.setAttribute('aria-invalid', 'true');
    else this.exampleField.removeAttribute('aria-invalid');
  }

  private setExample(at: number): void {
    this.engaged = true;
    this.exampleError.textContent = '';
    this.exampleField.removeAttribute('aria-invalid');
    this.example = at;
    this.exampleField.value = String(at + 1);
    this.renderExample();
    if (this.pick) this.render();
    else this.hooks.marked(this.pointIndex(), null);
    this.hooks.changed();
  }

  private pointIndex(): number | null {
    const ctx = this.hooks.context();
    return ctx && this.example < ctx.data.train.length ? ctx.data.train[this.example] : null;
  }

  private renderExample(): void {
    const ctx = this.hooks.context();
    const point = this.pointIndex();
    if (!ctx || point === null) {
      this.exampleText.textContent = '';
      return;
    }
    const d = ctx.data;
    const label = d.regression ? this.t('playground.chain_value', { value: short(d.label[point]) }) : this.t('playground.class', { k: d.label[point] });
    this.exampleText.textContent = this.t('playground.chain_point', { x: short(d.x[point]), y: short(d.y[point]), label });
  }

  private renderOptions(): void {
    const { weights, biases, neurons } = parameters(this.sizes);
    const group = (label: string, kind: Pick['kind'], ids: string[]) =>
      h('optgroup', { label }, ...ids.map((id) => h('option', { value: `${kind}:${id}` }, id)));
    this.paramSelect.replaceChildren(
      h('option', { value: '' }, this.t('playground.chain_choose')),
      group(this.t('stepper.weights'), 'param', weights),
      group(this.t('stepper.biases'), 'param', biases),
      group(this.t('playground.chain_neurons'), 'neuron', neurons),
    );
    this.paramSelect.value = this.pick ? `${this.pick.kind}:${this.pick.id}` : '';
  }

  /**
   * The term card, its equation fitted to the card: after the stepper's
   * forms, one with each factor of a product on a line of its own, for a
   * phone's width.
   */
  private renderTerm(): void {
    this.termView.render();
    // The exact value's minus as everywhere else on the page (U+2212).
    const exact = this.card.querySelector<HTMLElement>('.exact code');
    if (exact) exact.textContent = (exact.textContent ?? '').replace(/-/g, '−');
    const term = this.source.term;
    const equation = this.card.querySelector<HTMLElement>('.equation');
    if (!equation || !term) return;
    const formula = productLines(term.formula);
    const numbers = productLines(term.numbers);
    if (formula.length < 2 && numbers.length < 2) return;
    const narrow = termTex({ ...term, formula_lines: term.formula_lines ?? formula, numbers_lines: term.numbers_lines ?? numbers });
    fitTex(equation, [...termTex(term), narrow[narrow.length - 1]]);
  }

  /** The trace's module once loaded; the card shows once it is. */
  private tracer: BackpropCore | null = null;
  private tracerLoading = false;
  /** How the chain waiting for the trace's module was asked for: it is revealed so once it arrives. */
  private revealOnLoad: Asked | undefined;

  private startTracer(): void {
    if (this.tracerLoading) return;
    this.tracerLoading = true;
    this.status.classList.add('loading');
    this.status.textContent = this.t('core.loading');
    this.loadTracer().then(
      (tracer) => {
        this.tracer = tracer;
        this.status.classList.remove('loading');
        this.status.textContent = '';
        const asked = this.revealOnLoad;
        this.revealOnLoad = undefined;
        if (!this.pick) return;
        this.render();
        if (asked) this.reveal(asked);
      },
      (e: unknown) => {
        this.tracerLoading = false;  // the next pick tries again
        this.status.classList.remove('loading');
        this.status.textContent = this.t('core.failed', { message: String(e) });
      },
    );
  }

  /** Traces the network on the example and shows the picked chain. */
  private render(): void {
    const ctx = this.hooks.context();
    const pick = this.pick;
    if (!ctx || !pick) return;
    if (!this.tracer) {
      this.startTracer();
      return;
    }
    const F = this.sizes[0];
    const K = this.sizes[this.sizes.length - 1];
    const i = this.example;
    const config: Config = {
      ...ctx.network,
      inputs: Array.from(ctx.train.inputs.subarray(i * F, (i + 1) * F)),
      targets: Array.from(ctx.train.targets.subarray(i * K, (i + 1) * K)),
    };
    let trace: Trace;
    try {
      trace = this.tracer.trace(config, {});
    } catch (e) {
      if (!isCoreError(e)) throw e;
      this.status.textContent = errorMessage(e, undefined, this.t);
      this.card.hidden = true;
      return;
    }
    const chain = pick.kind === 'param' ? paramChain(trace, pick.id) : neuronChain(trace, pick.id);
    const ids = Array.isArray(chain) ? chain : chain?.ids;
    if (!chain || !ids) {
      this.close();
      return;
    }
    const focus = Array.isArray(chain) ? `dE_total/d${pick.id}` : chain.focus;
    const s = this.source;
    s.trace = trace;
    s.ids = ids;
    s.chainParam = pick.id;
    s.chainTitle = pick.kind === 'neuron' ? this.t('playground.chain_neuron', { node: pick.id }) : undefined;
    s.position = Math.max(0, trace.terms.findIndex((x) => x.id === focus));
    this.status.textContent = '';
    const note = this.t('playground.chain_note', { n: i + 1 });
    // The first hidden layer's δ has no term of its own: its bias's gradient is the same number (∂net/∂b = 1).
    this.note.textContent = focus.startsWith('dE_total/db_') && pick.kind === 'neuron' ? `${note} ${this.t('playground.chain_delta_bias', { node: pick.id })}` : note;
    this.card.hidden = false;
    this.element.dataset.pick = pick.id;
    this.element.dataset.example = String(i);
    this.renderTerm();
    this.hooks.marked(this.pointIndex(), pick);
    this.hooks.gradients(this.byGradient.checked ? weightGradients(trace) : null);
  }
}

/**
 * A product's factors at the top level of its LaTeX (outside braces and
 * brackets): "a \cdot b \cdot c" → ["a", "\cdot b", "\cdot c"].
 */
export function productLines(latex: string): string[] {
  const lines: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (depth === 0 && latex.startsWith('\\cdot', i) && i > start) {
      lines.push(latex.slice(start, i).trim());
      start = i;
    }
  }
  lines.push(latex.slice(start).trim());
  return lines.filter(Boolean);
}

/** Each weight's gradient on the example, from the trace's dE_total/dw terms, by weight id. */
function weightGradients(trace: Trace): Map<string, number> {
  const out = new Map<string, number>();
  for (const term of trace.terms) {
    const m = /^dE_total\/d(w\d+)$/.exec(term.id);
    if (m) out.set(m[1], term.value);
  }
  return out;
}
