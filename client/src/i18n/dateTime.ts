/**
 * A moment (an ISO time) as wall-clock time in Sweden, in the UI language's format:
 * "2015-03-31 14:05" in Swedish
 * (with `seconds`, "2015-03-31 14:05:09": history lists need to tell close changes apart). Kept beside the other formatters of `index.ts`.
 */
import { t } from './index';

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string, options: { seconds?: boolean } = {}): string {
  const locale = t().intlLocale;
  const key = `${locale}|${options.seconds ? 's' : 'm'}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'Europe/Stockholm',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(options.seconds ? { second: '2-digit' as const } : {}),
    });
    formats.set(key, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
