// What every widget shares: its state as key=value pairs (the address's
// hash, a custom element's attributes, a tutorial's widget block), applied
// through the same checks as its form fields, and the classroom flags that
// hide or lock its parts.
import { type BackpropCore, type Config, isCoreError, type LossSpecBatch, type RaceSpec } from './core-types';
import { errorMessage } from './errors';
import type { Translate } from './i18n';

export type State = Map<string, string>;
export type WidgetId = 'stepper' | 'losses' | 'optimizers' | 'training' | 'playground';

/** A part of the state that could not be applied, and why. */
export interface Problem {
  key: string;
  value: string;
  /** Why, in the language it is given (a widget's reasons speak the widget's). */
  reason: (t: Translate) => string;
}

/** One key of a widget's state, bound to what its form field does. */
export interface Binding {
  key: string;
  /** The value now, as the address writes it. */
  get(): string;
  /** The value a fresh widget has here (given the keys applied before this one). */
  fallback(): string;
  /** Applies the text as the form field would; returns why not, changing nothing then. */
  set(text: string): ((t: Translate) => string) | null;
}

export interface WidgetHost {
  /** The widget's messages, in its language (which may not be the page's). */
  t: Translate;
  /** Where the widget builds itself (inside its element's shadow root). */
  root: HTMLElement;
  /** Where the widget listens for its keyboard shortcuts. */
  keyTarget: EventTarget;
  /** Tells the host the state changed (the page then updates its address). */
  changed(): void;
  /** A link to another widget showing this state. */
  href(widget: WidgetId, state: State): string;
}

/** What a widget shows, for a tutorial's exercise on it: the core computes what is asked from this. */
export type ExerciseSource =
  | { kind: 'stepper'; config: Config }
  | { kind: 'losses'; loss: LossSpecBatch }
  | { kind: 'race'; race: RaceSpec };

export interface Widget {
  /** The state's keys in the order they apply. */
  bindings: Binding[];
  /** Back to a fresh widget's state. */
  reset(): void;
  /** Re-renders what the language changes. */
  retranslate(): void;
  /** Stops timers and animations (the widget is leaving the page). */
  stop?(): void;
  /** Resolves once its first state is drawn, where the widget spreads that over several tasks. */
  settled?(): Promise<void>;
  /** What it shows now, for an exercise on it; null while its state is not valid. */
  exercise?(): ExerciseSource | null;
}

export interface WidgetModule {
  css: string[];
  mount(core: BackpropCore, host: WidgetHost): Widget;
}

export interface WidgetDef {
  id: WidgetId;
  /** The custom element's name. */
  tag: string;
  /** The widget's page in the site. */
  page: string;
  /** Its name, a message key. */
  title: string;
  /** What `hide=` can hide: elements marked data-part="<name>". */
  parts: string[];
  /** What `lock=` can lock: elements marked data-lock="<name>" become inert. */
  locks: string[];
  /**
   * The height its iframe code asks for, in px: the embed view's main part
   * (for the stepper, the drawing and the linked term) at a course column's
   * width, for a page that strips the script that sizes frames.
   */
  embedHeight: number;
  load(): Promise<WidgetModule>;
}

/** Keys every widget understands besides its own. */
export const HOST_KEYS = ['lang', 'theme', 'present', 'hide', 'lock'];

/** A switch's value as the address and attributes write it: 1, true, on, yes (or nothing: present). */
export function isOn(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'on', 'yes', ''].includes(value.trim().toLowerCase());
}

export function isOff(value: string): boolean {
  return ['0', 'false', 'off', 'no'].includes(value.trim().toLowerCase());
}
/** Parts of the page around a widget that `hide=` can hide. */
export const HOST_PARTS = ['lang', 'theme', 'present', 'nav', 'share', 'handout'];

const MAX_SHOWN = 60;

/** The value as a notice shows it: never more than a line. */
export function shown(value: string): string {
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
}

export function problem(key: string, value: string, reason: (t: Translate) => string): Problem {
  return { key, value, reason };
}

/** Splits a flag list: "editor, list" → ["editor", "list"]. */
export function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A binding for a choice among fixed values. */
export function choice(key: string, values: readonly string[], get: () => string, set: (v: string) => void, fallback: () => string): Binding {
  return {
    key,
    get,
    fallback,
    set(text) {
      if (!values.includes(text)) return (t) => t('state.one_of', { values: values.join(', ') });
      set(text);
      return null;
    },
  };
}

/** A binding for a switch: true/false (also 1/0, on/off, yes/no). */
export function flag(key: string, get: () => boolean, set: (on: boolean) => ((t: Translate) => string) | null | void, fallback = false): Binding {
  return {
    key,
    get: () => String(get()),
    fallback: () => String(fallback),
    set(text) {
      const v = text.trim().toLowerCase();
      const on = ['true', '1', 'on', 'yes'].includes(v);
      if (!on && !['false', '0', 'off', 'no'].includes(v)) return (t) => t('state.boolean');
      return set(on) ?? null;
    },
  };
}

