// The training loop page: PyTorch's zero_grad -> backward -> step on the
// network, phase by phase, then run for thousands of iterations.
import trainingCss from './training.css?inline';
import type { BackpropCore, Config, CoreError, LoopBug, TrainingIteration, TrainingSpec, TrainingState } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import { exact } from '../shared/format';
import { translateTree } from '../shared/i18n';
import { type Binding, checkboxBinding, choice, coreCheck, fieldBinding, type Widget, type WidgetHost } from '../shared/widget';
import { defaults, kinds, type OptimizerKind, settings, showing, spec as optimizerSpec, useCatalog } from '../optimizers/racers';
import { PhaseView, phases, torch2Key } from './phases';
import { bugs, BugQuiz, quizQuestions } from './quiz';
import { RunChart, shortLabel, trainInChunks } from './runs';


function input(id: string, value: string): HTMLInputElement {
  return h('input', { type: 'text', id, value, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `error-${id}` });
}

export const css = [trainingCss];

/** The furthest iteration an address can open at, phase by phase. */
const MAX_ITERATION = 1000;
const DEFAULT_CSV = 'x1, x2, t1, t2\n0.05, 0.1, 0.01, 0.99\n0.5, 0.2, 0.9, 0.1\n0.9, 0.9, 0.5, 0.5';
const DEFAULT_SHAPE = { layers: '2, 3, 2', activations: 'tanh, sigmoid', seed: '1' };

