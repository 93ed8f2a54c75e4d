// The backprop stepper page.
import '../shared/styles.css';
import './stepper.css';
import { loadCore } from '../shared/core';
import { h } from '../shared/dom';
import { readHash, writeHash } from '../shared/hash';
import { isLang, onLangChange, setLang, t, translateTree } from '../shared/i18n';
import { mountLayout } from '../shared/layout';
import { Editor } from './editor';
import { HistoryView } from './history';
import { StepperModel } from './model';
import { NetworkView } from './network-view';
import { TermView } from './term-view';
import { TraceList } from './trace-list';

const AUTOPLAY_MS = 1800;

function controls(model: StepperModel, toggleAutoplay: () => void) {
  const jump = h('select', { id: 'jump', 'aria-labelledby': 'jump-label' });
  jump.addEventListener('change', () => {
    if (jump.value) model.gotoParam(jump.value);
    jump.value = '';
  });
  const play = h('button', { type: 'button', id: 'autoplay', 'aria-pressed': 'false', onclick: toggleAutoplay });
  const element = h(
    'div',
    { class: 'controls' },
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', id: 'first', onclick: () => model.goto(0), 'data-i18n': 'stepper.first' }),
      h('button', { type: 'button', id: 'back', onclick: () => model.back(), 'data-i18n': 'stepper.back' }),
      h('button', { type: 'button', id: 'next', class: 'primary', onclick: () => model.next(), 'data-i18n': 'stepper.next' }),
      h('button', { type: 'button', id: 'last', onclick: () => model.goto(model.count - 1), 'data-i18n': 'stepper.last' }),
      play,
    ),
    h(
      'div',
      { class: 'jump' },
      h('label', { id: 'jump-label', for: 'jump', 'data-i18n': 'stepper.jump' }),
      jump,
    ),
    h('p', { class: 'hint keys', 'data-i18n': 'stepper.keys' }),
  );
  const render = (playing: boolean) => {
    const params = model.trace.chains.map((c) => c.param).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    jump.replaceChildren(
      h('option', { value: '' }, t('stepper.jump_choose')),
      ...params.map((p) => h('option', { value: p }, p)),
    );
    (element.querySelector('#back') as HTMLButtonElement).disabled = model.position === 0;
    (element.querySelector('#first') as HTMLButtonElement).disabled = model.position === 0;
    (element.querySelector('#next') as HTMLButtonElement).disabled = model.position === model.count - 1;
    (element.querySelector('#last') as HTMLButtonElement).disabled = model.position === model.count - 1;
    play.textContent = t(playing ? 'stepper.pause' : 'stepper.play');
    play.setAttribute('aria-pressed', String(playing));
  };
  return { element, render };
}

async function main(): Promise<void> {
  const hash = readHash();
  const hashLang = hash.get('lang');
  if (hashLang && isLang(hashLang)) setLang(hashLang, false);
  mountLayout('stepper');
  const root = document.getElementById('app')!;
  root.replaceChildren(h('p', { class: 'loading', 'data-i18n': 'core.loading' }, t('core.loading')));

  let core;
  try {
    core = await loadCore();
  } catch (e) {
    root.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, t('core.failed', { message: String(e) })));
    return;
  }

  const model = new StepperModel(core, core.classic());
  const network = new NetworkView();
  const termView = new TermView(model);
  const list = new TraceList(model);
  const editor = new Editor(model);
  const history = new HistoryView(model, () => model.reset(core.classic()));

  let timer: number | undefined;
  const stopAutoplay = () => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
  };
  const toggleAutoplay = () => {
    if (timer !== undefined) {
      stopAutoplay();
    } else {
      if (model.position === model.count - 1) model.goto(0);
      timer = window.setInterval(() => {
        if (model.position >= model.count - 1) stopAutoplay();
        else model.next();
        render();
      }, AUTOPLAY_MS);
    }
    render();
  };
  const ctl = controls(model, toggleAutoplay);

  root.replaceChildren(
    h(
      'div',
      { class: 'intro' },
      h('h1', { 'data-i18n': 'stepper.heading' }),
      h('p', { 'data-i18n': 'stepper.intro' }),
    ),
    h(
      'div',
      { class: 'stepper-grid' },
      h('div', { class: 'col-drawing' }, h('figure', { class: 'drawing' }, network.element), editor.element),
      h('div', { class: 'col-term' }, termView.element, ctl.element, history.element),
    ),
    list.element,
    h(
      'aside',
      { class: 'about', 'aria-labelledby': 'about-title' },
      h('h2', { id: 'about-title', 'data-i18n': 'stepper.about_title' }),
      h('p', { 'data-i18n': 'stepper.about' }),
    ),
  );

  let lastTrace = model.trace;
  function render(): void {
    network.render(model.trace.network, model.term);
    termView.render();
    ctl.render(timer !== undefined);
    editor.render();
    history.render();
    if (model.trace !== lastTrace) {
      lastTrace = model.trace;
      list.invalidate();
    } else {
      list.highlight();
    }
    const pairs = readHash();
    pairs.set('term', model.term.id);
    writeHash(pairs);
  }
  model.onChange(render);
  onLangChange((l) => {
    translateTree(root);
    editor.retranslate();
    list.invalidate();
    const pairs = readHash();
    pairs.set('lang', l);
    writeHash(pairs);
    render();
  });

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea, [contenteditable]') || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, () => void> = {
      ArrowRight: () => model.next(),
      ArrowLeft: () => model.back(),
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
  window.addEventListener('hashchange', () => {
    const term = readHash().get('term');
    if (term && term !== model.term.id) model.gotoTerm(term);
  });

  translateTree(root);
  list.invalidate();
  const start = hash.get('term');
  if (start) model.gotoTerm(start);
  render();
}

void main();
