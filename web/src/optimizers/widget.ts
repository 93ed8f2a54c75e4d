// The optimizer race page: SGD, Momentum, AdaGrad, RMSprop and Adam start
// together on a loss surface and race; the core computes every trajectory,
// the page reveals them step by step.
import optimizersCss from './optimizers.css?inline';
import type { BackpropCore, CoreError, OptimizerStep, PresetSurface, Surface } from '../shared/core-types';
import { isCoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage } from '../shared/errors';
import { translateTree } from '../shared/i18n';
import { fitTexLater } from '../shared/math';
import { reducedMotion } from '../shared/motion';
import { afterFrame } from '../shared/tasks';
import { type Binding, choice, coreCheck, fieldBinding, splitList, type Widget, type WidgetHost } from '../shared/widget';
import { DetailPanel } from './detail';
import { RacerList, type RacerState, type ShownRun } from './racer-list';
import { defaults, lineup, type RacerId, racerIds, settings, showing, spec, useCatalog } from './racers';
import { SurfaceView } from './surface-view';

export const css = [optimizersCss];

const SPEEDS = [10, 30, 100, 300];
const CUSTOM = 'custom';

function field(id: string, value: string, onInput: () => void): HTMLInputElement {
  const input = h('input', { type: 'text', id, inputmode: 'decimal', value, autocomplete: 'off', spellcheck: 'false' });
  input.addEventListener('input', onInput);
  return input;
}

const DEFAULT_EXPRESSION = 'x^2 + 3*sin(y)^2 + 0.1*y^2';
const DEFAULT_DOMAIN = ['-3', '3', '-3', '3'];

