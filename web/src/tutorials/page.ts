// The tutorials: a list (the built-in lesson, the teachers' files, a file
// from this computer, one at an address) and the tutorial being read, with
// the reader's progress. Its state, in the address: tutorial=<name>&step=<n>,
// or src=<url>&step=<n>.
import { h } from '../shared/dom';
import { onLangChange, t, type Translate } from '../shared/i18n';
import { isOn, type State } from '../shared/widget';
import { LESSON, lessonSource, teacherTutorials } from './catalog';
import { MAX_BYTES } from './markdown';
import { checkProgress, clearProgress, emptyProgress, keepOpened, type Progress, readOpened, readProgress, saveProgress, score, textId } from './progress';
import { fetchTutorial } from './remote';
import { TutorialViewer } from './viewer';

/** A tutorial opened from a file: kept for this tab (a reload keeps it), named in the address only as tutorial=local. */
const LOCAL = 'local';
/** A tutorial loaded from an address: src=<url>. */
const SRC = 'src';

export class TutorialsPage {
  readonly element: HTMLElement;
  private list: HTMLElement;
  private viewer: TutorialViewer;
  private current: string | null = null;
  private local: { name: string; source: string } | null = null;
  private notice = h('p', { class: 'field-error', role: 'alert', id: 'tutorials-notice' });
  private fileError = h('p', { class: 'field-error', role: 'alert', id: 'open-file-error' });
  private home: HTMLAnchorElement;
  /** The open tutorial's progress, and the name it is kept under (lesson, file:<name>, text:<hash>, url:<url>). */
  private id: string | null = null;
  private progress: Progress = emptyProgress();
  /** The step the reader was brought back to, or null. */
  private resumed: number | null = null;
  /** A state a course page gave for a tutorial still loading. */
  private given: unknown = null;
  private src: string | null = null;
  private loads = 0;
  /** Why the notice shows, in any language. */
  private noticeText: ((t: Translate) => string) | null = null;
  /** Called when the progress changes (an embed reports it). */
  onProgress: () => void = () => undefined;

  constructor(
    private stateChanged: (state: State) => void,
    private link: (state: State) => string,
  ) {
    this.home = h('a', { class: 'home', href: link(new Map()) }, t('tutorial.all'));
    this.viewer = new TutorialViewer(() => {
      this.track();
      this.stateChanged(this.state());
    }, this.home);
    this.viewer.answers = () => this.progress.answers;
    this.viewer.onAnswer = (id, given) => {
      if (!this.id) return;
      const { [id]: _, ...others } = this.progress.answers;
      this.progress.answers = { ...others, [id]: given };
      saveProgress(this.id, this.progress);
      this.renderRecord();
      this.onProgress();
    };
    this.list = h('section', { class: 'tutorial-list', 'aria-labelledby': 'tutorials-title' });
    this.element = h('div', { class: 'tutorials' }, this.notice, this.list, this.viewer.element);
    this.renderList();
    onLangChange(() => {
      this.home.textContent = t('tutorial.all');
      this.home.href = this.link(new Map());
      this.renderList();
      if (this.current === LESSON) this.viewer.load(lessonSource(), this.viewer.step);
      else this.viewer.retranslate();
      this.renderRecord();
      this.showNotice(this.noticeText);
    });
  }

  private showNotice(why: ((t: Translate) => string) | null): void {
    this.noticeText = why;
    this.notice.textContent = why ? why(t) : '';
  }

  /** The reader's progress, for a course page: the tutorial, the step, the steps seen, the answers. */
  spliceState(): Record<string, unknown> {
    if (!this.id) return {};
    return { tutorial: this.id, step: this.progress.step, seen: [...this.progress.seen], answers: { ...this.progress.answers } };
  }

  /** Steps seen (and answers right) over steps (and exercises); nothing while no tutorial is open. */
  spliceScore(): number | undefined {
    return this.id ? score(this.progress, this.viewer.count, this.viewer.exerciseIds).value : undefined;
  }

  /** Loads progress a course page kept: for this tutorial only, each part checked. */
  loadSpliceState(given: unknown): void {
    const d = given && typeof given === 'object' ? (given as Record<string, unknown>) : null;
    if (!d || typeof d.tutorial !== 'string') return;
    if (d.tutorial !== this.id) {
      this.given = given;
      return;
    }
    const progress = checkProgress(given, this.viewer.count);
    if (!progress) return;
    this.progress = progress;
    this.resumed = progress.step > 0 ? progress.step : null;
    if (progress.step !== this.viewer.step) this.viewer.go(progress.step);
    else {
      // Its answers in the step's exercises.
      this.viewer.retranslate();
      this.track();
    }
  }

  /** Marks the step seen, keeps it, shows it. */
  private track(): void {
    if (!this.id) return;
    const step = this.viewer.step;
    this.progress.step = step;
    if (!this.progress.seen.includes(step)) this.progress.seen = [...this.progress.seen, step].sort((a, b) => a - b);
    saveProgress(this.id, this.progress);
    this.renderRecord();
    this.onProgress();
  }

  private resetProgress(): void {
    if (!this.id) return;
    clearProgress(this.id);
    this.progress = emptyProgress();
    this.resumed = null;
    if (this.viewer.step !== 0) this.viewer.go(0);
    else {
      this.viewer.retranslate();
      this.track();
    }
    this.stateChanged(this.state());
  }

