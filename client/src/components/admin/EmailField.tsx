/**
 * The e-mail address field of the admin's user forms (where reminders go). The server checks
 * the address too; this only spares a round trip for an obvious typo.
 */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';

/** Loose on purpose: something@something.something; the server's check is the real one. */
export const looksLikeEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

export function EmailField(props: {
  idPrefix: string;
  testId: string;
  value: string;
  onInput: (value: string) => void;
}): JSX.Element {
  return (
    <div class="field">
      <label for={`${props.idPrefix}-email`}>{t().reminders.emailLabel}</label>
      <input
        id={`${props.idPrefix}-email`}
        data-testid={props.testId}
        type="email"
        autocomplete="off"
        spellcheck={false}
        maxLength={254}
        aria-describedby={`${props.idPrefix}-email-hint`}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <span id={`${props.idPrefix}-email-hint`} class="workflow__hint">
        {t().reminders.emailHint}
      </span>
    </div>
  );
}
