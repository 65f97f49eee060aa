import type { MessageKey, MessageParams } from '../i18n/messages';
import { ApiError } from './http';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A failed request, in words for the user (in the interface language where the API's words are not needed). */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404) return t('error.notFound');
    if (error.status === 409) return t('error.conflict', { message: error.message });
    return t('error.http', { status: error.status, message: error.message });
  }
  return error instanceof Error ? error.message : String(error);
}