/**
 * Resets the widget and applies the state: each known key through its
 * binding, in the binding order. Returns what was ignored and why.
 */
export function applyState(widget: Widget, state: State, extraKeys: string[] = []): Problem[] {
  widget.reset();
  const known = new Set([...widget.bindings.map((b) => b.key), ...HOST_KEYS, ...extraKeys]);
  const problems: Problem[] = [];
  for (const [key, value] of state) {
    if (!known.has(key)) problems.push(problem(key, value, (t) => t('state.unknown_key')));
  }
  for (const binding of widget.bindings) {
    const value = state.get(binding.key);
    if (value === undefined) continue;
    let why: ((t: Translate) => string) | null;
    try {
      why = binding.set(value);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      why = () => message;
    }
    if (why) problems.push(problem(binding.key, value, why));
  }
  return problems;
}

/** The widget's state: the keys whose value differs from a fresh widget's. */
export function widgetState(widget: Widget): State {
  const state: State = new Map();
  for (const binding of widget.bindings) {
    const value = binding.get();
    if (value !== binding.fallback()) state.set(binding.key, value);
  }
  return state;
}

export interface Flags {
  hide: Set<string>;
  lock: Set<string>;
}

/** Reads hide= and lock=, keeping the names this widget knows. */
export function readFlags(def: WidgetDef, state: State): { flags: Flags; problems: Problem[] } {
  const problems: Problem[] = [];
  const read = (key: 'hide' | 'lock', names: string[]) => {
    const set = new Set<string>();
    for (const name of splitList(state.get(key) ?? '')) {
      if (names.includes(name)) set.add(name);
      else problems.push(problem(key, name, (t) => t('state.unknown_part', { parts: names.join(', ') })));
    }
    return set;
  };
  return { flags: { hide: read('hide', [...def.parts, ...HOST_PARTS]), lock: read('lock', def.locks) }, problems };
}

/** Hides the parts named in hide=, makes those in lock= inert. */
export function applyFlags(root: ParentNode, flags: Flags): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-part]')) {
    const hide = el.dataset.part!.split(' ').some((p) => flags.hide.has(p));
    el.toggleAttribute('data-hidden-part', hide);
  }
  // Locks go on HTML elements: SVG has no inert.
  for (const el of root.querySelectorAll<HTMLElement>('[data-lock]')) {
    const locked = flags.lock.has(el.dataset.lock!);
    el.inert = locked;
    el.classList.toggle('locked', locked);
  }
}

export function flagsState(flags: Flags): State {
  const state: State = new Map();
  if (flags.hide.size) state.set('hide', [...flags.hide].join(','));
  if (flags.lock.size) state.set('lock', [...flags.lock].join(','));
  return state;
}

/** Why the text is refused, or null. */
export type Check = (text: string) => ((t: Translate) => string) | null;

/**
 * A check by the core: runs `call` with the text, as the field's own
 * computation would take it, and turns the core's error into the reason.
 * A field that is not shown is not computed, so its key is checked this
 * way, shown or not.
 */
export function coreCheck(call: (text: string) => unknown, label?: (t: Translate) => string): Check {
  return (text) => {
    try {
      call(text);
      return null;
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return (t) => errorMessage(e, label?.(t), t);
    }
  };
}

/**
 * A binding to a form field, validated as the field is: the text is typed
 * in (an input event), and if the widget then shows an error in errorSlot
 * the previous text comes back and the error is the reason. `check`, when
 * given, first has the core read the text as the field's computation would,
 * for a field that is hidden (and so not computed) now.
 */
export function fieldBinding(
  key: string,
  input: HTMLInputElement | HTMLTextAreaElement,
  errorSlot: () => HTMLElement,
  fallback: () => string,
  refuse?: Check,
): Binding {
  // The last text the widget accepted: what the address keeps while a field is wrong.
  let valid = input.value;
  const check = () => {
    if (!errorSlot().textContent) valid = input.value;
  };
  input.addEventListener('input', check);
  input.addEventListener('change', check);
  return {
    key,
    get: () => (errorSlot().textContent ? valid : input.value),
    fallback,
    set(text) {
      const refused = refuse?.(text);
      if (refused) return refused;
      const before = errorSlot().textContent ? valid : input.value;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const message = errorSlot().textContent ?? '';
      if (!message) return null;
      input.value = before;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return () => message;
    },
  };
}

/** A binding to a select: the value must be one of its options. */
export function selectBinding(key: string, select: HTMLSelectElement, fallback: () => string): Binding {
  return {
    key,
    get: () => select.value,
    fallback,
    set(text) {
      const values = [...select.options].map((o) => o.value).filter(Boolean);
      if (!values.includes(text)) return (t) => t('state.one_of', { values: values.join(', ') });
      select.value = text;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return null;
    },
  };
}

/** A binding to a checkbox. */
export function checkboxBinding(key: string, box: HTMLInputElement, fallback = false): Binding {
  return flag(key, () => box.checked, (on) => {
    if (box.checked === on) return;
    box.checked = on;
    box.dispatchEvent(new Event('change', { bubbles: true }));
  }, fallback);
}
