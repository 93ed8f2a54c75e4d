// A core error as a message in the current language.
import type { CoreError } from './core-types';
import { h } from './dom';
import { t as pageT, type Translate } from './i18n';

/** The place beside a field where its error shows: error-<id>, which the field names in aria-describedby. */
export function errorSlot(id: string): HTMLSpanElement {
  return h('span', { class: 'field-error', id: `error-${id}`, role: 'alert' });
}

/**
 * fieldLabel names the field where the page knows better than the core's
 * name for it; t is the widget's language (else the page's).
 */
export function errorMessage(error: CoreError, fieldLabel?: string, t: Translate = pageT): string {
  const key = `field.${error.field}`;
  const field = fieldLabel ?? (t(key) === key ? error.field : t(key));
  return t(`error.${error.code}`, { ...error.params, field });
}
