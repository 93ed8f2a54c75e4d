// The racers: each one's switch, marker, name and learning rate, step, loss
// and status, the choice of whose update to show, and its settings (as
// typed; the core validates them, and a bad one shows its message beside it).
import type { CoreError, RaceRun } from '../shared/core-types';
import { h, s } from '../shared/dom';
import { errorMessage, errorSlot } from '../shared/errors';
import { exact, short } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { colours, dashes, defaults, markers, type RacerId, racerIds, settings } from './racers';

/** A run as the race shows it: with the learning rate it ran with, for its legend. */
export type ShownRun = RaceRun & { lr: string };

export interface RacerState {
  enabled: Set<RacerId>;
  values: Record<RacerId, Record<string, string>>;
  selected: RacerId;
}

export class RacerList {
  readonly element: HTMLElement;
  private rows = new Map<
    RacerId,
    { name: HTMLElement; rate: HTMLElement; status: HTMLElement; step: HTMLElement; loss: HTMLElement; settings: HTMLElement }
  >();
  private errorSlots = new Map<string, HTMLElement>();

  constructor(
    private readonly t: Translate,
    private state: RacerState,
    private changed: () => void,
    private selectedChanged: () => void,
    /** The core's number reader (U+2212 and every printed form); null where the text is not a number. */
    private read: (text: string) => number | null,
  ) {
    this.element = h('section', { class: 'racers', 'aria-labelledby': 'racers-title' }, h('h2', { id: 'racers-title', 'data-i18n': 'race.racers' }));
    this.build();
  }

  private build(): void {
    const list = h('ul', { class: 'racer-list' });
    for (const id of racerIds) {
      const enabled = h('input', { type: 'checkbox', id: `enable-${id}`, 'data-optimizer': id });
      enabled.checked = this.state.enabled.has(id);
      enabled.addEventListener('change', () => {
        if (enabled.checked) this.state.enabled.add(id);
        else this.state.enabled.delete(id);
        this.changed();
      });
      const pick = h('input', { type: 'radio', name: 'detail', id: `detail-${id}`, value: id });
      pick.checked = this.state.selected === id;
      pick.addEventListener('change', () => {
        this.state.selected = id;
        this.selectedChanged();
      });
      const legend = s(
        'svg',
        { class: 'legend-mark', viewBox: '-20 -8 40 16', width: 40, height: 16, 'aria-hidden': 'true' },
        s('line', { x1: -20, y1: 0, x2: 8, y2: 0, stroke: colours[id], 'stroke-width': 3, 'stroke-dasharray': dashes[id] || null }),
        s('path', { d: markers[id], fill: colours[id], transform: 'translate(12, 0) scale(0.9)' }),
      );
      const name = h('span', { class: 'racer-label' });
      const rate = h('span', { class: 'racer-rate' });
      const status = h('span', { class: 'status', role: 'status' });
      const step = h('span', { class: 'step' });
      const loss = h('span', { class: 'loss' });
      const box = h('div', { class: 'racer-settings' });
      this.rows.set(id, { name, rate, status, step, loss, settings: box });
      list.append(
        h(
          'li',
          { class: `racer ${id}`, 'data-optimizer': id },
          h(
            'div',
            { class: 'racer-head' },
            enabled,
            h('label', { for: enabled.id, class: 'racer-name' }, legend, h('span', { class: 'racer-title' }, name, rate)),
            step,
            loss,
            h('span', { class: 'detail-pick' }, pick, h('label', { for: pick.id, 'data-i18n': 'race.show_update' }, this.t('race.show_update'))),
          ),
          status,
          h('details', { class: 'settings', 'data-part': 'settings', 'data-lock': 'settings' }, h('summary', { 'data-i18n': 'race.settings' }, this.t('race.settings')), box),
        ),
      );
    }
    this.element.append(list);
    for (const id of racerIds) this.renderSettings(id);
    this.renderLabels([]);
  }

  /** Each racer's name (momentum with its form) and the learning rate its run used, or is set to. */
  private renderLabels(runs: ShownRun[]): void {
    for (const id of racerIds) {
      const row = this.rows.get(id)!;
      const values = this.state.values[id];
      const name =
        id === 'momentum'
          ? this.t('race.name_with_form', { name: this.t('race.name.momentum'), form: this.t(`race.form_tag.${values.form === 'pytorch' ? 'pytorch' : 'ewa'}`) })
          : this.t(`race.name.${id}`);
      const run = this.state.enabled.has(id) ? runs.find((r) => r.id === id) : undefined;
      const rate = this.t('race.rate', { lr: run ? run.lr : values.lr.trim() });
      // Playback renders every step: touch the DOM only when the text changes.
      if (row.name.textContent !== name) row.name.textContent = name;
      if (row.rate.textContent !== rate) row.rate.textContent = rate;
    }
  }

