// A core error as a message in the current language.
import type { CoreError } from './core-types';
import { t } from './i18n';

/** fieldLabel names the field where the page knows better than the core's name for it. */
export function errorMessage(error: CoreError, fieldLabel?: string): string {
  const key = `field.${error.field}`;
  const field = fieldLabel ?? (t(key) === key ? error.field : t(key));
  return t(`error.${error.code}`, { ...error.params, field });
}
