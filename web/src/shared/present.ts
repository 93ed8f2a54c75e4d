// Presenter mode, for a projector: the page's chrome hidden, the widget
// large and high in contrast (present=1 in the address). A Present button
// in the header turns it on; Esc, or the button at the top, turns it off.
import { h } from './dom';
import { onLangChange, t } from './i18n';

export class Presenter {
  /** The header's button. */
  readonly button: HTMLButtonElement;
  /** Shown at the top while presenting: the way out. */
  readonly exit: HTMLButtonElement;
  private on = false;

  /** set: the page shows its state with present on or off (and writes its address). */
  constructor(private set: (on: boolean) => void) {
    this.button = h('button', { type: 'button', class: 'present-button', id: 'present-button', 'data-part': 'present', onclick: () => this.set(true) });
    this.exit = h('button', { type: 'button', class: 'present-exit', id: 'present-exit', hidden: true, onclick: () => this.set(false) });
    document.body.append(this.exit);
    const label = () => {
      this.button.textContent = t('present.button');
      this.exit.textContent = t('present.exit');
    };
    label();
    onLangChange(label);
    document.addEventListener('keydown', (event) => {
      // A widget or the lesson that used Esc (to hand back the keys) prevents this.
      if (event.key === 'Escape' && this.on && !event.defaultPrevented) this.set(false);
    });
  }

  get presenting(): boolean {
    return this.on;
  }

  /** Shows the page presenting or not. */
  show(on: boolean): void {
    this.on = on;
    document.documentElement.classList.toggle('presenting', on);
    this.exit.hidden = !on;
  }
}
