// Presenter mode, for a projector: the page's chrome hidden, the widget
// large and high in contrast (present=1 in the address). A Present button
// in the header turns it on; Esc, or the button at the top, turns it off.
import { h } from './dom';
import { onLangChange, t } from './i18n';

const ESC_AGAIN_MS = 2500;
/** Presenter mode lays the page out at least this wide, in CSS px: a projector at 150 % zoom gets the 1280 px layout. */
const CANVAS = 1280;
/** Narrower than this (a phone), it does not shrink the page. */
const NO_ZOOM_BELOW = 700;

/** The zoom that lays a narrow window out as CANVAS px wide (1 where none is needed). */
export function presentZoom(): number {
  return innerWidth >= NO_ZOOM_BELOW ? Math.min(1, innerWidth / CANVAS) : 1;
}

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
    window.addEventListener('resize', () => this.on && this.fit());
    // Esc twice leaves: once says how, so an Esc meant for something else never ends the lesson.
    let armed = 0;
    document.addEventListener('keydown', (event) => {
      // A widget or the lesson that used Esc (to hand back the keys) prevents this.
      if (event.key !== 'Escape' || !this.on || event.defaultPrevented) return;
      if (Date.now() - armed < ESC_AGAIN_MS) {
        armed = 0;
        this.set(false);
        return;
      }
      armed = Date.now();
      this.exit.textContent = t('present.esc_again');
      this.exit.classList.add('confirm');
      window.setTimeout(() => {
        this.exit.classList.remove('confirm');
        label();
      }, ESC_AGAIN_MS);
    });
  }

  get presenting(): boolean {
    return this.on;
  }

  /** Shows the page presenting or not. */
  show(on: boolean): void {
    this.on = on;
    const root = document.documentElement;
    root.classList.toggle('presenting', on);
    this.exit.hidden = !on;
    this.fit();
  }

  /**
   * A projector at 150 % zoom is 853 CSS px wide: the page is zoomed out to
   * lay out as 1280 px, which is what presenter mode is drawn for. Heights
   * in vh divide by --present-zoom (viewport units are not zoomed).
   */
  private fit(): void {
    const root = document.documentElement;
    const zoom = this.on ? presentZoom() : 1;
    root.style.zoom = zoom === 1 ? '' : String(zoom);
    if (zoom === 1) root.style.removeProperty('--present-zoom');
    else root.style.setProperty('--present-zoom', String(zoom));
  }
}
