// The loss explorer: each loss's formula, uses and pitfalls, its curve and
// gradient from the core, and a live demonstration.
import lossesCss from './losses.css?inline';
import type { BackpropCore, LossKind } from '../shared/core-types';
import { h } from '../shared/dom';
import { exact } from '../shared/format';
import { translateTree } from '../shared/i18n';
import { type Binding, type Check, choice, coreCheck, fieldBinding, type Widget, type WidgetHost } from '../shared/widget';
import { CurvesView } from './curves';
import { InfoCard } from './info';
import { kinds, setups } from './kinds';
import { OutlierDemo, START_OUTLIER } from './outlier';
import { SoftmaxDemo } from './softmax';
import { StabilityDemo } from './stability';

export const css = [lossesCss];

/** A select of the classes 0, 1, 2 (counted from 0, as PyTorch's class indices). */
function classBinding(key: string, select: HTMLSelectElement): Binding {
  return choice(key, ['0', '1', '2'], () => select.value, (v) => {
    select.value = v;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, () => '0');
}

export function mount(core: BackpropCore, host: WidgetHost): Widget {
  // Every message in the widget's own language.
  const { t } = host;
  const root = host.root;
  root.classList.add('losses-page');
  let kind: LossKind = 'mse';
  let reduction: 'mean' | 'sum' = 'mean';

  const info = new InfoCard(t, core);
  const curves = new CurvesView(t, core);
  const outlier = new OutlierDemo(t, core);
  const stability = new StabilityDemo(t, core);
  const softmax = new SoftmaxDemo(t, core, curves);
  curves.element.addEventListener('input', () => softmax.render());
  curves.element.addEventListener('change', () => softmax.render());
  curves.element.addEventListener('input', () => host.changed());
  curves.element.addEventListener('change', () => host.changed());
  stability.element.addEventListener('input', () => host.changed());
  outlier.element.addEventListener('refit', () => host.changed());

  const picker = h('div', { class: 'picker', role: 'radiogroup', 'aria-labelledby': 'picker-label', 'data-part': 'picker', 'data-lock': 'picker' });
  const reductionSelect = h('select', { id: 'reduction' });
  reductionSelect.addEventListener('change', () => {
    reduction = reductionSelect.value === 'sum' ? 'sum' : 'mean';
    render();
  });

  root.replaceChildren(
    h('div', { class: 'intro', 'data-part': 'intro' }, h('h1', { 'data-i18n': 'losses.heading' }), h('p', { 'data-i18n': 'losses.intro' })),
    h('p', { id: 'picker-label', class: 'visually-hidden', 'data-i18n': 'losses.pick' }),
    picker,
    h(
      'div',
      { class: 'losses-grid' },
      h(
        'div',
        { 'data-part': 'info' },
        info.element,
        h('div', { class: 'field reduction' }, h('label', { for: 'reduction', 'data-i18n': 'losses.reduction' }), reductionSelect),
      ),
      curves.element,
    ),
    outlier.element,
    stability.element,
    softmax.element,
  );

  function setKind(k: LossKind): void {
    kind = k;
    for (const input of picker.querySelectorAll<HTMLInputElement>('input')) input.checked = input.value === k;
    curves.setKind(kind);
    render();
  }

  function renderPicker(): void {
    picker.replaceChildren(
      ...kinds.map((k) => {
        const id = `pick-${k}`;
        const input = h('input', { type: 'radio', name: 'loss', id, value: k });
        input.checked = k === kind;
        input.addEventListener('change', () => setKind(k));
        return h('div', { class: 'pick' }, input, h('label', { for: id }, t(`loss.${k}.short`)));
      }),
    );
    reductionSelect.replaceChildren(h('option', { value: 'mean' }, t('losses.reduction_mean')), h('option', { value: 'sum' }, t('losses.reduction_sum')));
    reductionSelect.value = reduction;
  }

  function render(): void {
    info.render(kind, reduction);
    const demo = setups[kind].demo;
    outlier.element.hidden = demo !== 'outlier';
    stability.element.hidden = demo !== 'stability';
    softmax.element.hidden = demo !== 'softmax';
    if (demo === 'outlier') outlier.render();
    if (demo === 'stability') stability.render();
    if (demo === 'softmax') softmax.render();
    host.changed();
  }

  const curveField = (key: string, id: string, fallback: () => string, check: Check) => {
    const f = curves.field(id);
    return fieldBinding(key, f.input, () => f.error, fallback, check);
  };
  const CE_LOGITS = ['2', '1', '-1'];
  // Each setting read by the core as the loss that shows it reads it, whether it is shown now or not.
  const checkBeta = coreCheck((beta) => core.loss({ kind: 'smooth_l1', input: ['0'], target: ['0'], beta }));
  const checkSmoothing = coreCheck((label_smoothing) => core.loss({ kind: 'ce', input: [['0', '0', '0']], target: [0], label_smoothing }));
  const checkLogit = (c: number) =>
    coreCheck((logit) => core.loss({ kind: 'ce', input: [CE_LOGITS.map((l, i) => (i === c ? logit : l))], target: [0] }), (tr) => tr(`losses.logit_${c}`));
  /** Cross-entropy has no target or prediction field (its marker sits at the swept logit): a number, kept out of the state. */
  const pointField = (key: 'target' | 'prediction'): Binding => {
    const f = curveField(key, key, () => setups[kind].prediction, () => null);
    return {
      key,
      get: () => (kind === 'ce' ? setups.ce[key] : f.get()),
      fallback: () => setups[kind][key],
      set(text) {
        if (kind === 'ce') return coreCheck((x) => core.number(x, key))(text);
        return f.set(text);
      },
    };
  };
  const bindings: Binding[] = [
    choice('loss', kinds, () => kind, (v) => setKind(v as LossKind), () => 'mse'),
    choice('reduction', ['mean', 'sum'], () => reduction, (v) => {
      reductionSelect.value = v;
      reductionSelect.dispatchEvent(new Event('change'));
    }, () => 'mean'),
    pointField('target'),
    pointField('prediction'),
    curveField('beta', 'beta', () => '1', checkBeta),
    curveField('label_smoothing', 'label_smoothing', () => '0', checkSmoothing),
    // Classes count from 0, as in PyTorch: logit0 is z₀, the logit of class 0.
    ...[0, 1, 2].map((c) => curveField(`logit${c}`, `logit${c}`, () => CE_LOGITS[c], checkLogit(c))),
    classBinding('class', curves.classSelect),
    classBinding('sweep', curves.varySelect),
    fieldBinding('fit_rate', outlier.fields.get('fit-rate')!, () => outlier.error, () => '0.1'),
    fieldBinding('fit_steps', outlier.fields.get('fit-steps')!, () => outlier.error, () => '500'),
    fieldBinding('fit_beta', outlier.fields.get('fit-beta')!, () => outlier.error, () => '0.25'),
    {
      key: 'outlier',
      get: () => outlier.outlier.map(exact).join(','),
      fallback: () => START_OUTLIER.join(','),
      set(text) {
        const parts = text.split(',');
        if (parts.length !== 2) return () => t('state.point');
        // Read by the core: "−0.5" (U+2212, as the page prints it) too.
        let xy: number[];
        try {
          xy = parts.map((p, i) => core.number(p, `outlier[${i}]`));
        } catch {
          return () => t('state.point');
        }
        outlier.moveOutlier(xy[0], xy[1], false);
        return null;
      },
    },
    fieldBinding('logit', stability.logit, () => stability.error, () => '40'),
    fieldBinding('stability_target', stability.target, () => stability.error, () => '0'),
  ];

  renderPicker();
  translateTree(root, t);
  curves.setKind(kind);
  render();

  return {
    bindings,
    exercise: () => (curves.atSpec ? { kind: 'losses', loss: curves.atSpec } : null),
    reset() {
      reduction = 'mean';
      reductionSelect.value = 'mean';
      for (const [id, value] of [['fit-rate', '0.1'], ['fit-steps', '500'], ['fit-beta', '0.25']]) outlier.fields.get(id)!.value = value;
      outlier.outlier = [...START_OUTLIER];
      stability.logit.value = '40';
      stability.target.value = '0';
      curves.field('beta').input.value = '1';
      curves.field('label_smoothing').input.value = '0';
      setKind('mse');
    },
    retranslate() {
      renderPicker();
      curves.update();
      render();
    },
  };
}
