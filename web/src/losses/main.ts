// The loss explorer page.
import '../shared/styles.css';
import './losses.css';
import { loadCore } from '../shared/core';
import type { LossKind } from '../shared/core-types';
import { h } from '../shared/dom';
import { readHash, writeHash } from '../shared/hash';
import { isLang, onLangChange, setLang, t, translateTree } from '../shared/i18n';
import { mountLayout } from '../shared/layout';
import { CurvesView } from './curves';
import { InfoCard } from './info';
import { kinds, setups } from './kinds';
import { OutlierDemo } from './outlier';
import { SoftmaxDemo } from './softmax';
import { StabilityDemo } from './stability';

async function main(): Promise<void> {
  const hash = readHash();
  const hashLang = hash.get('lang');
  if (hashLang && isLang(hashLang)) setLang(hashLang, false);
  mountLayout('losses');
  const root = document.getElementById('app')!;
  root.replaceChildren(h('p', { class: 'loading' }, t('core.loading')));
  let core;
  try {
    core = await loadCore();
  } catch (e) {
    root.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, t('core.failed', { message: String(e) })));
    return;
  }

  let kind: LossKind = kinds.includes(hash.get('loss') as LossKind) ? (hash.get('loss') as LossKind) : 'mse';
  let reduction: 'mean' | 'sum' = hash.get('reduction') === 'sum' ? 'sum' : 'mean';

  const info = new InfoCard(core);
  const curves = new CurvesView(core);
  const outlier = new OutlierDemo(core);
  const stability = new StabilityDemo(core);
  const softmax = new SoftmaxDemo(core, curves);
  curves.element.addEventListener('input', () => softmax.render());
  curves.element.addEventListener('change', () => softmax.render());

  const picker = h('div', { class: 'picker', role: 'radiogroup', 'aria-labelledby': 'picker-label' });
  const reductionSelect = h('select', { id: 'reduction' });
  reductionSelect.addEventListener('change', () => {
    reduction = reductionSelect.value === 'sum' ? 'sum' : 'mean';
    render();
  });

  root.replaceChildren(
    h('div', { class: 'intro' }, h('h1', { 'data-i18n': 'losses.heading' }), h('p', { 'data-i18n': 'losses.intro' })),
    h('p', { id: 'picker-label', class: 'visually-hidden', 'data-i18n': 'losses.pick' }),
    picker,
    h(
      'div',
      { class: 'losses-grid' },
      h(
        'div',
        {},
        info.element,
        h('div', { class: 'field reduction' }, h('label', { for: 'reduction', 'data-i18n': 'losses.reduction' }), reductionSelect),
      ),
      curves.element,
    ),
    outlier.element,
    stability.element,
    softmax.element,
  );

  function renderPicker(): void {
    picker.replaceChildren(
      ...kinds.map((k) => {
        const id = `pick-${k}`;
        const input = h('input', { type: 'radio', name: 'loss', id, value: k });
        input.checked = k === kind;
        input.addEventListener('change', () => {
          kind = k;
          curves.setKind(kind);
          render();
        });
        return h('div', { class: 'pick' }, input, h('label', { for: id }, t(`loss.${k}.short`)));
      }),
    );
    reductionSelect.replaceChildren(
      h('option', { value: 'mean' }, t('losses.reduction_mean')),
      h('option', { value: 'sum' }, t('losses.reduction_sum')),
    );
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
    const pairs = readHash();
    pairs.set('loss', kind);
    if (reduction === 'sum') pairs.set('reduction', 'sum');
    else pairs.delete('reduction');
    writeHash(pairs);
  }

  onLangChange((l) => {
    translateTree(root);
    renderPicker();
    curves.update();
    render();
    const pairs = readHash();
    pairs.set('lang', l);
    writeHash(pairs);
  });

  renderPicker();
  translateTree(root);
  curves.setKind(kind);
  render();
}

void main();