export function mount(core: BackpropCore, host: WidgetHost): Widget {
  useCatalog(core);
  // Every message in the widget's own language.
  const { t } = host;
  const root = host.root;
  root.classList.add('optimizers-page');
  const presets: PresetSurface[] = core.surfaces();

  // State.
  let surfaceName = 'plateau';
  let runs: ShownRun[] = [];
  let step = 0;
  let playing = false;
  let speed = 30;
  let start: [number, number] = [0, 0];
  const racers: RacerState = {
    enabled: new Set(lineup(surfaceName)),
    values: Object.fromEntries(racerIds.map((id) => [id, defaults(id)])) as RacerState['values'],
    selected: 'adam',
  };

  // Widgets.
  const view = new SurfaceView(t, (x, y) => setStart(x, y));
  const detail = new DetailPanel(t);
  const readNumber = (text: string): number | null => {
    try {
      return core.number(text, 'value');
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return null;
    }
  };
  const list = new RacerList(t, racers, () => recompute(), () => scheduleDetail(), readNumber);
  const picker = h('div', { class: 'picker', role: 'radiogroup', 'aria-labelledby': 'surface-label', 'data-part': 'picker', 'data-lock': 'surface' });
  const trouble = h('div', { class: 'trouble', id: 'trouble', 'data-part': 'trouble' });
  const formula = h('div', { class: 'formula', id: 'surface-formula' });
  const generalError = h('p', { class: 'field-error', role: 'alert', id: 'race-error' });
  const expression = field('expression', DEFAULT_EXPRESSION, () => scheduleCustom());
  const expressionError = h('p', { class: 'field-error', role: 'alert', id: 'expression-error' });
  const domainInputs = DEFAULT_DOMAIN.map((v, i) => field(`domain-${i}`, v, () => scheduleCustom()));
  const customBox = h(
    'div',
    { class: 'custom', id: 'custom-surface', 'data-part': 'custom', 'data-lock': 'surface' },
    h('label', { for: 'expression', 'data-i18n': 'race.expression' }),
    expression,
    h('p', { class: 'hint', 'data-i18n': 'race.expression_hint' }),
    h(
      'div',
      { class: 'domain' },
      h('span', { 'data-i18n': 'race.domain' }),
      ...domainInputs.map((input, i) => h('label', { class: 'domain-field' }, ['x ≥', 'x ≤', 'y ≥', 'y ≤'][i], input)),
    ),
    expressionError,
  );
  const startX = field('start-x', '', () => typedStart());
  const startY = field('start-y', '', () => typedStart());
  const stepsField = field('steps', '1000', () => recompute());
  const stepLabel = h('span', { class: 'step-label', id: 'step-label', 'aria-live': 'off' });
  const playButton = h('button', { type: 'button', id: 'play', class: 'primary', onclick: () => togglePlay() });
  const speedSelect = h('select', { id: 'speed' }, ...SPEEDS.map((v) => h('option', { value: String(v) }, String(v))));
  speedSelect.value = String(speed);
  speedSelect.addEventListener('change', () => (speed = Number(speedSelect.value)));

  root.replaceChildren(
    h('div', { class: 'intro', 'data-part': 'intro' }, h('h1', { 'data-i18n': 'race.heading' }), h('p', { 'data-i18n': 'race.intro' })),
    h('p', { id: 'surface-label', class: 'picker-label', 'data-part': 'picker', 'data-i18n': 'race.surface' }),
    picker,
    trouble,
    customBox,
    h(
      'div',
      { class: 'race-grid' },
      h(
        'div',
        { class: 'race-left' },
        formula,
        h('figure', { class: 'surface-figure', 'data-lock': 'start' }, view.element, h('figcaption', { class: 'hint', 'data-i18n': 'race.click_start' })),
        h(
          'div',
          { class: 'controls' },
          playButton,
          h('button', { type: 'button', id: 'single-step', onclick: () => advance(1), 'data-i18n': 'race.step' }),
          h('button', { type: 'button', id: 'reset', onclick: () => resetPlayback(), 'data-i18n': 'race.reset' }),
          h('label', { for: 'speed', 'data-i18n': 'race.speed' }),
          speedSelect,
          stepLabel,
        ),
        h(
          'div',
          { class: 'controls starts', 'data-lock': 'start' },
          h('label', { for: 'start-x', 'data-i18n': 'race.start_x' }),
          startX,
          h('label', { for: 'start-y', 'data-i18n': 'race.start_y' }),
          startY,
          h('label', { for: 'steps', 'data-i18n': 'race.steps' }),
          stepsField,
        ),
        generalError,
      ),
      h('div', { class: 'race-right', 'data-part': 'racers' }, list.element),
    ),
    h('div', { 'data-part': 'detail' }, detail.element),
  );

  // Surface.
  function currentPreset(): PresetSurface | undefined {
    return presets.find((p) => p.name === surfaceName);
  }

  function surface(): Surface {
    return surfaceName === CUSTOM ? { expression: expression.value } : { preset: surfaceName };
  }

  /** The preset's domain, or the one typed (as text: the core validates it). */
  function domain(): (number | string)[] {
    const p = currentPreset();
    return p ? p.domain : domainInputs.map((i) => i.value);
  }

  /** The start a typed domain suggests: 80 % of the way along each axis; null while the domain is not valid. */
  function customStart(): [number, number] | null {
    let x0: number, x1: number, y0: number, y1: number;
    try {
      // Read by the core: "−3" (U+2212) is −3, as everywhere on the page.
      [x0, x1, y0, y1] = domain().map((v, i) => core.number(v, `domain[${i}]`));
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return null;
    }
    const at = (a: number, b: number) => Number((a + 0.8 * (b - a)).toPrecision(4));
    const start: [number, number] = [at(x0, x1), at(y0, y1)];
    return start.every(Number.isFinite) ? start : null;
  }

  function renderPicker(): void {
    picker.replaceChildren(
      ...[...presets.map((p) => p.name), CUSTOM].map((name) => {
        const input = h('input', { type: 'radio', name: 'surface', id: `surface-${name}`, value: name });
        input.checked = name === surfaceName;
        input.addEventListener('change', () => chooseSurface(name));
        return h('div', { class: 'pick' }, input, h('label', { for: input.id }, t(`race.surface.${name}`)));
      }),
    );
  }

  function chooseSurface(name: string): void {
    surfaceName = name;
    // A surface comes with its racers and their rates.
    racers.enabled = new Set(lineup(name));
    list.syncEnabled();
    const p = currentPreset();
    if (p) {
      for (const id of racerIds) list.reset(id, p.rates[id]);
      start = [...p.start];
    } else {
      start = customStart() ?? start;
    }
    if (!drawSurface()) return;
    startX.value = String(start[0]);
    startY.value = String(start[1]);
    recompute();
  }

  /** Draws the current surface; false (and a message) when the typed function does not parse. */
  function drawSurface(): boolean {
    const p = currentPreset();
    customBox.hidden = Boolean(p);
    trouble.replaceChildren(
      h('p', {}, t(`race.describe.${surfaceName}`)),
      ...(p?.trouble ? [h('p', { class: 'note' }, t(`race.trouble.${p.trouble}`))] : []),
    );
    try {
      const shown = p ? p.tex : core.expression({ text: expression.value }).tex;
      view.draw(core, surface(), domain(), p?.minima ?? [], p?.saddles ?? []);
      // Typeset in a task after this one.
      fitTexLater(formula, [`f(x, y) = ${shown}`]);
      expressionError.textContent = '';
      expression.setAttribute('aria-invalid', 'false');
      view.svg.dataset.surface = surfaceName;
      return true;
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      expressionError.textContent = isCoreError(e) ? errorMessage(e, undefined, t) : e.message;
      expression.setAttribute('aria-invalid', 'true');
      return false;
    }
  }

  let customTimer: number | undefined;
  function scheduleCustom(): void {
    window.clearTimeout(customTimer);
    customTimer = window.setTimeout(() => {
      if (drawSurface()) recompute();
    }, 250);
  }

  // Start point.
  function setStart(x: number, y: number): void {
    start = [Number(x.toPrecision(4)), Number(y.toPrecision(4))];
    startX.value = String(start[0]);
    startY.value = String(start[1]);
    recompute();
  }

  function typedStart(): void {
    recompute();
  }

  // The race: each racer is run on its own, so one racer's bad setting leaves the others running.
  function recompute(): CoreError[] {
    const errors: CoreError[] = [];
    const next: ShownRun[] = [];
    let general: CoreError | null = null;
    let startStopped = false;
    generalError.textContent = '';
    // With no racer on, the start and the steps are still read by the core, with a racer that is not shown.
    const checkOnly = racers.enabled.size === 0;
    for (const id of checkOnly ? (['sgd'] as const) : racerIds) {
      if (!checkOnly && !racers.enabled.has(id)) continue;
      try {
        const r = core.race({ surface: surface(), start: [startX.value, startY.value], steps: stepsField.value, optimizers: [checkOnly ? spec(id, defaults(id)) : spec(id, racers.values[id])] });
        // f is not finite at the start (it overflows there, or is not defined): no race from it.
        if (r.runs[0].reason === 'start') startStopped = true;
        if (checkOnly) continue;
        // The legend shows the rate this run used.
        next.push({ ...r.runs[0], lr: racers.values[id].lr.trim() });
      } catch (e) {
        if (!isCoreError(e)) throw e;
        if (e.field.startsWith(`${id}.`)) errors.push(e);
        else {
          generalError.textContent = `${errorMessage(e, undefined, t)} ${t('race.invalid_kept')}`;
          general = e;
        }
      }
    }
    list.showErrors(errors);
    if (general) return [general, ...errors];
    if (startStopped) {
      generalError.textContent = `${t('race.start_not_finite', { x: startX.value.trim(), y: startY.value.trim() })} ${t('race.invalid_kept')}`;
      return errors;
    }
    try {
      stepsAsked = core.number(stepsField.value, 'steps');
      start = [core.number(startX.value, 'start[0]'), core.number(startY.value, 'start[1]')];
    } catch (e) {
      if (!isCoreError(e)) throw e;
      generalError.textContent = `${errorMessage(e, undefined, t)} ${t('race.invalid_kept')}`;
      return [e, ...errors];
    }
    view.setStart(start[0], start[1]);
    // Keep the runs whose settings are wrong as they were.
    runs = racerIds
      .map((id) => next.find((r) => r.id === id) ?? (errors.some((e) => e.field.startsWith(`${id}.`)) ? runs.find((r) => r.id === id) : undefined))
      .filter((r): r is ShownRun => Boolean(r));
    step = Math.min(step, maxStep());
    render(true);
    host.changed();
    return errors;
  }

  /** The steps asked for, as the core read them when it ran the race (0 while the field is wrong). */
  let stepsAsked = 1000;
  function maxStep(): number {
    return Math.max(0, ...runs.map((r) => r.x.length - 1), stepsAsked);
  }

  // Playback.
  let last = 0;
  let carry = 0;
  function frame(now: number): void {
    if (!playing) return;
    const dt = last ? (now - last) / 1000 : 0;
    last = now;
    carry += dt * speed;
    const whole = Math.floor(carry);
    carry -= whole;
    if (whole > 0) advance(whole);
    if (step >= maxStep()) {
      setPlaying(false);
      return;
    }
    requestAnimationFrame(frame);
  }

  function setPlaying(on: boolean): void {
    playing = on;
    playButton.textContent = t(on ? 'race.pause' : 'race.play');
    playButton.setAttribute('aria-pressed', String(on));
    if (on) {
      detail.setPlaying(true);
      if (step >= maxStep()) step = 0;
      last = 0;
      carry = 0;
      requestAnimationFrame(frame);
    } else {
      view.describe(runs, racers.enabled, step);
      scheduleDetail();
    }
  }

  function togglePlay(): void {
    if (reducedMotion() && !playing) {
      // No animation: show the race's end at once.
      step = maxStep();
      render(true);
      return;
    }
    setPlaying(!playing);
  }

  function advance(n: number): void {
    step = Math.min(maxStep(), step + n);
    render(!playing);
  }

  function resetPlayback(): void {
    setPlaying(false);
    step = 0;
    render(true);
    host.changed();
  }

  // Rendering. The update is typeset (which takes longer than a frame) only
  // while the race stands still, in a task after the frame that shows the step.
  let detailScheduled = false;
  function scheduleDetail(): void {
    if (detailScheduled) return;
    detailScheduled = true;
    afterFrame(() => {
      detailScheduled = false;
      if (!playing) renderDetail();
    });
  }

  function renderDetail(): void {
    const id = racers.selected;
    const run = runs.find((r) => r.id === id);
    let d: OptimizerStep | null = null;
    const at = run ? Math.min(step, run.x.length - 1) : 0;
    if (run && at >= 1 && racers.enabled.has(id)) {
      try {
        d = core.optimizerStep({ surface: surface(), start: [start[0], start[1]], optimizer: spec(id, racers.values[id]), step: at });
      } catch (e) {
        if (!isCoreError(e)) throw e;
      }
    }
    detail.render(id, d);
  }

  /** Each frame while the race plays: the trails, the racers' steps and losses. Otherwise also the description and the update. */
  function render(full: boolean): void {
    view.drawTrails(runs, racers.enabled, step);
    list.render(runs, step);
    stepLabel.textContent = t('race.step_of', { n: step, total: maxStep() });
    root.dataset.step = String(step);
    if (playing) {
      detail.setPlaying(true);
    } else if (full) {
      view.describe(runs, racers.enabled, step);
      scheduleDetail();
    }
  }

  // The state: the surface first (it resets the racers' rates and the start), then the racers, the start, the step.
  const racerSetting = (id: RacerId, key: string, kind: string): Binding => ({
    key: `${id}.${key}`,
    get: () => racers.values[id][key],
    fallback: () => (key === 'lr' && currentPreset() ? String(currentPreset()!.rates[id]) : defaults(id)[key]),
    set(text) {
      if (kind === 'boolean' && !['true', 'false'].includes(text)) return () => t('state.one_of', { values: 'true, false' });
      if (kind === 'form' && !['ewa', 'pytorch'].includes(text)) return () => t('state.one_of', { values: 'ewa, pytorch' });
      // Read by the core whether the racer runs now or not, its setting shown or not.
      const refused = coreCheck(
        (v) => core.trainingRun({ network: core.classic(), optimizer: spec(id, showing(id, { ...racers.values[id], [key]: v }, key)), iterations: 0, check: true }),
        (tr) => `${tr(`race.name.${id}`)}: ${tr(`race.setting.${key}`)}`,
      )(text);
      if (refused) return refused;
      const before = racers.values[id][key];
      racers.values[id][key] = text;
      const error = recompute().find((e) => e.field === `${id}.${key}`);
      list.retranslate();
      if (!error) return null;
      racers.values[id][key] = before;
      recompute();
      list.retranslate();
      return () => errorMessage(error, `${t(`race.name.${id}`)}: ${t(`race.setting.${key}`)}`, t);
    },
  });
  const pointBinding = (key: string, x: HTMLInputElement, y: HTMLInputElement, fallback: () => string): Binding => ({
    key,
    get: () => `${x.value},${y.value}`,
    fallback,
    set(text) {
      const parts = text.split(',');
      if (parts.length !== 2) return () => t('state.point');
      const before = [x.value, y.value];
      [x.value, y.value] = parts.map((p) => p.trim());
      const errors = recompute();
      if (!generalError.textContent) return null;
      const error = errors[0];
      const [ax, ay] = [x.value.trim(), y.value.trim()];
      [x.value, y.value] = before;
      recompute();
      return () => (error ? errorMessage(error, undefined, t) : t('race.start_not_finite', { x: ax, y: ay }));
    },
  });
  const bindings: Binding[] = [
    choice('surface', [...presets.map((p) => p.name), CUSTOM], () => surfaceName, (v) => {
      surfaceName = v;
      renderPicker();
      chooseSurface(v);
    }, () => 'plateau'),
    {
      key: 'expression',
      get: () => expression.value,
      fallback: () => DEFAULT_EXPRESSION,
      set(text) {
        if (surfaceName !== CUSTOM) return () => t('state.custom_only');
        const before = expression.value;
        expression.value = text;
        if (drawSurface()) {
          chooseSurface(CUSTOM);
          return null;
        }
        const message = expressionError.textContent ?? '';
        expression.value = before;
        drawSurface();
        return () => message;
      },
    },
    {
      key: 'domain',
      get: () => domainInputs.map((i) => i.value).join(','),
      fallback: () => DEFAULT_DOMAIN.join(','),
      set(text) {
        if (surfaceName !== CUSTOM) return () => t('state.custom_only');
        const parts = text.split(',').map((p) => p.trim());
        if (parts.length !== 4) return () => t('state.domain');
        const before = domainInputs.map((i) => i.value);
        parts.forEach((p, i) => (domainInputs[i].value = p));
        try {
          core.grid({ surface: surface(), domain: parts, width: 2, height: 2 });
        } catch (e) {
          if (!isCoreError(e)) throw e;
          before.forEach((p, i) => (domainInputs[i].value = p));
          return () => errorMessage(e, undefined, t);
        }
        chooseSurface(CUSTOM);
        return null;
      },
    },
    ...racerIds.flatMap((id) => settings[id].map((s) => racerSetting(id, s.key, s.kind))),
    {
      key: 'racers',
      get: () => racerIds.filter((id) => racers.enabled.has(id)).join(','),
      fallback: () => lineup(surfaceName).join(','),
      set(text) {
        const names = splitList(text);
        const unknown = names.filter((n) => !racerIds.includes(n as RacerId));
        if (unknown.length) return () => t('state.one_of', { values: racerIds.join(', ') });
        racers.enabled = new Set(names as RacerId[]);
        list.syncEnabled();
        recompute();
        return null;
      },
    },
    choice('show', racerIds, () => racers.selected, (v) => {
      racers.selected = v as RacerId;
      list.syncEnabled();
      scheduleDetail();
    }, () => 'adam'),
    pointBinding('start', startX, startY, () => {
      const p = currentPreset();
      if (p) return `${p.start[0]},${p.start[1]}`;
      const s = customStart();
      return s ? `${s[0]},${s[1]}` : `${startX.value},${startY.value}`;
    }),
    fieldBinding('steps', stepsField, () => generalError, () => '1000'),
    {
      key: 'step',
      get: () => String(step),
      fallback: () => '0',
      set(text) {
        if (!/^\d{1,7}$/.test(text.trim())) return () => t('state.whole_number', { max: maxStep() });
        step = Math.min(maxStep(), Number(text));
        render(true);
        return null;
      },
    },
    choice('speed', SPEEDS.map(String), () => String(speed), (v) => {
      speed = Number(v);
      speedSelect.value = v;
    }, () => '30'),
  ];

  renderPicker();
  translateTree(root, t);
  playButton.textContent = t('race.play');
  chooseSurface(surfaceName);

  return {
    bindings,
    exercise: () => ({
      kind: 'race',
      race: {
        surface: surface(),
        start: [startX.value, startY.value],
        steps: stepsField.value,
        optimizers: racerIds.filter((id) => racers.enabled.has(id)).map((id) => spec(id, racers.values[id])),
      },
    }),
    reset() {
      setPlaying(false);
      expression.value = DEFAULT_EXPRESSION;
      DEFAULT_DOMAIN.forEach((v, i) => (domainInputs[i].value = v));
      stepsField.value = '1000';
      speed = 30;
      speedSelect.value = '30';
      racers.selected = 'adam';
      for (const id of racerIds) racers.values[id] = defaults(id);
      list.syncEnabled();
      surfaceName = 'plateau';
      renderPicker();
      chooseSurface(surfaceName);
      step = 0;
      render(true);
    },
    retranslate() {
      renderPicker();
      list.retranslate();
      drawSurface();
      setPlaying(playing);
      render(true);
    },
    stop: () => setPlaying(false),
  };
}
