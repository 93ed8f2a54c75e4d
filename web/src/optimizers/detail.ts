// The selected optimizer's update at the current step, written out with
// the numbers (the core's LaTeX), and what the state means. While the race
// plays it is not typeset again (that takes longer than a frame): the last
// update stays, dimmed, with a note, until the race pauses.
import type { OptimizerStep } from '../shared/core-types';
import { h } from '../shared/dom';
import { exact } from '../shared/format';
import type { Translate } from '../shared/i18n';
import { fitTexLater, stopFitting } from '../shared/math';
import type { RacerId } from './racers';

export class DetailPanel {
  readonly element: HTMLElement;
  private title = h('h2', { id: 'detail-title' });
  private equations = h('div', { class: 'equations', id: 'update-equations' });
  private about = h('p', { class: 'hint' });
  private empty = h('p', { class: 'hint' });
  private playingNote = h('p', { class: 'hint playing-note', id: 'detail-playing' });
  private playing = false;

  constructor(private readonly t: Translate) {
    this.element = h(
      'section',
      { class: 'detail', 'aria-labelledby': 'detail-title', 'aria-live': 'polite' },
      this.title,
      this.about,
      this.empty,
      this.playingNote,
      this.equations,
    );
  }

  /** While the race plays: the update shown is an earlier step's, and says so. */
  setPlaying(on: boolean): void {
    if (on === this.playing) return;
    this.playing = on;
    this.element.classList.toggle('playing', on);
    this.playingNote.textContent = on ? this.t('race.detail_playing') : '';
    // "Press Play or Step …" is no longer the advice.
    if (on) this.empty.textContent = '';
  }

  render(id: RacerId, detail: OptimizerStep | null): void {
    this.setPlaying(false);
    this.title.textContent = this.t('race.update_of', { name: this.t(`race.name.${id}`) });
    this.about.textContent = this.t(`race.about.${id}`);
    this.element.dataset.optimizer = id;
    if (!detail) {
      this.empty.textContent = this.t('race.detail_empty');
      stopFitting(this.equations);
      this.equations.replaceChildren();
      delete this.element.dataset.step;
      return;
    }
    this.empty.textContent = '';
    this.element.dataset.step = String(detail.step);
    const after = detail.after;
    // Exact values for tests and for copying: m_hat, v_hat, the effective rate, ...
    for (const key of ['m_hat', 'v_hat', 'm', 'v', 's', 'effective_rate', 'buffer'] as const) {
      const v = after[key];
      if (v) this.element.dataset[key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = Array.from(v, exact).join(',');
      else delete this.element.dataset[key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())];
    }
    // Each equation beside its numbers; narrower, the numbers under it; narrower still, each equals sign on a line.
    const aligned = detail.tex.map((l) => `${l.formula} &${l.numbers}`).join(' \\\\[4pt] ');
    const D = '\\displaystyle ';
    const under = detail.tex.map((l) => `${D}${l.formula} \\\\ ${D}\\quad ${l.numbers}`).join(' \\\\[6pt] ');
    const broken = detail.tex.map((l) => [D + l.formula, ...l.numbers_lines.map((n) => `${D}\\quad ${n}`)].join(' \\\\ ')).join(' \\\\[6pt] ');
    // Typeset in tasks of its own after this one, none long: the formula is the longest work of a step.
    const step = String(detail.step);
    fitTexLater(this.equations, [
      `\\begin{aligned}${aligned}\\end{aligned}`,
      `\\begin{array}{l}${under}\\end{array}`,
      `\\begin{array}{l}${broken}\\end{array}`,
    ], () => (this.equations.dataset.t = step));
  }
}
