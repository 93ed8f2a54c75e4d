// The network's numbers as fields beside the drawing. Each field sends the
// text as typed to the core, which validates it; an error is shown beside
// the field and the last valid trace stays.
import type { Config, CoreError } from '../shared/core-types';
import { h } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';
import type { Field, StepperModel } from './model';

/** The losses the stepper offers. */
const stepperLosses = ['half_sse', 'mse', 'bce'];

function lossKind(loss: Config['loss']): string {
  return typeof loss === 'string' ? loss : loss.kind;
}

export class Editor {
  readonly element: HTMLElement;
  private groups = h('div', { class: 'editor-groups' });
  private biasToggle = h('input', { type: 'checkbox', id: 'update-biases' });
  private lossSelect = h('select', { id: 'loss' });
  private explore = h('a', { class: 'explore', 'data-i18n': 'stepper.explore_losses' });
  private general = h('p', { class: 'field-error general', role: 'alert', id: 'error-general' });
  /** Texts that did not validate, by field id: kept on re-render. */
  private invalid = new Map<string, { text: string; error: CoreError }>();
  private shape = '';

  constructor(
    private readonly t: Translate,
    private model: StepperModel,
    private lossHref: (loss: string) => string,
  ) {
    this.biasToggle.addEventListener('change', () => {
      const error = model.setBiasTraining(this.biasToggle.checked);
      this.showGeneral(error);
      if (error) this.biasToggle.checked = !this.biasToggle.checked;
    });
    this.lossSelect.addEventListener('change', () => {
      const error = model.setLoss(this.lossSelect.value);
      this.showGeneral(error);
      if (error) this.lossSelect.value = lossKind(model.config.loss);
    });
    this.element = h(
      'section',
      { class: 'editor', 'aria-labelledby': 'editor-title', 'data-part': 'editor', 'data-lock': 'editor' },
      h('h2', { id: 'editor-title', 'data-i18n': 'stepper.editor' }),
      h('p', { class: 'hint', 'data-i18n': 'stepper.editor_hint' }),
      this.groups,
      h(
        'div',
        { class: 'loss-choice' },
        h('label', { for: 'loss', 'data-i18n': 'stepper.loss' }),
        this.lossSelect,
        h('p', { class: 'hint', 'data-i18n': 'stepper.loss_hint' }),
        this.explore,
      ),
      h(
        'div',
        { class: 'toggle' },
        this.biasToggle,
        h('label', { for: 'update-biases', 'data-i18n': 'stepper.update_biases' }),
        h('p', { class: 'hint', 'data-i18n': 'stepper.update_biases_hint' }),
      ),
      this.general,
    );
  }

  /** Rebuilds the fields when the network's shape or bias mode changed; else refreshes their values. */
  render(): void {
    const { trace } = this.model;
    this.biasToggle.checked = trace.train_biases;
    if (!this.lossSelect.options.length) this.renderLossOptions();
    this.lossSelect.value = lossKind(trace.loss);
    this.explore.href = this.lossHref(lossKind(trace.loss));
    const groups = this.model.fieldGroups();
    const shape = groups.map((g) => g.fields.map((f) => f.id).join(',')).join('|');
    if (shape !== this.shape) {
      this.shape = shape;
      this.invalid.clear();
      this.groups.replaceChildren(...groups.map((g) => this.group(g.title, g.fields)));
    }
    for (const group of groups) {
      for (const field of group.fields) {
        const input = this.groups.querySelector<HTMLInputElement>(`#field-${CSS.escape(field.id)}`);
        if (!input) continue;
        const bad = this.invalid.get(field.id);
        if ((input.getRootNode() as Document | ShadowRoot).activeElement !== input && !bad) input.value = exact(field.value);
        this.showError(field.id, bad?.error ?? null);
      }
    }
  }

  private renderLossOptions(): void {
    this.lossSelect.replaceChildren(...stepperLosses.map((kind) => h('option', { value: kind }, this.t(`stepper.loss_${kind}`))));
  }

  /** Forgets what was typed and rebuilds the fields (a new state was applied). */
  clear(): void {
    this.invalid.clear();
    this.general.textContent = '';
    this.shape = '';
  }

  retranslate(): void {
    this.renderLossOptions();
    for (const [id, { error }] of this.invalid) this.showError(id, error);
    this.shape = '';
    this.render();
  }

  private group(title: string, fields: Field[]): HTMLElement {
    return h(
      'fieldset',
      { class: `field-group ${title.replace('stepper.', '')}` },
      h('legend', { 'data-i18n': title }, this.t(title)),
      ...fields.map((field) => this.field(field)),
    );
  }

  private field(field: Field): HTMLElement {
    const input = h('input', {
      id: `field-${field.id}`,
      name: field.id,
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `error-${field.id}`,
      value: exact(field.value),
    });
    input.addEventListener('input', () => {
      const error = this.model.edit(field.path, input.value);
      if (error) this.invalid.set(field.id, { text: input.value, error });
      else this.invalid.delete(field.id);
      this.showError(field.id, error);
    });
    // A field removed while it has the focus (the fields rebuilt for another shape) blurs in the
    // middle of that rebuild: the values are refreshed after it, and not for a field that is gone.
    input.addEventListener('blur', () => {
      queueMicrotask(() => {
        if (input.isConnected && !this.invalid.has(field.id)) this.render();
      });
    });
    const label = field.id === 'learning_rate' ? 'η' : field.id;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: input.id }, label),
      input,
      errorSlot(field.id),
    );
  }

  private showError(id: string, error: CoreError | null): void {
    const input = this.groups.querySelector<HTMLInputElement>(`#field-${CSS.escape(id)}`);
    const slot = this.groups.querySelector<HTMLElement>(`#error-${CSS.escape(id)}`);
    if (!input || !slot) return;
    input.setAttribute('aria-invalid', error ? 'true' : 'false');
    slot.textContent = error ? `${errorMessage(error, undefined, this.t)} ${this.t('stepper.invalid_kept')}` : '';
  }

  /** An error from a switch: beside its field when there is one, else under the switches. */
  private showGeneral(error: CoreError | null): void {
    const slot = error && this.groups.querySelector(`#error-${CSS.escape(error.field)}`);
    if (error && slot) {
      this.invalid.set(error.field, { text: '', error });
      this.showError(error.field, error);
      this.general.textContent = '';
      return;
    }
    this.general.textContent = error ? errorMessage(error, undefined, this.t) : '';
  }
}
