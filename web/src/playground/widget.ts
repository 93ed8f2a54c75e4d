// The playground: your own network on 2-D data, trained live. The data set,
// the network's shape and its training are the student's; every number —
// the points, the weights, each epoch, the output over the plane — is the
// core's. One animation frame draws one epoch.
import playgroundCss from './playground.css?inline';
import exportCss from './export.css?inline';
import { termCss } from '../stepper/term-view';
import type { BackpropCore, Config, CoreError, Dataset, DatasetKind, EpochResult, OpenedWeights, TrainingState } from '../shared/core-types';
import { loadCore, loadModule } from '../shared/core';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import { digits17, short } from '../shared/format';
import { translateTree } from '../shared/i18n';
import { nextTask } from '../shared/tasks';
import { onThemeChange } from '../shared/theme';
import { type Binding, choice, flag, type Widget, type WidgetHost } from '../shared/widget';
import { defaults, kinds, type OptimizerKind, settings, showing, spec as optimizerSpec, useCatalog } from '../optimizers/racers';
import { diagnose, type Explanation, explanationList, LossWatch, PATIENCE } from './blowup';
import { ChainView } from './chain';
import { LossCurves } from './curves';
import { ExportPanel } from './export';
import { follows, SUGGESTIONS } from './hints';
import {
  copySetup,
  DEFAULT_SETUP,
  type Examples2,
  frame,
  grid as networkGrid,
  hasClasses,
  lossesOf,
  makeDataset,
  makeExamples,
  makeNetwork,
  MAX_HIDDEN_LAYERS,
  MAX_NEURONS,
  type Setup,
  type Task,
  task as taskOf,
  trainEpoch,
} from './model';
import { NetworkView } from './network-view';
import { Plane, type Scale } from './plane';
import { PointEditor, pointsCss } from './points';

export const css = [termCss, playgroundCss, pointsCss, exportCss];

/** The most epochs an address can ask for (a replay of the default network's takes about a second a thousand). */
const MAX_REPLAY = 5000;
/** The most batches of a partial epoch an address can ask for: an epoch's at batch size 1. */
const MAX_BATCHES = 500;

function textInput(id: string, value: string): HTMLInputElement {
  return h('input', { type: 'text', id, value, autocomplete: 'off', spellcheck: 'false', inputmode: 'decimal', 'aria-describedby': `error-${id}` });
}

function field(id: string, label: string, control: HTMLElement, ...after: HTMLElement[]): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id, 'data-i18n': label }), control, ...after);
}

