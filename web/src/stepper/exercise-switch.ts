// The exercise mode's switch, in the stepper's controls from the start.
// The mode itself (./exercise.ts, its styles, its checks) is loaded the
// first time the switch is turned on, by the reader or by the state
// (exercise=true): until it is here the stepper waits to draw, so a value
// the mode hides is never shown meanwhile. If it cannot be loaded, the
// switch goes back off and says why.
import type { Term } from '../shared/core-types';
import { h } from '../shared/dom';
import type { WidgetElement } from '../shared/element';
import { translateTree, type Translate } from '../shared/i18n';
import { adoptShadow } from '../shared/styles';
import type { Exercise } from './exercise';
import type { StepperModel } from './model';

export class ExerciseSwitch {
  /** The switch, for the stepper's controls. */
  readonly toggle: HTMLElement;
  /** Why the mode could not be loaded, beside the switch. */
  readonly failure = h('p', { class: 'field-error', role: 'alert', id: 'exercise-failed', hidden: true });
  on = false;
  /** Resolves once the mode's code is here (or has failed to come); null when nothing is coming. */
  loading: Promise<void> | null = null;
  private checkbox = h('input', { type: 'checkbox', id: 'exercise-mode' }) as HTMLInputElement;
  private mode: Exercise | null = null;
  /** The error of the last attempt to load the mode, or null. */
  private failed: string | null = null;

  /**
   * `place` puts the mode's answer form under the term card; `changed`
   * draws the stepper again.
   */
  constructor(
    private readonly t: Translate,
    private readonly model: StepperModel,
    private readonly root: HTMLElement,
    private readonly place: (form: HTMLElement) => void,
    private readonly changed: () => void,
  ) {
    this.checkbox.addEventListener('change', () => {
      this.setOn(this.checkbox.checked);
      this.changed();
    });
    this.toggle = h('div', { class: 'exercise-switch' }, this.checkbox, h('label', { for: 'exercise-mode', 'data-i18n': 'exercise.switch' }));
  }

  setOn(on: boolean): void {
    this.on = on;
    this.checkbox.checked = on;
    if (on) this.failed = null;
    if (this.mode) this.mode.setOn(on);
    else if (on) this.loading ??= this.load();
  }

  /** Off, every value to be found again. */
  reset(): void {
    this.setOn(false);
    this.mode?.reset();
  }

  /** The term's value is hidden from the student. */
  hides(term: Term): boolean {
    return this.mode?.hides(term) ?? false;
  }

  /** After the term card has rendered: see Exercise.render. */
  render(card: HTMLElement): void {
    this.failure.textContent = this.failed === null ? '' : this.t('exercise.load_failed', { message: this.failed });
    this.failure.hidden = this.failed === null;
    this.mode?.render(this.root, card);
  }

  private async load(): Promise<void> {
    try {
      const { Exercise, exerciseCss } = await import('./exercise');
      this.addStyles(exerciseCss);
      const mode = new Exercise(this.t, this.model, this.changed);
      translateTree(mode.element, this.t);
      this.place(mode.element);
      mode.setOn(this.on);
      this.mode = mode;
    } catch (e) {
      this.on = false;
      this.checkbox.checked = false;
      this.failed = e instanceof Error ? e.message : String(e);
    } finally {
      this.loading = null;
    }
    this.changed();
  }

  /** The mode's styles, in the widget's shadow root (kept by its element, which adopts them again after a move). */
  private addStyles(css: string): void {
    const shadow = this.root.getRootNode();
    if (!(shadow instanceof ShadowRoot)) return;
    const host = shadow.host as Partial<WidgetElement>;
    if (typeof host.addStyles === 'function') host.addStyles(css);
    else adoptShadow(shadow, css);
  }
}
