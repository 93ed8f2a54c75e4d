// A core error as a message in the current language.
import type { CoreError } from './core-types';
import { t } from './i18n';

export function errorMessage(error: CoreError): string {
  const key = `field.${error.field}`;
  const field = t(key) === key ? error.field : t(key);
  return t(`error.${error.code}`, { ...error.params, field });
}
