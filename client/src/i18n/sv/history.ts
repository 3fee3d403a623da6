/** Swedish texts of the history panel (who changed a field or text, and when; restore). */
export const historySv = {
  button: 'Historik',
  buttonFor: (label: string) => `Historik för ${label}`,
  heading: (label: string) => `Historik: ${label}`,
  close: 'Stäng',
  loading: 'Hämtar historiken…',
  empty: 'Inga sparade ändringar ännu.',
  failed: 'Historiken kunde inte hämtas.',
  emptyValue: '(tomt)',
  restore: 'Återställ',
  restoreFor: (time: string, name: string) => `Återställ värdet från ${time} av ${name}`,
  restoring: 'Återställer…',
  restored: 'Värdet är återställt som en ny ändring.',
  restoreFailed: (message: string) =>
    message ? `Det gick inte att återställa: ${message}` : 'Det gick inte att återställa.',
  newestFirst: 'Senaste ändringen först.',
  older: 'Visa äldre',
  loadingOlder: 'Hämtar äldre…',
  olderFailed: (busy: boolean): string =>
    busy
      ? 'Servern är upptagen med att ta fram historik. Försök igen om en stund.'
      : 'De äldre ändringarna kunde inte hämtas.',
};