export function mount(core: BackpropCore, host: WidgetHost): Widget {
  useCatalog(core);
  const { t } = host;
  const root = host.root;
  root.classList.add('playground');
  root.id = 'playground';
  const byId = (id: string) => root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);

  const datasets = core.datasets();
  const features = core.features();
  const hiddenActivations = core.activations().filter((a) => !a.whole_layer).map((a) => a.name);

  // What the student set, and what the core made of it.
  let setup = copySetup(DEFAULT_SETUP);
  let data: Dataset;
  let task: Task;
  let examples: Examples2;
  let network: Config;
  let state: TrainingState | null = null;
  let epoch = 0;
  let playing = false;
  let raf = 0;
  let dirty = false;
  let lastGrid: ReturnType<typeof networkGrid> | null = null;
  /** The setup the core refused, in words, or '': nothing trains until it changes. */
  let halted = '';
  /** Every epoch so far ran with today's settings: replaying as many from a fresh network gives these weights. */
  let replayable = true;
  /** Epochs an address asked for, trained once the setup is built; and batches of the next epoch after them. */
  let pendingEpochs = 0;
  let pendingBatches = 0;
  /** Batches of epoch `epoch + 1` trained so far (One batch), and how many it has. */
  let batchInEpoch = 0;
  let batchCount = 0;
  /** Counts rebuilds and resets: a replay in progress stops when it changes. */
  let generation = 0;
  let settle: Promise<void> = Promise.resolve();
  /** Where and why the last epoch stopped (the core's reason, or 'rising' by the watch), with its message's numbers, or null. */
  let stopped: { epoch: number; reason: string; params: Record<string, string | number> } | null = null;
  /** The core's numbers behind the stop, or null. */
  let explanation: Explanation | null = null;
  /** The untrained network's loss and the best state so far: a run whose loss keeps above where it started stops there. */
  const watch = new LossWatch();
  /** A network of one weight: the training fields are checked by the core on it, with as many examples as the training set. */
  const probe = core.newNetwork({ layers: [1, 1], activations: ['linear'], seed: 1 });
  let probeData = { inputs: new Float64Array(1), targets: new Float64Array(1) };

  // Data.
  const dataSelect = h('select', { id: 'pg-data' });
  const classesSelect = h('select', { id: 'pg-classes' });
  const noiseRange = h('input', { type: 'range', id: 'pg-noise', min: 0, max: 50, step: 5, value: 0 });
  const noiseOut = h('output', { for: 'pg-noise', id: 'pg-noise-value' });
  const ratioRange = h('input', { type: 'range', id: 'pg-ratio', min: 10, max: 90, step: 10, value: 50 });
  const ratioOut = h('output', { for: 'pg-ratio', id: 'pg-ratio-value' });
  const showTest = h('input', { type: 'checkbox', id: 'pg-show-test', checked: true });
  const newData = h('button', { type: 'button', id: 'new-data', 'data-i18n': 'playground.new_data', onclick: () => regenerate() });
  const seedLabel = h('span', { class: 'hint', id: 'pg-seed' });
  const dataHint = h('span', { id: 'pg-data-hint' });
  const tryButton = h('button', { type: 'button', id: 'pg-try', 'data-i18n': 'playground.try', onclick: () => trySuggestion() });

  // The network's settings beside its drawing.
  const view = new NetworkView(t, {
    toggleFeature: (name) => {
      const on = setup.features.includes(name);
      if (on && setup.features.length === 1) return;
      setup.features = features.map((f) => f.name).filter((n) => (n === name ? !on : setup.features.includes(n)));
      structureChanged();
    },
    addNeuron: (layer) => {
      if (setup.hidden[layer - 1] >= MAX_NEURONS) return;
      setup.hidden[layer - 1] += 1;
      structureChanged();
      focusLater(`[data-add-neuron="${layer}"]`);
    },
    removeNeuron: (layer) => {
      if (setup.hidden[layer - 1] <= 1) return;
      setup.hidden[layer - 1] -= 1;
      structureChanged();
      focusLater(`[data-remove-neuron="${layer}"]`);
    },
    addLayer: () => {
      if (setup.hidden.length >= MAX_HIDDEN_LAYERS) return;
      setup.hidden.push(2);
      setup.activations.push(setup.activations[setup.activations.length - 1] ?? 'tanh');
      structureChanged();
    },
    removeLayer: () => {
      if (!setup.hidden.length) return;
      setup.hidden.pop();
      setup.activations.pop();
      structureChanged();
    },
    pick: (p) => chain.open(p, 'pointer'),
  });
  const activationList = h('div', { class: 'activations', id: 'pg-activations' });
  const outputSelect = h('select', { id: 'pg-output' });
  const outputText = h('p', { class: 'hint', id: 'pg-output-text' });

  // Training.
  const optimizerSelect = h('select', { id: 'pg-optimizer' });
  const lrField = textInput('pg-lr', setup.lr);
  const batchField = textInput('pg-batch', setup.batch);
  const l1Field = textInput('pg-l1', setup.l1);
  const l2Field = textInput('pg-l2', setup.l2);
  /** Every optimizer's settings as typed (η aside: the field above), PyTorch's defaults to start. */
  let optValues = Object.fromEntries(kinds.map((k) => [k, defaults(k)])) as Record<OptimizerKind, Record<string, string>>;
  const optFields = h('div', { class: 'pg-opt-fields', id: 'pg-opt-fields' });
  const playButton = h('button', { type: 'button', id: 'play', class: 'primary', onclick: () => (playing ? pause() : play()) });
  const stepButton = h('button', {
    type: 'button',
    id: 'step-epoch',
    'data-i18n': 'playground.step',
    onclick: () => {
      step();
      host.changed();
    },
  });
  const batchButton = h('button', {
    type: 'button',
    id: 'step-batch',
    'data-i18n': 'playground.step_batch',
    onclick: () => {
      stepBatch();
      host.changed();
    },
  });
  const resetButton = h('button', {
    type: 'button',
    id: 'reset-training',
    'data-i18n': 'playground.reset',
    onclick: () => {
      resetTraining();
      host.changed();
    },
  });
  const epochLabel = h('span', { class: 'epoch', id: 'epoch' });
  const status = h('div', { class: 'status', id: 'pg-status', role: 'status' });

  const plane = new Plane(t);
  const points = new PointEditor(core, t, plane, { setup: () => setup, changed: (done, fresh) => dataEdited(done, fresh) });
  const curves = new LossCurves(t);
  const exporter = new ExportPanel(core, () => loadModule('playground_files'), t, {
    // Mid-epoch (One batch), the weights on screen are not a replay of whole epochs.
    snapshot: () =>
      network && data ? { setup, task, data, network, epoch, batch: batchInEpoch, replayable: replayable && batchInEpoch === 0, optimizer: optimizer() } : null,
    open: (w) => openWeights(w),
    network: view.element,
    plane: plane.element,
  });
  // The chain rule for a weight, a bias or a neuron, on a training example, of the network as it stands.
  const chain = new ChainView(t, core, () => loadCore('stepper'), {
    context: () => (network && data ? { network, train: examples.train as { inputs: Float64Array; targets: Float64Array }, data } : null),
    pause: () => pause(),
    marked: (point, pick) => {
      plane.mark(point);
      view.mark(pick);
    },
    sizes: () => {
      const info = datasets.find((d) => d.name === setup.kind)!;
      return [setup.features.length, ...setup.hidden, taskOf(setup, info.regression, setup.classes).outputs];
    },
    changed: () => host.changed(),
    gradients: (values) => view.showGradients(values),
  });
  // A training point clicked while the points are not being edited: the chain's example.
  plane.onPick = (i) => chain.pickPoint(i);

  root.replaceChildren(
    h('div', { class: 'intro', 'data-part': 'intro' }, h('h1', { 'data-i18n': 'playground.heading' }), h('p', { 'data-i18n': 'playground.intro' })),
    h(
      'div',
      { class: 'pg-bar', 'data-part': 'controls' },
      h('div', { class: 'buttons' }, playButton, stepButton, batchButton, resetButton, epochLabel),
      h(
        'div',
        { class: 'pg-training', 'data-part': 'training', 'data-lock': 'training' },
        field('pg-optimizer', 'playground.optimizer', optimizerSelect),
        field('pg-lr', 'playground.lr', lrField, errorSlot('pg-lr')),
        field('pg-batch', 'playground.batch', batchField, errorSlot('pg-batch')),
        field('pg-l1', 'playground.l1', l1Field, errorSlot('pg-l1')),
        field('pg-l2', 'playground.l2', l2Field, errorSlot('pg-l2')),
        h('details', { class: 'pg-more', id: 'pg-more' }, h('summary', { 'data-i18n': 'playground.optimizer_settings' }), optFields),
      ),
    ),
    status,
    h(
      'div',
      { class: 'pg-main' },
      h(
        'section',
        { class: 'pg-data', 'aria-labelledby': 'pg-data-title', 'data-part': 'data', 'data-lock': 'data' },
        h('h2', { id: 'pg-data-title', 'data-i18n': 'playground.data' }),
        field('pg-data', 'playground.dataset', dataSelect),
        h('p', { class: 'hint pg-data-hint' }, dataHint, ' ', tryButton),
        h('div', { class: 'field', id: 'pg-classes-field' }, h('label', { for: 'pg-classes', 'data-i18n': 'playground.classes' }), classesSelect),
        h('div', { class: 'field range' }, h('label', { for: 'pg-noise', 'data-i18n': 'playground.noise' }), noiseRange, noiseOut),
        h('div', { class: 'field range' }, h('label', { for: 'pg-ratio', 'data-i18n': 'playground.ratio' }), ratioRange, ratioOut),
        h('div', { class: 'field check' }, showTest, h('label', { for: 'pg-show-test', 'data-i18n': 'playground.show_test' })),
        h('div', { class: 'buttons' }, newData, seedLabel),
        points.csvPanel,
      ),
      h(
        'section',
        { class: 'pg-network', 'aria-labelledby': 'pg-network-title' },
        h('h2', { id: 'pg-network-title', 'data-i18n': 'playground.network' }),
        view.element,
        h(
          'div',
          { class: 'pg-layer-settings', 'data-part': 'network', 'data-lock': 'network' },
          activationList,
          h('div', { class: 'field', id: 'pg-output-field' }, h('label', { for: 'pg-output', 'data-i18n': 'playground.output_loss' }), outputSelect),
          outputText,
        ),
      ),
      h(
        'section',
        { class: 'pg-output', 'aria-labelledby': 'pg-output-title' },
        h('h2', { id: 'pg-output-title', 'data-i18n': 'playground.output_title' }),
        points.toolbar,
        plane.element,
        curves.element,
      ),
    ),
    chain.element,
    exporter.element,
  );

  function focusLater(selector: string): void {
    const el = root.querySelector<HTMLButtonElement>(selector);
    if (el && !el.disabled) el.focus();
    else root.querySelector<HTMLElement>('#add-layer')?.focus();
  }

  // Lists from the core's tables.
  function renderLists(): void {
    dataSelect.replaceChildren(...datasets.map((d) => h('option', { value: d.name }, t(`dataset.${d.name}`))));
    dataSelect.value = setup.kind;
    const info = datasets.find((d) => d.name === setup.kind)!;
    const max = Math.max(2, info.max_classes);
    classesSelect.replaceChildren(...Array.from({ length: max - 1 }, (_, i) => h('option', { value: String(i + 2) }, String(i + 2))));
    classesSelect.value = String(setup.classes);
    byId('pg-classes-field')!.hidden = !hasClasses(setup.kind);
    optimizerSelect.replaceChildren(...kinds.map((k) => h('option', { value: k }, t(`race.name.${k}`))));
    optimizerSelect.value = setup.optimizer;
    outputSelect.replaceChildren(h('option', { value: 'tanh' }, t('playground.output_tanh')), h('option', { value: 'sigmoid' }, t('playground.output_sigmoid')));
    outputSelect.value = setup.output;
  }

  function renderActivations(): void {
    activationList.replaceChildren(
      ...setup.hidden.map((_, l) => {
        const id = `activation-${l + 1}`;
        const select = h('select', { id, 'data-layer': l + 1 }, ...hiddenActivations.map((a) => h('option', { value: a }, t(`activation.${a}`))));
        select.value = setup.activations[l];
        select.addEventListener('change', () => {
          setup.activations[l] = select.value;
          structureChanged();
        });
        return h('div', { class: 'field' }, h('label', { for: id }, t('playground.activation_of', { layer: l + 1 })), select);
      }),
    );
  }

  /** What separates (or fits) the data set, and a button that sets the network up to show it. */
  function renderHint(): void {
    dataHint.textContent = t(`playground.hint.${setup.kind}`);
    const suggestion = SUGGESTIONS[setup.kind];
    tryButton.hidden = !suggestion || follows(suggestion, setup.features, setup.hidden);
  }

  function trySuggestion(): void {
    const suggestion = SUGGESTIONS[setup.kind];
    if (!suggestion) return;
    setup.features = [...suggestion.features];
    setup.hidden = [...suggestion.hidden];
    setup.activations = setup.hidden.map((_, l) => setup.activations[l] ?? setup.activations[setup.activations.length - 1] ?? 'tanh');
    structureChanged();
    dataSelect.focus();
  }

  function renderDataFields(): void {
    renderHint();
    noiseRange.value = String(setup.noise);
    noiseOut.textContent = String(setup.noise);
    ratioRange.value = String(setup.ratio);
    ratioOut.textContent = `${setup.ratio} %`;
    seedLabel.textContent = t('playground.seed', { seed: setup.seed });
  }

  function renderOutput(): void {
    const two = !task.regression && task.classes === 2;
    byId('pg-output-field')!.hidden = !two;
    outputText.hidden = two && setup.output !== 'tanh';
    outputText.textContent = two
      ? t('playground.output_tanh_note')
      : task.regression
        ? t('playground.output_regression')
        : t('playground.output_softmax', { classes: task.classes });
  }

  function renderEpoch(): void {
    exporter.refresh();
    epochLabel.textContent = batchInEpoch
      ? t('playground.epoch_batch', { epoch, next: epoch + 1, batch: batchInEpoch, count: batchCount })
      : t('playground.epoch', { n: epoch });
    root.dataset.epoch = String(epoch);
    root.dataset.batch = String(batchInEpoch);
    playButton.textContent = t(playing ? 'playground.pause' : 'playground.play');
    playButton.setAttribute('aria-pressed', String(playing));
  }

  function scale(): Scale {
    if (task.activation === 'softmax') return { kind: 'classes', classes: task.classes };
    if (task.activation === 'sigmoid') return { kind: 'value', lo: 0, hi: 1 };
    return { kind: 'value', lo: -1, hi: 1 };
  }

  // The core's work: the data, the examples, a fresh network, and what it draws.
  function rebuild(): void {
    dirty = false;
    pause();
    renderHint();
    try {
      data = makeDataset(core, setup, points.textFor(setup));
      task = taskOf(setup, data.regression, data.classes);
      examples = makeExamples(core, data, setup, task);
      probeData = { inputs: new Float64Array(data.train.length), targets: new Float64Array(data.train.length) };
      plane.setData(data, scale(), showTest.checked);
      points.update();
      renderOutput();
      resetTraining();
      if (pendingEpochs > 0 || pendingBatches > 0) settle = replay(pendingEpochs, pendingBatches);
      pendingEpochs = 0;
      pendingBatches = 0;
    } catch (e) {
      if (!isCoreError(e)) throw e;
      halt(errorMessage(e, undefined, t));
    }
  }

  /**
   * The student's points changed (points.ts): the data set again, and the
   * network trains on from where it is, unless the points are a new set
   * (`fresh`) or its output layer must change (another number of classes).
   * A core error goes back to the editor.
   */
  function dataEdited(done: boolean, fresh: boolean): void {
    const next = makeDataset(core, setup, points.textFor(setup));
    const nextTask = taskOf(setup, next.regression, next.classes);
    if (fresh || nextTask.outputs !== task.outputs || nextTask.activation !== task.activation) {
      rebuild();
    } else {
      examples = makeExamples(core, next, setup, task);
      data = next;
      probeData = { inputs: new Float64Array(data.train.length), targets: new Float64Array(data.train.length) };
      plane.setData(data, scale(), showTest.checked);
      // The epochs so far trained on the points before; with none, the curves start from the network's losses on these.
      if (epoch > 0 || batchInEpoch > 0) replayable = false;
      else startLosses();
      // Another set of points cuts the epochs otherwise.
      endPartEpoch();
    }
    if (done) host.changed();
  }

  /** A part-done epoch (One batch) ends here, and the next starts whole: the epochs so far no longer replay. */
  function endPartEpoch(): void {
    if (batchInEpoch === 0) return;
    batchInEpoch = 0;
    epoch += 1;
    replayable = false;
    renderEpoch();
  }

  /** Applies the setup's changes together, once the state is applied (or at once, from a control). */
  function schedule(): void {
    if (dirty) return;
    dirty = true;
    queueMicrotask(() => {
      if (dirty) rebuild();
    });
  }

  function structureChanged(): void {
    renderActivations();
    renderHint();
    view.build(shape());
    schedule();
    host.changed();
  }

  function shape() {
    const outputs = task ? task.outputs : 1;
    return { features, chosen: setup.features, hidden: setup.hidden, outputs };
  }

  function resetTraining(): void {
    pause();
    generation += 1;
    replayable = true;
    halted = '';
    stopped = null;
    explanation = null;
    watch.reset();
    status.textContent = '';
    delete root.dataset.stopped;
    epoch = 0;
    batchInEpoch = 0;
    state = null;
    exporter.forgetOpened();
    curves.clear();
    delete root.dataset.eTrain;
    delete root.dataset.eTest;
    try {
      network = makeNetwork(core, setup, task);
      view.build(shape());
      chain.reshape([setup.features.length, ...setup.hidden, task.outputs], data.train.length);
      show(network, networkGrid(core, setup, network));
      startLosses();
    } catch (e) {
      if (!isCoreError(e)) throw e;
      halt(errorMessage(e, undefined, t));
    }
    renderEpoch();
  }

  /**
   * The losses of the network as it stands, before training goes on from it
   * (the untrained network's at epoch 0, or an opened file's): the curves'
   * first point, the losses shown, and where the watch starts.
   */
  function startLosses(): void {
    let l;
    try {
      l = lossesOf(core, network, examples);
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return;
    }
    curves.clear();
    curves.add(epoch, l.E_train, l.E_test);
    curves.render();
    showLosses(l.E_train, l.E_test);
    watch.reset();
    if (l.E_train !== null) watch.begin({ epoch, E: l.E_train, E_test: l.E_test, network, state });
  }

  function show(net: Config, grid: ReturnType<typeof networkGrid> | null): void {
    lastGrid = grid;
    const outputs = grid ? grid.layers.slice(0, -1).reduce((a, b) => a + b, 0) : 0;
    plane.setHeat(grid, outputs);
    view.update(net, grid, scale());
    if (!playing) chain.refresh();
  }

  /** Why the epoch stopped, in words: the core's reason, and that the network is its last good state. */
  function stoppedText(): string {
    return stopped ? t(`playground.stop.${stopped.reason}`, stopped.params) : '';
  }

  /** The stop's message and, below it, the core's numbers that say why. */
  function renderStopped(): void {
    const why = explanation ? explanationList(explanation, t) : null;
    status.replaceChildren(h('span', { class: 'pg-stop' }, stoppedText()), ...(why ? [why] : []));
  }

  /** The core's diagnosis at the run's best state and at the state where it stopped. */
  function explain(stopEpoch: number): Explanation {
    const at = (net: Config, st: TrainingState | null) =>
      diagnose(core, { network: net, state: st, optimizer: optimizer(), data: examples.train, l1: setup.l1, l2: setup.l2 });
    const best = watch.best;
    return {
      lr: setup.lr,
      optimizer: setup.optimizer,
      bestEpoch: best ? best.epoch : stopEpoch,
      stopEpoch,
      good: best ? at(best.network, best.state) : null,
      bad: at(network, state),
    };
  }

  function halt(message: string): void {
    halted = message;
    status.textContent = message;
    pause();
  }

  /** Checks the training fields with the core, on one example: each error beside its field. */
  function checkTraining(): boolean {
    for (const id of ['pg-lr', 'pg-batch', 'pg-l1', 'pg-l2']) byId(`error-${id}`)!.textContent = '';
    for (const slot of optFields.querySelectorAll('.field-error')) slot.textContent = '';
    for (const f of [lrField, batchField, l1Field, l2Field]) f.removeAttribute('aria-invalid');
    try {
      core.trainingEpoch({
        network: probe,
        optimizer: optimizer(),
        data: probeData,
        batch_size: setup.batch,
        l1: setup.l1,
        l2: setup.l2,
      });
      return true;
    } catch (e) {
      if (!isCoreError(e)) throw e;
      const slots: Record<string, [string, HTMLInputElement]> = {
        'optimizer.lr': ['pg-lr', lrField],
        batch_size: ['pg-batch', batchField],
        l1: ['pg-l1', l1Field],
        l2: ['pg-l2', l2Field],
      };
      const setting = e.field.startsWith('optimizer.') && e.field !== 'optimizer.lr' ? e.field.slice('optimizer.'.length) : null;
      const optSlot = setting ? byId(`error-pg-opt-${setting}`) : null;
      if (optSlot) {
        optSlot.textContent = errorMessage(e, `${t(`race.name.${setup.optimizer}`)}: ${t(`race.setting.${setting}`)}`, t);
        pause();
        return false;
      }
      const slot = slots[e.field];
      const labels: Record<string, string> = { 'optimizer.lr': 'playground.lr', batch_size: 'playground.batch', l1: 'playground.l1', l2: 'playground.l2' };
      const message = errorMessage(e, labels[e.field] ? t(labels[e.field]) : undefined, t);
      if (slot) {
        byId(`error-${slot[0]}`)!.textContent = message;
        slot[1].setAttribute('aria-invalid', 'true');
      } else {
        status.textContent = message;
      }
      pause();
      return false;
    }
  }

  function optimizer() {
    return optimizerSpec(setup.optimizer, { ...optValues[setup.optimizer], lr: setup.lr });
  }

  /** The chosen optimizer's settings but η, as its form shows them: numbers, switches, Momentum's form. */
  function renderOptFields(): void {
    const kind = setup.optimizer;
    const v = optValues[kind];
    optFields.replaceChildren(
      ...settings[kind]
        .filter((st) => st.key !== 'lr' && (!st.when || st.when(v)))
        .map((st) => {
          const id = `pg-opt-${st.key}`;
          const changed = () => {
            if (epoch > 0) replayable = false;
            checkTraining();
            host.changed();
          };
          if (st.kind === 'number') {
            const f = textInput(id, v[st.key]);
            f.addEventListener('input', () => {
              v[st.key] = f.value;
              changed();
            });
            return h('div', { class: 'field' }, h('label', { for: id }, t(st.label)), f, errorSlot(id));
          }
          if (st.kind === 'boolean') {
            const f = h('input', { type: 'checkbox', id });
            f.checked = v[st.key] === 'true';
            f.addEventListener('change', () => {
              v[st.key] = String(f.checked);
              changed();
            });
            return h('div', { class: 'field check' }, f, h('label', { for: id }, t(st.label)));
          }
          const f = h('select', { id }, h('option', { value: 'ewa' }, t('race.form_ewa')), h('option', { value: 'pytorch' }, t('race.form_pytorch')));
          f.value = v.form;
          f.addEventListener('change', () => {
            v.form = f.value;
            renderOptFields();
            changed();
          });
          return h('div', { class: 'field' }, h('label', { for: id }, t(st.label)), f);
        }),
    );
  }

  /** The core's objection to an optimizer's settings (read in the form that shows `key`), or null. */
  function optimizerError(kind: OptimizerKind, values: Record<string, string>, key: string): CoreError | null {
    try {
      core.trainingEpoch({ network: probe, optimizer: optimizerSpec(kind, { ...showing(kind, values, key), lr: setup.lr }), data: probeData, batch_size: 1 });
      return null;
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return e.field === `optimizer.${key}` ? e : null;
    }
  }

  /**
   * The epochs an address asked for, from the fresh network: the core trains
   * them a few at a time, each task about 12 ms, and the page draws the last.
   */
  async function replay(n: number, batches: number): Promise<void> {
    const mine = generation;
    if (!checkTraining()) return;
    while (epoch < n && mine === generation) {
      const began = performance.now();
      let r;
      do {
        try {
          r = trainEpoch(core, setup, network, state, examples, epoch + 1, optimizer(), watch.start === null);
        } catch (e) {
          if (!isCoreError(e)) throw e;
          halt(errorMessage(e, undefined, t));
          return;
        }
        if (!accept(r)) break;
      } while (epoch < n && performance.now() - began < 12);
      curves.render();
      renderEpoch();
      if (stopped) break;
      await new Promise<void>((resolve) => nextTask(resolve));
    }
    if (mine !== generation) return;
    // The batches of the next epoch after them, in one call: the same bits as one at a time.
    if (batches > 0 && !stopped && epoch === n) {
      try {
        accept(trainEpoch(core, setup, network, state, examples, epoch + 1, optimizer(), watch.start === null, { first: 0, batches }));
      } catch (e) {
        if (!isCoreError(e)) throw e;
        halt(errorMessage(e, undefined, t));
        return;
      }
      curves.render();
    }
    show(network, networkGrid(core, setup, network));
    renderEpoch();
    // The address now names the epochs replayed (it was written before they ran).
    host.changed();
  }

  /**
   * Takes an epoch's result, or a part's (One batch): its network (after
   * it, or at its last good update), its losses; false when it stopped, by
   * the core's rule (not finite) or by the watch's (the loss kept above
   * where it started: then the network goes back to its best epoch). The
   * watch looks at whole epochs only.
   */
  function accept(r: EpochResult): boolean {
    const before = { epoch, network, state, batch: batchInEpoch };
    network = r.network;
    state = r.state;
    batchCount = r.batch_count;
    const done = batchInEpoch + r.updates;
    const whole = r.stopped_at === null && done >= r.batch_count;
    if (whole) {
      epoch += 1;
      batchInEpoch = 0;
    } else {
      batchInEpoch = done;
    }
    if (r.E_train_before !== null && watch.start === null && before.batch === 0 && Number.isFinite(r.E_train_before)) {
      watch.begin({ epoch: before.epoch, E: r.E_train_before, E_test: r.E_test_before, network: before.network, state: before.state });
      if (before.epoch === 0) curves.add(0, r.E_train_before, r.E_test_before);
    }
    curves.add(whole ? epoch : epoch + batchInEpoch / r.batch_count, r.E_train, r.E_test);
    showLosses(r.E_train, r.E_test);
    if (r.stopped_at !== null) {
      stopped = { epoch: epoch + 1, reason: r.stop_reason ?? 'diverged', params: { epoch: epoch + 1, step: before.batch + r.stopped_at } };
      explanation = explain(epoch + 1);
      return stopHere();
    }
    if (whole && r.E_train !== null && watch.add({ epoch, E: r.E_train, E_test: r.E_test, network, state })) {
      const best = watch.best!;
      explanation = explain(epoch);
      stopped = {
        epoch,
        reason: 'rising',
        params: { epoch, n: PATIENCE, start: short(watch.start!, 4), now: short(r.E_train, 4), best: best.epoch, best_loss: short(best.E, 4) },
      };
      // Back to the best state: the epochs after it are drawn faded until training goes on.
      network = best.network;
      state = best.state;
      epoch = best.epoch;
      watch.restart();
      curves.rewind(epoch);
      showLosses(best.E, best.E_test);
      show(network, networkGrid(core, setup, network));
      return stopHere();
    }
    if (stopped) {
      stopped = null;
      explanation = null;
      delete root.dataset.stopped;
      status.textContent = '';
    }
    return true;
  }

  /** Training stops where `stopped` says, and says why: false, for accept. */
  function stopHere(): false {
    root.dataset.stopped = stopped!.reason;
    renderStopped();
    pause();
    return false;
  }

  /** The losses the page shows, in the root's data (a loss that is not a finite number is left out, as on the screen). */
  function showLosses(train: number | null, test: number | null): void {
    root.dataset.eTrain = train !== null && Number.isFinite(train) ? digits17(train) : '';
    root.dataset.eTest = test !== null && Number.isFinite(test) ? digits17(test) : '';
  }

  // Training: one epoch a frame.
  /** Trains the rest of the epoch (Play, One epoch), or its next batch (One batch), and draws it. */
  function step(oneBatch = false): boolean {
    if (dirty) rebuild();
    if (halted || !checkTraining()) return false;
    generation += 1;
    let f;
    const part = oneBatch || batchInEpoch > 0 ? { first: batchInEpoch, ...(oneBatch ? { batches: 1 } : {}) } : undefined;
    try {
      f = frame(core, setup, network, state, examples, epoch + 1, optimizer(), watch.start === null && batchInEpoch === 0, part);
    } catch (e) {
      if (!isCoreError(e)) throw e;
      halt(errorMessage(e, undefined, t));
      return false;
    }
    const going = accept(f.epoch);
    curves.render();
    // A run the watch stopped went back to its best state, drawn already.
    if (stopped?.reason !== 'rising') show(network, f.grid);
    root.dataset.epochMs = f.epochMs.toFixed(2);
    root.dataset.gridMs = f.gridMs.toFixed(2);
    renderEpoch();
    return going;
  }

  function stepBatch(): void {
    pause();
    step(true);
  }

  function play(): void {
    if (playing) return;
    playing = true;
    chain.close();
    renderEpoch();
    const tick = () => {
      if (!playing) return;
      if (!step()) {
        pause();
        return;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
  }

  function pause(): void {
    if (!playing) return;
    playing = false;
    cancelAnimationFrame(raf);
    renderEpoch();
    // The address keeps the epoch reached (not each frame's: a page may rewrite its address only so often).
    host.changed();
  }

  /** A weights file the core accepted: its features, layers and output, then its weights on the same data. */
  function openWeights(w: OpenedWeights): void {
    pause();
    pendingEpochs = 0;
    pendingBatches = 0;
    setup.features = [...w.features];
    setup.hidden = [...w.hidden];
    setup.activations = [...w.activations];
    if (w.output === 'tanh' || w.output === 'sigmoid') setup.output = w.output;
    renderLists();
    renderActivations();
    rebuild();
    network = w.network;
    // The file's epoch, and its losses on the points on screen: training goes on from there.
    epoch = w.epoch;
    replayable = false;
    startLosses();
    show(network, networkGrid(core, setup, network));
    renderEpoch();
    host.changed();
  }

  function regenerate(): void {
    setup.seed = setup.seed >= 2147483647 ? 0 : setup.seed + 1;
    renderDataFields();
    rebuild();
    host.changed();
  }

  // Controls.
  dataSelect.addEventListener('change', () => {
    setup.kind = dataSelect.value as DatasetKind;
    const info = datasets.find((d) => d.name === setup.kind)!;
    if (!hasClasses(setup.kind)) setup.classes = 2;
    else setup.classes = Math.min(setup.classes, info.max_classes);
    renderLists();
    rebuild();
    host.changed();
  });
  classesSelect.addEventListener('change', () => {
    setup.classes = Number(classesSelect.value);
    rebuild();
    host.changed();
  });
  noiseRange.addEventListener('input', () => {
    setup.noise = Number(noiseRange.value);
    renderDataFields();
    rebuild();
    host.changed();
  });
  ratioRange.addEventListener('input', () => {
    setup.ratio = Number(ratioRange.value);
    renderDataFields();
    rebuild();
    host.changed();
  });
  showTest.addEventListener('change', () => {
    plane.setShowTest(showTest.checked);
    host.changed();
  });
  outputSelect.addEventListener('change', () => {
    setup.output = outputSelect.value as Setup['output'];
    rebuild();
    host.changed();
  });
  optimizerSelect.addEventListener('change', () => {
    setup.optimizer = optimizerSelect.value as OptimizerKind;
    // Another optimizer starts with its own state.
    state = null;
    if (epoch > 0) replayable = false;
    renderOptFields();
    checkTraining();
    host.changed();
  });
  /** The training fields' last texts the core accepted: what the address keeps while a field is wrong. */
  let valid = { lr: setup.lr, batch: setup.batch, l1: setup.l1, l2: setup.l2 };
  const trainingField = (input: HTMLInputElement, key: 'lr' | 'batch' | 'l1' | 'l2') =>
    input.addEventListener('input', () => {
      setup[key] = input.value;
      // Another batch size cuts the epoch otherwise.
      if (key === 'batch') endPartEpoch();
      // The epochs so far ran with another setting: a replay with this one would not give these weights.
      if (epoch > 0) replayable = false;
      if (checkTraining()) valid = { lr: setup.lr, batch: setup.batch, l1: setup.l1, l2: setup.l2 };
      host.changed();
    });
  trainingField(lrField, 'lr');
  trainingField(batchField, 'batch');
  trainingField(l1Field, 'l1');
  trainingField(l2Field, 'l2');

  function retranslate(): void {
    renderLists();
    renderActivations();
    renderDataFields();
    renderOptFields();
    if (task) renderOutput();
    view.retranslate();
    if (network) view.update(network, lastGrid, scale());
    plane.retranslate();
    chain.retranslate();
    points.retranslate();
    curves.render();
    exporter.retranslate();
    renderEpoch();
    if (stopped) renderStopped();
    else if (halted) status.textContent = halted;
  }

  const stopTheme = onThemeChange(() =>
    queueMicrotask(() => {
      plane.repaint();
      points.update();
      view.recolour();
      if (network) view.update(network, lastGrid, scale());
    }),
  );

  /** Back to TensorFlow Playground's defaults. */
  function reset(): void {
    pause();
    pendingEpochs = 0;
    setup = copySetup(DEFAULT_SETUP);
    points.clear();
    showTest.checked = true;
    lrField.value = setup.lr;
    batchField.value = setup.batch;
    l1Field.value = setup.l1;
    l2Field.value = setup.l2;
    valid = { lr: setup.lr, batch: setup.batch, l1: setup.l1, l2: setup.l2 };
    optValues = Object.fromEntries(kinds.map((k) => [k, defaults(k)])) as Record<OptimizerKind, Record<string, string>>;
    renderOptFields();
    checkTraining();
    renderLists();
    renderActivations();
    renderDataFields();
    view.build(shape());
    schedule();
  }

  // The state's keys: how a text is checked and applied.
  const listOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);
  const integer = (text: string, lo: number, hi: number) => {
    const v = Number(text.trim());
    return /^\d+$/.test(text.trim()) && v >= lo && v <= hi ? v : null;
  };
  const range = (key: 'noise' | 'ratio', lo: number, hi: number, el: HTMLInputElement): Binding => ({
    key,
    get: () => String(setup[key]),
    fallback: () => String(DEFAULT_SETUP[key]),
    set(text) {
      const v = integer(text, lo, hi);
      if (v === null) return () => t('playground.state_range', { min: lo, max: hi });
      setup[key] = v;
      el.value = String(v);
      renderDataFields();
      schedule();
      return null;
    },
  });
  const trainingBinding = (key: 'lr' | 'batch' | 'l1' | 'l2', input: HTMLInputElement): Binding => ({
    key,
    get: () => valid[key],
    fallback: () => DEFAULT_SETUP[key],
    set(text) {
      const before = setup[key];
      setup[key] = text;
      input.value = text;
      if (checkTraining()) {
        valid = { ...valid, [key]: text };
        return null;
      }
      const message = byId(`error-${input.id}`)!.textContent ?? '';
      setup[key] = before;
      input.value = before;
      checkTraining();
      return () => message;
    },
  });
  const bindings: Binding[] = [
    choice('data', datasets.map((d) => d.name), () => setup.kind, (v) => {
      setup.kind = v as DatasetKind;
      if (!hasClasses(setup.kind)) setup.classes = 2;
      renderLists();
      schedule();
    }, () => DEFAULT_SETUP.kind),
    {
      key: 'classes',
      get: () => String(setup.classes),
      fallback: () => '2',
      set(text) {
        const info = datasets.find((d) => d.name === setup.kind)!;
        if (!hasClasses(setup.kind)) return () => t('playground.state_classes_only');
        const v = integer(text, 2, info.max_classes);
        if (v === null) return () => t('playground.state_range', { min: 2, max: info.max_classes });
        setup.classes = v;
        classesSelect.value = String(v);
        schedule();
        return null;
      },
    },
    range('noise', 0, 50, noiseRange),
    range('ratio', 10, 90, ratioRange),
    {
      key: 'seed',
      get: () => String(setup.seed),
      fallback: () => String(DEFAULT_SETUP.seed),
      set(text) {
        const v = integer(text, 0, 2147483647);
        if (v === null) return () => t('playground.state_range', { min: 0, max: 2147483647 });
        setup.seed = v;
        renderDataFields();
        schedule();
        return null;
      },
    },
    {
      key: 'features',
      get: () => setup.features.join(','),
      fallback: () => DEFAULT_SETUP.features.join(','),
      set(text) {
        const names = features.map((f) => f.name);
        const asked = listOf(text);
        if (!asked.length || asked.some((n) => !names.includes(n))) return () => t('state.one_of', { values: names.join(', ') });
        setup.features = names.filter((n) => asked.includes(n));
        view.build(shape());
        schedule();
        return null;
      },
    },
    {
      key: 'layers',
      get: () => setup.hidden.join(','),
      fallback: () => DEFAULT_SETUP.hidden.join(','),
      set(text) {
        const sizes = text.trim() === '' || text.trim() === '0' ? [] : listOf(text).map((v) => integer(v, 1, MAX_NEURONS));
        if (sizes.length > MAX_HIDDEN_LAYERS || sizes.some((v) => v === null)) return () => t('playground.state_layers', { layers: MAX_HIDDEN_LAYERS, neurons: MAX_NEURONS });
        setup.hidden = sizes as number[];
        // Each layer keeps its activation; a new one takes the last.
        setup.activations = setup.hidden.map((_, l) => setup.activations[l] ?? setup.activations[setup.activations.length - 1] ?? 'tanh');
        renderActivations();
        view.build(shape());
        schedule();
        return null;
      },
    },
    {
      key: 'activations',
      get: () => setup.activations.join(','),
      fallback: () => setup.hidden.map(() => 'tanh').join(','),
      set(text) {
        const asked = listOf(text);
        if (asked.length !== setup.hidden.length || asked.some((a) => !hiddenActivations.includes(a))) {
          return () => t('playground.state_activations', { n: setup.hidden.length, values: hiddenActivations.join(', ') });
        }
        setup.activations = asked;
        renderActivations();
        schedule();
        return null;
      },
    },
    choice('output', ['tanh', 'sigmoid'], () => setup.output, (v) => {
      setup.output = v as Setup['output'];
      outputSelect.value = v;
      schedule();
    }, () => DEFAULT_SETUP.output),
    choice('optimizer', kinds, () => setup.optimizer, (v) => {
      setup.optimizer = v as OptimizerKind;
      optimizerSelect.value = v;
      state = null;
      renderOptFields();
    }, () => DEFAULT_SETUP.optimizer),
    // Each optimizer's settings, as the race and the training page name them (sgd.weight_decay, adam.beta1 …).
    ...kinds.flatMap((kind) =>
      settings[kind]
        .filter((st) => st.key !== 'lr')
        .map((st): Binding => ({
          key: `${kind}.${st.key}`,
          get: () => optValues[kind][st.key],
          fallback: () => defaults(kind)[st.key],
          set(text) {
            if (st.kind === 'boolean' && !['true', 'false'].includes(text)) return () => t('state.one_of', { values: 'true, false' });
            if (st.kind === 'form' && !['ewa', 'pytorch'].includes(text)) return () => t('state.one_of', { values: 'ewa, pytorch' });
            const values = { ...optValues[kind], [st.key]: text };
            const e = optimizerError(kind, values, st.key);
            if (e) return () => errorMessage(e, `${t(`race.name.${kind}`)}: ${t(`race.setting.${st.key}`)}`, t);
            optValues[kind] = values;
            renderOptFields();
            return null;
          },
        })),
    ),
    trainingBinding('lr', lrField),
    trainingBinding('batch', batchField),
    trainingBinding('l1', l1Field),
    trainingBinding('l2', l2Field),
    flag('show_test', () => showTest.checked, (on) => {
      showTest.checked = on;
      plane.setShowTest(on);
    }, true),
    // The student's points, on the data set the keys above make.
    points.binding(),
    // Last: the epochs trained from the fresh network, with the settings above, and the batches of the next.
    {
      key: 'epoch',
      get: () => String(replayable ? epoch : 0),
      fallback: () => '0',
      set(text) {
        const v = integer(text, 0, MAX_REPLAY);
        if (v === null) return () => t('playground.state_range', { min: 0, max: MAX_REPLAY });
        pendingEpochs = v;
        schedule();
        return null;
      },
    },
    {
      key: 'batches',
      get: () => String(replayable ? batchInEpoch : 0),
      fallback: () => '0',
      set(text) {
        // At most an epoch's batches but one, for the batch size asked (the core checks it again).
        const v = integer(text, 0, MAX_BATCHES);
        if (v === null) return () => t('playground.state_range', { min: 0, max: MAX_BATCHES });
        pendingBatches = v;
        schedule();
        return null;
      },
    },
    // After the epochs: the example and the weight whose chain is open.
    ...chain.bindings(),
  ];

  renderLists();
  renderActivations();
  renderDataFields();
  renderOptFields();
  view.build(shape());
  translateTree(root, t);
  rebuild();
  return {
    bindings,
    reset,
    retranslate,
    // The state's rebuild runs in a microtask after it is applied; a replay it starts, after that.
    settled: () => new Promise<void>((resolve) => queueMicrotask(() => resolve(settle))),
    stop: () => {
      pause();
      stopTheme();
    },
  };
}
