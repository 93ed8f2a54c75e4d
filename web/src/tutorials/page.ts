// The tutorials: a list (the built-in lesson, the teachers' files, a file
// from this computer) and the tutorial being read. Its state, in the
// address: tutorial=<name>&step=<n>.
import { h } from '../shared/dom';
import { onLangChange, t } from '../shared/i18n';
import { isOn, type State } from '../shared/widget';
import { LESSON, lessonSource, teacherTutorials } from './catalog';
import { MAX_BYTES } from './markdown';
import { TutorialViewer } from './viewer';

/** A tutorial opened from a file: it is not in the address, only the step. */
const LOCAL = 'local';

export class TutorialsPage {
  readonly element: HTMLElement;
  private list: HTMLElement;
  private viewer: TutorialViewer;
  private current: string | null = null;
  private local: { name: string; source: string } | null = null;
  private notice = h('p', { class: 'field-error', role: 'alert', id: 'tutorials-notice' });
  private fileError = h('p', { class: 'field-error', role: 'alert', id: 'open-file-error' });
  private home: HTMLAnchorElement;

  constructor(
    private stateChanged: (state: State) => void,
    private link: (state: State) => string,
  ) {
    this.home = h('a', { class: 'home', href: link(new Map()) }, t('tutorial.all'));
    this.viewer = new TutorialViewer(() => this.stateChanged(this.state()), this.home);
    this.list = h('section', { class: 'tutorial-list', 'aria-labelledby': 'tutorials-title' });
    this.element = h('div', { class: 'tutorials' }, this.notice, this.list, this.viewer.element);
    this.renderList();
    onLangChange(() => {
      this.home.textContent = t('tutorial.all');
      this.home.href = this.link(new Map());
      this.renderList();
      if (this.current === LESSON) this.viewer.load(lessonSource(), this.viewer.step);
      else this.viewer.retranslate();
    });
  }

  private presenting = false;

  state(): State {
    const state: State = new Map();
    if (this.current && this.current !== LOCAL) state.set('tutorial', this.current);
    if (this.current && this.viewer.step > 0) state.set('step', String(this.viewer.step + 1));
    if (this.presenting) state.set('present', '1');
    return state;
  }

  get isPresenting(): boolean {
    return this.presenting;
  }

  /** Presenter mode: the page's chrome hidden (by the page), each step on one screen. */
  present(on: boolean): void {
    this.presenting = on;
    this.viewer.present(on);
  }

  /** Opens what the address names: a tutorial at a step, or the list. */
  apply(state: State): void {
    this.notice.textContent = '';
    this.present(isOn(state.get('present')));
    const name = state.get('tutorial');
    const step = Number(state.get('step') ?? '1');
    const index = Number.isInteger(step) && step >= 1 ? step - 1 : 0;
    if (!name) {
      if (this.current === LOCAL && this.local && state.has('step')) {
        this.viewer.go(index);
        return;
      }
      this.showList();
      return;
    }
    const source = name === LESSON ? lessonSource() : teacherTutorials.find((f) => f.name === name)?.source;
    if (source === undefined) {
      this.notice.textContent = t('tutorial.no_such', { name: name.slice(0, 60) });
      this.showList();
      return;
    }
    if (this.current === name) {
      this.viewer.go(index);
    } else {
      this.current = name;
      this.viewer.load(source, index);
    }
    this.showViewer();
  }

  private showList(): void {
    this.current = null;
    this.list.hidden = false;
    this.viewer.element.hidden = true;
  }

  private showViewer(): void {
    this.list.hidden = true;
    this.viewer.element.hidden = false;
  }

  private async openFile(file: File): Promise<void> {
    this.fileError.textContent = '';
    if (file.size > MAX_BYTES) {
      this.fileError.textContent = t('tutorial.too_large', { kb: MAX_BYTES / 1024 });
      return;
    }
    let source: string;
    try {
      source = await file.text();
    } catch {
      this.fileError.textContent = t('tutorial.unreadable');
      return;
    }
    this.local = { name: file.name, source };
    this.current = LOCAL;
    this.viewer.load(source, 0);
    this.showViewer();
    this.stateChanged(this.state());
  }

  private renderList(): void {
    const lesson = /^#\s+(.+)$/m.exec(lessonSource())?.[1] ?? t('tutorial.lesson');
    const input = h('input', { type: 'file', id: 'open-file', accept: '.md,.markdown,.txt,text/markdown,text/plain' });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.openFile(file);
    });
    this.list.replaceChildren(
      h('h1', { id: 'tutorials-title' }, t('tutorial.heading')),
      h('p', { class: 'intro-text' }, t('tutorial.intro')),
      h(
        'div',
        { class: 'tutorial-card lesson' },
        h('h2', {}, h('a', { href: this.link(new Map([['tutorial', LESSON]])), id: 'open-lesson' }, lesson)),
        h('p', {}, t('tutorial.lesson_about')),
      ),
      h('h2', {}, t('tutorial.teachers')),
      teacherTutorials.length
        ? h(
            'ul',
            { class: 'tutorial-files' },
            ...teacherTutorials.map((f) => h('li', {}, h('a', { href: this.link(new Map([['tutorial', f.name]])), 'data-tutorial': f.name }, f.title), ' ', h('code', {}, `tutorials/${f.name}.md`))),
          )
        : h('p', { class: 'hint' }, t('tutorial.none')),
      h('h2', {}, t('tutorial.open_title')),
      h('div', { class: 'field' }, h('label', { for: 'open-file' }, t('tutorial.open_label')), input),
      h('p', { class: 'hint' }, t('tutorial.open_hint')),
      this.fileError,
      h('h2', {}, t('tutorial.write_title')),
      h('p', {}, t('tutorial.write_about')),
      h('pre', { class: 'example' }, t('tutorial.write_example')),
    );
  }
}