export function mount(core: BackpropCore, host: WidgetHost): Widget {
  useCatalog(core);
  // Every message in the widget's own language.
  const { t } = host;
  const root = host.root;
  root.classList.add('training-page');
  const byId = (id: string) => root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);

  // The setup, as the student sets it.
  let network: Config = core.classic();
  let kind: OptimizerKind = 'sgd';
  const values: Record<OptimizerKind, Record<string, string>> = Object.fromEntries(kinds.map((id) => [id, defaults(id)])) as Record<OptimizerKind, Record<string, string>>;
  values.sgd.lr = '0.5';
  let classic = true;

  // Controls.
  const networkChoice = h('select', { id: 'network-choice' });
  const layersField = input('layers', DEFAULT_SHAPE.layers);
  const activationsField = input('activations', DEFAULT_SHAPE.activations);
  const seedField = input('seed', DEFAULT_SHAPE.seed);
  // The losses and activations the core has, from its tables.
  const LOSSES: string[] = core.losses().map((l) => l.name);
  const activationNames = core.activations().map((a) => a.name);
  const shapeHint = h('p', { class: 'hint', id: 'shape-hint' });
  const renderShapeHint = () => {
    shapeHint.textContent = t('training.shape_hint', { activations: activationNames.join(', ') });
  };
  renderShapeHint();
  const shapeBox = h(
    'div',
    { class: 'shape', id: 'shape' },
    h('div', { class: 'field' }, h('label', { for: 'layers', 'data-i18n': 'training.layers' }), layersField, errorSlot('layers')),
    h('div', { class: 'field' }, h('label', { for: 'activations', 'data-i18n': 'training.activations' }), activationsField, errorSlot('activations')),
    h('div', { class: 'field' }, h('label', { for: 'seed', 'data-i18n': 'training.seed' }), seedField, errorSlot('seed')),
    h('button', { type: 'button', id: 'make-network', onclick: () => makeNetwork(), 'data-i18n': 'training.make_network' }),
    shapeHint,
  );
  const lossSelect = h('select', { id: 'training-loss' });
  const betaField = input('loss-beta', '1');
  const smoothingField = input('loss-smoothing', '0');
  const kindSelect = h('select', { id: 'optimizer-kind' });
  const optimizerFields = h('div', { class: 'optimizer-fields' });
  const zeroGrad = h('input', { type: 'checkbox', id: 'forget-zero-grad' });
  const bugSelect = h('select', { id: 'loop-bug', 'aria-describedby': 'bug-hint bug-hint-torch2' });
  const retainGraph = h('input', { type: 'checkbox', id: 'retain-graph' });
  const bugHint = h('p', { class: 'hint', id: 'bug-hint' });
  const bugTorch2 = h('p', { class: 'hint torch2', id: 'bug-hint-torch2' });
  const ownData = h('input', { type: 'checkbox', id: 'own-data' });
  const dataText = h('textarea', { id: 'csv', rows: 6, spellcheck: 'false', 'aria-describedby': 'error-csv' });
  const setupError = h('p', { class: 'field-error', role: 'alert', id: 'setup-error' });

  // Iteration state.
  let current: { network: Config; state: TrainingState | null } = { network, state: null };
  let iteration: TrainingIteration | null = null;
  let phase = -1;

  const phaseView = new PhaseView(t, (term) => host.href('stepper', new Map([['term', term]])));
  const nextPhase = h('button', { type: 'button', id: 'next-phase', class: 'primary', onclick: () => advancePhase(), 'data-i18n': 'training.next_phase' });
  const restart = h('button', { type: 'button', id: 'restart', onclick: () => resetIterations(), 'data-i18n': 'training.restart' });
  const chart = new RunChart(t);
  const quiz = new BugQuiz(core, t, () => host.changed());
  const iterationsField = input('iterations', '10000');
  const runButton = h('button', { type: 'button', id: 'run', class: 'primary', onclick: () => run(), 'data-i18n': 'training.run' });
  const stopButton = h('button', { type: 'button', id: 'stop', onclick: () => (cancel = true), disabled: true, 'data-i18n': 'training.stop' });
  const progress = h('progress', { id: 'run-progress', max: 1, value: 0 });
  const runStatus = h('p', { class: 'hint', id: 'run-status', 'aria-live': 'polite' });
  const checkTable = h('div', { id: 'gradient-check' });
  const script = h('textarea', { id: 'script', rows: 16, readonly: true, spellcheck: 'false', 'aria-labelledby': 'export-title' });
  const copied = h('span', { class: 'hint', 'aria-live': 'polite' });
  let cancel = false;
  iterationsField.addEventListener('input', () => host.changed());

  root.replaceChildren(
    h('div', { class: 'intro', 'data-part': 'intro' }, h('h1', { 'data-i18n': 'training.heading' }), h('p', { 'data-i18n': 'training.intro' })),
    h(
      'section',
      { class: 'setup', 'aria-labelledby': 'setup-title', 'data-part': 'setup', 'data-lock': 'setup' },
      h('h2', { id: 'setup-title', 'data-i18n': 'training.setup' }),
      h(
        'div',
        { class: 'setup-grid' },
        h('div', { class: 'field' }, h('label', { for: 'network-choice', 'data-i18n': 'training.network' }), networkChoice),
        h('div', { class: 'field' }, h('label', { for: 'training-loss', 'data-i18n': 'training.loss' }), lossSelect, errorSlot('training-loss')),
        h('div', { class: 'field', id: 'beta-field' }, h('label', { for: 'loss-beta', 'data-i18n': 'losses.beta' }), betaField, errorSlot('loss-beta')),
        h('div', { class: 'field', id: 'smoothing-field' }, h('label', { for: 'loss-smoothing', 'data-i18n': 'losses.label_smoothing' }), smoothingField, errorSlot('loss-smoothing')),
        h('div', { class: 'field' }, h('label', { for: 'optimizer-kind', 'data-i18n': 'training.optimizer' }), kindSelect),
      ),
      shapeBox,
      optimizerFields,
      h(
        'fieldset',
        { class: 'buglab', id: 'buglab' },
        h('legend', { 'data-i18n': 'buglab.title' }),
        h('div', { class: 'toggle' }, zeroGrad, h('label', { for: 'forget-zero-grad', 'data-i18n': 'training.forget_zero_grad' }), h('p', { class: 'hint', 'data-i18n': 'training.forget_zero_grad_hint' })),
        h('div', { class: 'field' }, h('label', { for: 'loop-bug', 'data-i18n': 'buglab.choose' }), bugSelect),
        h('div', { class: 'toggle', id: 'retain-graph-toggle' }, retainGraph, h('label', { for: 'retain-graph', 'data-i18n': 'buglab.retain_graph' })),
        bugHint,
        bugTorch2,
      ),
      h('div', { class: 'toggle' }, ownData, h('label', { for: 'own-data', 'data-i18n': 'training.own_data' })),
      h('div', { class: 'csv-box', id: 'csv-box' }, h('label', { for: 'csv', 'data-i18n': 'training.csv_label' }), dataText, errorSlot('csv')),
      setupError,
    ),
    h('section', { class: 'iteration', 'aria-labelledby': 'iteration-title', 'data-part': 'phases' }, h('h2', { id: 'iteration-title', 'data-i18n': 'training.one_iteration' }), h('div', { class: 'buttons' }, nextPhase, restart), phaseView.element),
    h(
      'section',
      { class: 'run', 'aria-labelledby': 'run-title', 'data-part': 'run' },
      h('h2', { id: 'run-title', 'data-i18n': 'training.run_title' }),
      h('div', { class: 'buttons' }, h('label', { for: 'iterations', 'data-i18n': 'training.iterations' }), iterationsField, runButton, stopButton, progress),
      errorSlot('iterations'),
      runStatus,
      chart.element,
      h('div', { class: 'quiz', role: 'group', 'aria-labelledby': 'quiz-title' }, h('h3', { id: 'quiz-title', 'data-i18n': 'buglab.quiz.title' }), quiz.element),
    ),
    h(
      'section',
      { class: 'check', 'aria-labelledby': 'check-title', 'data-part': 'check' },
      h('h2', { id: 'check-title', 'data-i18n': 'training.check_title' }),
      h('p', { class: 'hint', 'data-i18n': 'training.check_hint' }),
      h('button', { type: 'button', id: 'check', onclick: () => gradientCheck(), 'data-i18n': 'training.check' }),
      checkTable,
    ),
    h(
      'section',
      { class: 'export', 'aria-labelledby': 'export-title', 'data-part': 'export' },
      h('h2', { id: 'export-title', 'data-i18n': 'training.export_title' }),
      h('p', { class: 'hint', 'data-i18n': 'training.export_hint' }),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', id: 'export', onclick: () => exportScript(), 'data-i18n': 'training.export' }),
        h('button', { type: 'button', id: 'copy', onclick: () => copyScript(), 'data-i18n': 'training.copy' }),
        h('button', { type: 'button', id: 'download', onclick: () => downloadScript(), 'data-i18n': 'training.download' }),
        copied,
      ),
      script,
    ),
  );

  // The spec the core reads, from the controls; the loss and data errors show beside their fields.
  /** The network with the loss chosen (what the core checks later). */
  function networkWithLoss(): Config {
    const loss = lossSelect.value;
    return {
      ...network,
      loss: loss === 'smooth_l1' ? { kind: loss, beta: betaField.value } : loss === 'ce' ? { kind: loss, label_smoothing: smoothingField.value } : loss,
    };
  }

  function spec(): TrainingSpec {
    const s: TrainingSpec = { network: networkWithLoss(), optimizer: optimizerSpec(kind, values[kind]), zero_grad: !zeroGrad.checked };
    if (bug() !== 'none') {
      s.bug = bug();
      s.retain_graph = retainGraph.checked;
    }
    if (ownData.checked) {
      const parsed = core.csv({ text: dataText.value, inputs: Number(network.layers[0]), targets: Number(network.layers[network.layers.length - 1]) });
      s.data = parsed;
    }
    return s;
  }

  function showError(e: CoreError): void {
    const slots: Record<string, string> = { csv: 'csv', beta: 'loss-beta', label_smoothing: 'loss-smoothing', loss: 'training-loss', layers: 'layers', activations: 'activations', seed: 'seed', iterations: 'iterations' };
    const field = e.field.replace(/\[\d+\]$/, '');
    const slot = byId(`error-${slots[field] ?? ''}`) ?? (e.field.startsWith(`${kind}.`) ? byId(`error-optimizer-${e.field.split('.')[1]}`) : null);
    const label = e.field.startsWith('optimizer.') ? `${t(`race.name.${kind}`)}: ${t(`race.setting.${e.field.split('.')[1]}`)}` : undefined;
    (slot ?? setupError).textContent = errorMessage(e, label, t);
  }

  function bug(): LoopBug {
    return bugSelect.value as LoopBug;
  }

  function renderBugs(): void {
    const chosen = bugSelect.value || 'none';
    bugSelect.replaceChildren(...bugs.map((id) => h('option', { value: id }, t(`buglab.bug.${id}`))));
    bugSelect.value = chosen;
    renderBugHint();
  }

  function renderBugHint(): void {
    root.querySelector<HTMLElement>('#retain-graph-toggle')!.hidden = bug() !== 'backward_twice';
    bugHint.textContent = t(`buglab.hint.${bug() === 'backward_twice' && !retainGraph.checked ? 'backward_twice_no_retain' : bug()}`);
    // Where PyTorch 2.x's zero_grad() changes what the bug does.
    const torch2 = torch2Key(bug());
    bugTorch2.hidden = !torch2;
    bugTorch2.textContent = torch2 ? t(torch2) : '';
  }

  function clearErrors(): void {
    for (const el of root.querySelectorAll<HTMLElement>('.setup .field-error, #error-iterations')) el.textContent = '';
  }

  /** Validates the setup; on success the iteration view restarts from it. */
  function setupChanged(): void {
    clearErrors();
    try {
      const s = spec();
      const { lines } = core.trainingRun({ ...s, iterations: 0 });
      phaseView.setListing(lines, bug(), retainGraph.checked);
      resetIterations();
    } catch (e) {
      if (!isCoreError(e)) throw e;
      // optimizer.<key> errors name the optimizer's field.
      if (e.field.startsWith('optimizer.')) {
        const slot = byId(`error-optimizer-${e.field.split('.')[1]}`);
        if (slot) slot.textContent = errorMessage(e, `${t(`race.name.${kind}`)}: ${t(`race.setting.${e.field.split('.')[1]}`)}`, t);
        else showError(e);
      } else {
        showError(e);
      }
    }
  }

  function renderNetworkChoice(): void {
    networkChoice.replaceChildren(h('option', { value: 'classic' }, t('training.network_classic')), h('option', { value: 'shape' }, t('training.network_shape')));
    networkChoice.value = classic ? 'classic' : 'shape';
    shapeBox.hidden = classic;
  }

  networkChoice.addEventListener('change', () => {
    classic = networkChoice.value === 'classic';
    shapeBox.hidden = classic;
    if (classic) {
      network = core.classic();
      lossSelect.value = 'half_sse';
      setupChanged();
    } else {
      makeNetwork();
    }
  });

  function makeNetwork(): void {
    clearErrors();
    try {
      network = core.newNetwork({
        layers: layersField.value.split(/[,\s]+/).filter(Boolean),
        activations: activationsField.value.split(/[,\s]+/).filter(Boolean),
        loss: lossSelect.value,
        seed: seedField.value,
      });
      setupChanged();
    } catch (e) {
      if (!isCoreError(e)) throw e;
      showError(e);
    }
  }

  function renderLosses(): void {
    lossSelect.replaceChildren(...LOSSES.map((l) => h('option', { value: l }, t(`training.loss_${l}`))));
  }
  lossSelect.addEventListener('change', () => {
    betaField.closest('.field')!.toggleAttribute('hidden', lossSelect.value !== 'smooth_l1');
    smoothingField.closest('.field')!.toggleAttribute('hidden', lossSelect.value !== 'ce');
    setupChanged();
  });
  for (const f of [betaField, smoothingField]) f.addEventListener('input', () => setupChanged());

  function renderKinds(): void {
    kindSelect.replaceChildren(...kinds.map((id) => h('option', { value: id }, t(`race.name.${id}`))));
    kindSelect.value = kind;
  }
  kindSelect.addEventListener('change', () => {
    kind = kindSelect.value as OptimizerKind;
    renderOptimizerFields();
    setupChanged();
  });

  function renderOptimizerFields(): void {
    const v = values[kind];
    optimizerFields.replaceChildren(
      ...settings[kind]
        .filter((s) => !s.when || s.when(v))
        .map((s) => {
          const id = `optimizer-${s.key}`;
          if (s.kind === 'number') {
            const f = input(id, v[s.key]);
            f.addEventListener('input', () => {
              v[s.key] = f.value;
              setupChanged();
            });
            return h('div', { class: 'field' }, h('label', { for: id }, t(s.label)), f, errorSlot(id));
          }
          if (s.kind === 'boolean') {
            const f = h('input', { type: 'checkbox', id });
            f.checked = v[s.key] === 'true';
            f.addEventListener('change', () => {
              v[s.key] = String(f.checked);
              setupChanged();
            });
            return h('div', { class: 'field check' }, f, h('label', { for: id }, t(s.label)));
          }
          const f = h('select', { id }, h('option', { value: 'ewa' }, t('race.form_ewa')), h('option', { value: 'pytorch' }, t('race.form_pytorch')));
          f.value = v.form;
          f.addEventListener('change', () => {
            v.form = f.value;
            renderOptimizerFields();
            setupChanged();
          });
          return h('div', { class: 'field' }, h('label', { for: id }, t(s.label)), f);
        }),
    );
  }

  zeroGrad.addEventListener('change', () => setupChanged());
  bugSelect.addEventListener('change', () => {
    renderBugHint();
    setupChanged();
  });
  retainGraph.addEventListener('change', () => {
    renderBugHint();
    setupChanged();
  });
  ownData.addEventListener('change', () => {
    dataText.closest('.csv-box')!.toggleAttribute('hidden', !ownData.checked);
    if (ownData.checked && !dataText.value) dataText.value = DEFAULT_CSV;
    setupChanged();
  });
  dataText.addEventListener('input', () => setupChanged());

  // One iteration, phase by phase.
  function resetIterations(): void {
    // Never throws: data that does not read is reported by the next phase, as any setup error.
    current = { network: networkWithLoss(), state: null };
    iteration = null;
    phase = -1;
    renderPhase();
  }

  function advancePhase(): void {
    try {
      if (iteration && PhaseView.stopsAt(iteration) === phase) return; // PyTorch stopped the loop here
      if (!iteration || phase === phaseView.listing.length - 1) {
        // A new iteration: the core runs it whole, the page shows it a phase at a time.
        iteration = core.trainingIteration({ ...spec(), network: current.network, state: current.state });
        current = { network: iteration.network, state: iteration.state };
        phase = 0;
      } else {
        phase += 1;
      }
      renderPhase();
    } catch (e) {
      if (!isCoreError(e)) throw e;
      showError(e);
    }
  }

  function renderPhase(): void {
    // Links into the stepper hold where its numbers are these: the classic example, first iteration, one example.
    const links = classic && !ownData.checked && iteration?.iteration === 1 && lossSelect.value === 'half_sse';
    phaseView.render(iteration, phase, !zeroGrad.checked, Boolean(links));
    const stopped = phase >= 0 && PhaseView.stopsAt(iteration) === phase;
    nextPhase.disabled = stopped;
    nextPhase.textContent = t(stopped ? 'buglab.stopped_button' : phase === phaseView.listing.length - 1 ? 'training.next_iteration' : 'training.next_phase');
    host.changed();
  }

  // Runs.
  async function run(): Promise<void> {
    clearErrors();
    let s: TrainingSpec;
    let n: number;
    try {
      s = spec();
      core.trainingRun({ ...s, iterations: iterationsField.value, check: true });
      n = core.number(iterationsField.value, 'iterations');
    } catch (e) {
      if (!isCoreError(e)) throw e;
      showError(e);
      return;
    }
    cancel = false;
    runButton.disabled = true;
    stopButton.disabled = false;
    // A bug is shown beside the correct loop: alone, a curve that falls fast looks like success.
    const chosen = bug();
    const onlyZeroGrad = zeroGrad.checked && chosen === 'none';
    const pair = zeroGrad.checked || chosen !== 'none';
    const name = shortLabel(t, kind, values[kind].lr);
    const retain = retainGraph.checked;
    const buggy = () => [...(chosen === 'none' ? [] : [t(`buglab.bug.${chosen}`) + (chosen === 'backward_twice' && retain ? ' (retain_graph=True)' : '')]), ...(zeroGrad.checked ? [t('training.without_zero_grad')] : [])].join(', ');
    const runs: { spec: TrainingSpec; label: () => string }[] = onlyZeroGrad
      ? [
          { spec: { ...s, zero_grad: true }, label: () => `${name} — ${t('training.with_zero_grad')}` },
          { spec: s, label: () => `${name} — ${t('training.without_zero_grad')}` },
        ]
      : pair
        ? [
            { spec: { ...s, zero_grad: true, bug: 'none' }, label: () => `${name} — ${t('buglab.correct_loop')}` },
            { spec: s, label: () => `${name} — ${buggy()}` },
          ]
        : [{ spec: s, label: () => name }];
    progress.max = n * runs.length;
    progress.value = 0;
    runStatus.textContent = t('training.running');
    const losses: number[][] = [];
    let totalMs = 0;
    let longestMs = 0;
    for (const [k, one] of runs.entries()) {
      const r = await trainInChunks(core, one.spec, n, (done) => (progress.value = k * n + done), () => cancel);
      chart.add({ label: one.label, E: r.E, divergedAt: r.divergedAt, stopReason: r.stopReason, outputs: r.outputs, error: r.error });
      losses.push(r.E);
      totalMs += r.totalMs;
      longestMs = Math.max(longestMs, r.longestMs);
      if (cancel) break;
    }
    if (pair && !onlyZeroGrad && losses.length === 2 && !cancel) {
      chart.compareBug({ comparison: core.compareRuns({ a: losses[0], b: losses[1] }), buggy: losses[1], error: chart.runs[chart.runs.length - 1].error ?? null });
    }
    if (onlyZeroGrad && losses.length === 2 && !cancel) {
      const output = network.activations;
      const last = Array.isArray(output) ? output[output.length - 1] : output;
      chart.compare({
        comparison: core.compareRuns({ a: losses[0], b: losses[1] }),
        without: losses[1],
        iterations: Math.min(losses[0].length, losses[1].length) - 1,
        saturates: last === 'sigmoid' && ['half_sse', 'mse', 'mae', 'smooth_l1'].includes(lossSelect.value),
      });
    }
    chart.element.dataset.longestMs = longestMs.toFixed(1);
    chart.element.dataset.totalMs = totalMs.toFixed(1);
    const ran = losses.reduce((sum, E) => sum + E.length - 1, 0);
    runStatus.textContent = t('training.ran', { n: ran, ms: Math.round(totalMs), longest: longestMs.toFixed(1) });
    runButton.disabled = false;
    stopButton.disabled = true;
  }

  function gradientCheck(): void {
    try {
      const r = core.gradientCheck({ ...spec(), network: current.network });
      const agreement = h(
        'p',
        { id: 'check-summary', 'data-max-relative': String(r.max_relative) },
        t('training.check_result', { relative: r.max_relative.toExponential(2), name: r.max_relative_parameter ?? '' }),
      );
      checkTable.replaceChildren(
        agreement,
        h(
          'table',
          { class: 'grad-table' },
          h('thead', {}, h('tr', {}, ...['training.col.parameter', 'training.col.analytic', 'training.col.numeric', 'training.col.relative'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, ...r.parameters.map((p) => h('tr', { 'data-param': p.name, 'data-relative': String(p.relative) }, h('th', { scope: 'row' }, p.name), h('td', { class: 'num' }, exact(p.analytic)), h('td', { class: 'num' }, exact(p.numeric)), h('td', { class: 'num' }, p.relative.toExponential(2))))),
        ),
      );
    } catch (e) {
      if (!isCoreError(e)) throw e;
      showError(e);
    }
  }

  function exportScript(): void {
    try {
      script.value = core.exportPytorch({ ...spec(), iterations: Number(iterationsField.value) || 10000 }).script;
    } catch (e) {
      if (!isCoreError(e)) throw e;
      showError(e);
    }
  }

  async function copyScript(): Promise<void> {
    if (!script.value) exportScript();
    script.select();
    try {
      await navigator.clipboard.writeText(script.value);
      copied.textContent = t('training.copied');
    } catch {
      copied.textContent = t('training.copy_by_hand');
    }
  }

  function downloadScript(): void {
    if (!script.value) exportScript();
    const url = URL.createObjectURL(new Blob([script.value], { type: 'text/x-python' }));
    const a = h('a', { href: url, download: 'train.py' });
    root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function retranslate(): void {
    renderShapeHint();
    renderNetworkChoice();
    const loss = lossSelect.value;
    renderLosses();
    lossSelect.value = loss;
    renderKinds();
    renderOptimizerFields();
    renderBugs();
    renderPhase();
    chart.render();
    quiz.retranslate();
  }

  /** Back to the classic example, SGD with η = 0.5, nothing run. */
  function reset(): void {
    cancel = true;
    classic = true;
    network = core.classic();
    layersField.value = DEFAULT_SHAPE.layers;
    activationsField.value = DEFAULT_SHAPE.activations;
    seedField.value = DEFAULT_SHAPE.seed;
    lossSelect.value = 'half_sse';
    betaField.value = '1';
    smoothingField.value = '0';
    betaField.closest('.field')!.toggleAttribute('hidden', true);
    smoothingField.closest('.field')!.toggleAttribute('hidden', true);
    kind = 'sgd';
    for (const id of kinds) values[id] = defaults(id);
    values.sgd.lr = '0.5';
    zeroGrad.checked = false;
    bugSelect.value = 'none';
    retainGraph.checked = false;
    renderBugHint();
    if (quiz.current !== 1) quiz.goTo(1);
    ownData.checked = false;
    dataText.value = '';
    dataText.closest('.csv-box')!.toggleAttribute('hidden', true);
    iterationsField.value = '10000';
    script.value = '';
    checkTable.replaceChildren();
    runStatus.textContent = '';
    chart.clear();
    renderNetworkChoice();
    renderKinds();
    renderOptimizerFields();
    setupChanged();
  }

  /** Shows phase `index` of iteration n (1-based), run from the setup's start. */
  function goTo(n: number, index: number): void {
    resetIterations();
    let guard = n * phases.length + 1;
    while (guard-- > 0 && !(iteration?.iteration === n && phase === index)) {
      const before = phase;
      advancePhase();
      if (phase === before && (!iteration || PhaseView.stopsAt(iteration) === phase)) break; // nothing runs, or PyTorch stopped
    }
  }

  function bindings(): Binding[] {
    const slot = (id: string) => () => byId(`error-${id}`)!;
    const lossCheck = (key: 'beta' | 'label_smoothing') =>
      coreCheck((text) => core.trainingRun({ network: { ...core.classic(), loss: { kind: 'half_sse', [key]: text } }, optimizer: optimizerSpec('sgd', defaults('sgd')), iterations: 0, check: true }));
    /** A field checked when the network is made. */
    const shapeField = (key: string, field: HTMLInputElement, fallback: string): Binding => ({
      key,
      get: () => field.value,
      fallback: () => fallback,
      set(text) {
        if (classic) return () => t('state.shape_only');
        const before = field.value;
        field.value = text;
        makeNetwork();
        const message = byId(`error-${key}`)!.textContent ?? '';
        if (!message) return null;
        field.value = before;
        makeNetwork();
        return () => message;
      },
    });
    const optimizerSetting = (id: OptimizerKind, key: string, settingKind: string): Binding => ({
      key: `${id}.${key}`,
      get: () => values[id][key],
      fallback: () => (id === 'sgd' && key === 'lr' ? '0.5' : defaults(id)[key]),
      set(text) {
        if (settingKind === 'boolean' && !['true', 'false'].includes(text)) return () => t('state.one_of', { values: 'true, false' });
        if (settingKind === 'form' && !['ewa', 'pytorch'].includes(text)) return () => t('state.one_of', { values: 'ewa, pytorch' });
        const before = values[id][key];
        values[id][key] = text;
        try {
          // Shown or not: checked in the form that shows it, which may be chosen later.
          core.trainingRun({ network: core.classic(), optimizer: optimizerSpec(id, showing(id, values[id], key)), iterations: 0, check: true });
        } catch (e) {
          values[id][key] = before;
          if (!isCoreError(e) || e.field !== `optimizer.${key}`) throw e;
          return () => errorMessage(e, `${t(`race.name.${id}`)}: ${t(`race.setting.${key}`)}`, t);
        }
        renderOptimizerFields();
        setupChanged();
        return null;
      },
    });
    return [
      choice('network', ['classic', 'shape'], () => (classic ? 'classic' : 'shape'), (v) => {
        networkChoice.value = v;
        networkChoice.dispatchEvent(new Event('change'));
      }, () => 'classic'),
      shapeField('layers', layersField, DEFAULT_SHAPE.layers),
      shapeField('activations', activationsField, DEFAULT_SHAPE.activations),
      shapeField('seed', seedField, DEFAULT_SHAPE.seed),
      choice('loss', LOSSES, () => lossSelect.value, (v) => {
        lossSelect.value = v;
        lossSelect.dispatchEvent(new Event('change'));
      }, () => 'half_sse'),
      // Read by the core as the network's loss reads them, whichever loss is chosen now.
      fieldBinding('beta', betaField, slot('loss-beta'), () => '1', lossCheck('beta')),
      fieldBinding('label_smoothing', smoothingField, slot('loss-smoothing'), () => '0', lossCheck('label_smoothing')),
      choice('optimizer', kinds, () => kind, (v) => {
        kindSelect.value = v;
        kindSelect.dispatchEvent(new Event('change'));
      }, () => 'sgd'),
      ...kinds.flatMap((id) => settings[id].map((s) => optimizerSetting(id, s.key, s.kind))),
      checkboxBinding('forget_zero_grad', zeroGrad),
      choice('bug', bugs, () => bug(), (v) => {
        bugSelect.value = v;
        bugSelect.dispatchEvent(new Event('change'));
      }, () => 'none'),
      checkboxBinding('retain_graph', retainGraph),
      {
        key: 'data',
        get: () => (ownData.checked ? dataText.value : ''),
        fallback: () => '',
        set(text) {
          ownData.checked = true;
          ownData.dispatchEvent(new Event('change'));
          dataText.value = text;
          dataText.dispatchEvent(new Event('input'));
          const message = byId('error-csv')!.textContent ?? '';
          if (!message) return null;
          ownData.checked = false;
          dataText.value = '';
          ownData.dispatchEvent(new Event('change'));
          return () => message;
        },
      },
      {
        key: 'iterations',
        get: () => iterationsField.value,
        fallback: () => '10000',
        set(text) {
          try {
            core.trainingRun({ network: core.classic(), optimizer: optimizerSpec('sgd', defaults('sgd')), iterations: text, check: true });
          } catch (e) {
            if (!isCoreError(e) || e.field !== 'iterations') throw e;
            return () => errorMessage(e, t('training.iterations'), t);
          }
          iterationsField.value = text;
          return null;
        },
      },
      {
        key: 'iteration',
        get: () => String(iteration?.iteration ?? 0),
        fallback: () => (iteration ? '1' : '0'),
        set(text) {
          if (!/^\d{1,4}$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_ITERATION) return () => t('state.whole_number', { max: MAX_ITERATION });
          goTo(Number(text), 0);
          return null;
        },
      },
      choice('phase', ['none', ...phases], () => (phase < 0 ? 'none' : phases[phase]), (v) => {
        if (v === 'none') resetIterations();
        else goTo(iteration?.iteration ?? 1, Math.max(0, phaseView.listing.findIndex((l) => l.line === v)));
      }, () => 'none'),
      // The quiz's question; given in the address, the quiz is scrolled into view.
      choice('quiz', quizQuestions, () => String(quiz.current), (v) => {
        if (Number(v) !== quiz.current) quiz.goTo(Number(v));
        quiz.reveal();
      }, () => '1'),
    ];
  }

  renderNetworkChoice();
  renderLosses();
  lossSelect.value = 'half_sse';
  betaField.closest('.field')!.toggleAttribute('hidden', true);
  smoothingField.closest('.field')!.toggleAttribute('hidden', true);
  dataText.closest('.csv-box')!.toggleAttribute('hidden', true);
  renderKinds();
  renderOptimizerFields();
  renderBugs();
  translateTree(root, t);
  chart.render();
  resetIterations();
  return { bindings: bindings(), reset, retranslate, stop: () => (cancel = true) };
}