  private renderRecord(): void {
    const tr = this.viewer.t;
    if (!this.id) {
      this.viewer.record.replaceChildren();
      return;
    }
    const s = score(this.progress, this.viewer.count, this.viewer.exerciseIds);
    this.viewer.record.replaceChildren(
      h(
        'p',
        { id: 'tutorial-score', 'data-score': s.value.toFixed(4), 'data-seen': s.seen, 'data-steps': s.steps, 'data-right': s.right, 'data-exercises': s.exercises },
        s.exercises
          ? tr('progress.score_exercises', { seen: s.seen, steps: s.steps, right: s.right, exercises: s.exercises, percent: Math.round(s.value * 100) })
          : tr('progress.score', { seen: s.seen, steps: s.steps, percent: Math.round(s.value * 100) }),
      ),
      ...(this.resumed !== null ? [h('p', { id: 'tutorial-resumed' }, tr('progress.resumed', { n: this.resumed + 1 }))] : []),
      h('button', { type: 'button', id: 'progress-reset', onclick: () => this.resetProgress() }, tr('progress.reset')),
      h('p', { class: 'hint' }, tr('progress.kept')),
    );
  }

  /**
   * Shows a tutorial: at the step asked for, else where the reader left it
   * (their progress is kept under id).
   */
  private open(current: string, id: string, source: string, index: number | null): void {
    if (this.current === current && this.id === id) {
      this.viewer.go(index ?? 0);
      this.showViewer();
      return;
    }
    this.current = current;
    this.id = id;
    const saved = readProgress(id, Number.MAX_SAFE_INTEGER);
    this.resumed = index === null && saved && saved.step > 0 ? saved.step : null;
    this.viewer.load(source, index ?? saved?.step ?? 0);
    this.progress = checkProgress(saved, this.viewer.count) ?? emptyProgress();
    if (this.resumed !== null && this.resumed !== this.viewer.step) this.resumed = this.viewer.step || null;
    this.showViewer();
    // A state the course page gave while this tutorial was loading; one for another tutorial is dropped.
    const given = this.given as { tutorial?: unknown } | null;
    this.given = null;
    if (given && given.tutorial === id) this.loadSpliceState(given);
    else this.track();
  }

  private presenting = false;

  state(): State {
    const state: State = new Map();
    if (this.current === SRC && this.src) state.set('src', this.src);
    else if (this.current) state.set('tutorial', this.current);
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
    this.showNotice(null);
    this.present(isOn(state.get('present')));
    const name = state.get('tutorial');
    const src = state.get('src');
    const step = Number(state.get('step') ?? '1');
    const index = Number.isInteger(step) && step >= 1 ? step - 1 : 0;
    const asked = state.has('step') ? index : null;
    if (src) {
      void this.openUrl(src, asked);
      return;
    }
    this.loads++;
    if (!name) {
      if (this.current === LOCAL && this.local && state.has('step')) {
        this.viewer.go(index);
        return;
      }
      this.showList();
      return;
    }
    if (name === LOCAL) {
      const opened = this.local ?? readOpened();
      if (!opened) {
        this.showNotice((tr) => tr('tutorials.local_gone'));
        this.showList();
        return;
      }
      this.local = opened;
      this.open(LOCAL, `text:${textId(opened.source)}`, opened.source, asked);
      return;
    }
    const source = name === LESSON ? lessonSource() : teacherTutorials.find((f) => f.name === name)?.source;
    if (source === undefined) {
      const shown = name.slice(0, 60);
      this.showNotice((tr) => tr('tutorial.no_such', { name: shown }));
      this.showList();
      return;
    }
    this.open(name, name === LESSON ? LESSON : `file:${name}`, source, asked);
  }

  /** Loads the tutorial at an address; says why not, in place of it. */
  private async openUrl(src: string, index: number | null): Promise<void> {
    if (this.current === SRC && this.src === src) {
      this.viewer.go(index ?? 0);
      this.showViewer();
      return;
    }
    const load = ++this.loads;
    this.showNotice((tr) => tr('tutorials.url_loading'));
    const got = await fetchTutorial(src);
    if (load !== this.loads) return;
    if ('error' in got) {
      this.showNotice(got.error);
      this.showList();
      return;
    }
    this.showNotice(null);
    this.src = src;
    this.open(SRC, `url:${got.url}`, got.source, index);
    if (this.viewer.count === 0) {
      this.showNotice((tr) => tr('tutorials.url_not_tutorial', { url: src.slice(0, 80) }));
      this.showList();
    }
  }

  private showList(): void {
    this.current = null;
    this.id = null;
    this.src = null;
    this.renderRecord();
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
    keepOpened(this.local);
    this.current = null;
    this.open(LOCAL, `text:${textId(source)}`, source, null);
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
      h('p', { class: 'hint' }, t('tutorial.open_hint'), ' ', t('tutorials.open_kept')),
      this.fileError,
      h('h2', {}, t('tutorial.write_title')),
      h('p', {}, t('tutorial.write_about')),
      h('pre', { class: 'example' }, t('tutorial.write_example')),
    );
  }
}
