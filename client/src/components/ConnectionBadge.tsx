/** The sync connection's state, in words and a symbol (never by colour alone). */
import { t } from '../i18n';
import type { ConnectionStatus } from '../sync/createSyncedDoc';

const symbols: Record<ConnectionStatus, string> = {
  connected: '●',
  connecting: '◌',
  disconnected: '✕',
};

export function ConnectionBadge(props: { status: ConnectionStatus }) {
  return (
    <p class="connection-badge" data-connection={props.status} role="status" data-testid="connection-status">
      <span class="visually-hidden">{t().connection.label}: </span>
      <span class="connection-badge__symbol" aria-hidden="true">
        {symbols[props.status]}
      </span>
      <span>{t().connection[props.status]}</span>
    </p>
  );
}