  private renderSettings(id: RacerId): void {
    const values = this.state.values[id];
    const box = this.rows.get(id)!.settings;
    const fields: HTMLElement[] = [];
    for (const setting of settings[id]) {
      if (setting.when && !setting.when(values)) continue;
      const inputId = `race-${id}-${setting.key}`;
      const error = errorSlot(inputId);
      this.errorSlots.set(`${id}.${setting.key}`, error);
      let control: HTMLElement;
      if (setting.kind === 'boolean') {
        const input = h('input', { type: 'checkbox', id: inputId, 'aria-describedby': error.id });
        input.checked = values[setting.key] === 'true';
        input.addEventListener('change', () => {
          values[setting.key] = String(input.checked);
          this.changed();
        });
        control = h('div', { class: 'field check' }, input, h('label', { for: inputId }, this.t(setting.label)), error);
      } else if (setting.kind === 'form') {
        const select = h(
          'select',
          { id: inputId },
          h('option', { value: 'ewa' }, this.t('race.form_ewa')),
          h('option', { value: 'pytorch' }, this.t('race.form_pytorch')),
        );
        select.value = values.form;
        select.addEventListener('change', () => {
          // The two forms take the same path when eta_pytorch = eta (1 - beta) and mu = beta:
          // switching keeps the trail and rescales eta.
          const toPytorch = select.value === 'pytorch';
          const decay = this.read(toPytorch ? values.beta : values.momentum);
          const lr = this.read(values.lr);
          if (decay !== null && lr !== null && decay < 1) {
            values.lr = String(toPytorch ? lr * (1 - decay) : lr / (1 - decay));
            if (toPytorch) values.momentum = values.beta;
            else values.beta = values.momentum;
          }
          values.form = select.value;
          this.renderSettings(id);
          this.changed();
        });
        control = h(
          'div',
          { class: 'field form' },
          h('label', { for: inputId }, this.t(setting.label)),
          select,
          h('p', { class: 'hint' }, this.t('race.form_note')),
        );
      } else {
        const input = h('input', { type: 'text', id: inputId, inputmode: 'decimal', value: values[setting.key], 'aria-describedby': error.id });
        input.addEventListener('input', () => {
          values[setting.key] = input.value;
          this.changed();
        });
        const extra =
          id === 'adagrad' && setting.key === 'eps'
            ? h('button', { type: 'button', class: 'small', id: 'adagrad-lesson-eps', onclick: () => {
                values.eps = '1e-6';
                input.value = '1e-6';
                this.changed();
              } }, this.t('race.lesson_eps'))
            : null;
        control = h('div', { class: 'field' }, h('label', { for: inputId }, this.t(setting.label)), input, extra, error);
      }
      fields.push(control);
    }
    box.replaceChildren(...fields);
  }

  /** Shows which racers run and whose update is shown, after the state changed them. */
  syncEnabled(): void {
    for (const id of racerIds) {
      const enabled = this.element.querySelector<HTMLInputElement>(`#enable-${id}`);
      const pick = this.element.querySelector<HTMLInputElement>(`#detail-${id}`);
      if (enabled) enabled.checked = this.state.enabled.has(id);
      if (pick) pick.checked = this.state.selected === id;
    }
  }

  retranslate(): void {
    for (const id of racerIds) this.renderSettings(id);
    this.renderLabels(this.shown);
  }

  reset(id: RacerId, lr: number): void {
    this.state.values[id] = { ...defaults(id), lr: String(lr) };
    this.renderSettings(id);
  }

  showErrors(errors: CoreError[]): void {
    for (const slot of this.errorSlots.values()) slot.textContent = '';
    for (const e of errors) {
      const slot = this.errorSlots.get(e.field);
      // "adam.beta1" reads "Adam: β₁".
      const [id, key] = e.field.split('.');
      const label = `${this.t(`race.name.${id}`)}: ${this.t(`race.setting.${key}`)}`;
      if (slot) slot.textContent = errorMessage(e, label, this.t);
    }
  }

  private shown: ShownRun[] = [];

  render(runs: ShownRun[], step: number): void {
    // The labels follow the runs (a new race has new runs); each frame of the same race changes only the steps and losses.
    if (runs !== this.shown) this.renderLabels(runs);
    this.shown = runs;
    for (const id of racerIds) {
      const row = this.rows.get(id)!;
      const run = runs.find((r) => r.id === id);
      if (!run || !this.state.enabled.has(id)) {
        row.step.textContent = '';
        row.loss.textContent = '';
        row.status.textContent = '';
        continue;
      }
      const last = Math.min(step, run.x.length - 1);
      row.step.textContent = this.t('race.step_n', { n: last });
      row.loss.textContent = this.t('race.loss_is', { loss: short(run.loss[last], 5) });
      row.loss.dataset.loss = exact(run.loss[last]);
      const stopped = run.stopped_at !== null && step >= run.stopped_at;
      row.status.textContent = stopped ? this.t(`stop.${run.reason}`, { step: run.stopped_at! }) : '';
      row.status.dataset.reason = stopped ? run.reason : '';
    }
  }
}
