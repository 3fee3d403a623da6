/**
 * The text of reminder e-mails, in Swedish (the municipality's language; users have no language
 * setting on the server). Plain text: every mail client shows it, and nothing in it is HTML.
 */
import { swedishPeriodName } from '@foljsam/domain';
import type { PlannedReminder, ReminderItem } from './rules';

const STATUS: Record<ReminderItem['status'], string> = {
  utkast: 'utkast',
  inskickad: 'inskickad, väntar på granskning',
  godkand: 'godkänd',
  aterremitterad: 'återremitterad',
};

export interface ComposeContext {
  /** Department names by id. */
  departments: ReadonlyMap<string, string>;
  /** Base of links into the app (PUBLIC_URL); links are left out without it. */
  publicUrl: string | undefined;
}

export interface ComposedMail {
  subject: string;
  text: string;
}

/** Subject and body of a planned reminder. */
export function composeReminder(message: PlannedReminder, context: ComposeContext): ComposedMail {
  const department = (id: string) => context.departments.get(id) ?? id;
  const link = (item: ReminderItem) =>
    context.publicUrl
      ? `${context.publicUrl.replace(/\/+$/, '')}/rapport/${item.periodId}/${item.departmentId}?ar=${item.periodId.slice(0, 4)}`
      : null;
  const line = (item: ReminderItem) => {
    const url = link(item);
    const state = item.overdue ? `${STATUS[item.status]}, försenad` : STATUS[item.status];
    return `- ${department(item.departmentId)}: ${swedishPeriodName(item.periodId)}, sista dag ${item.deadline} (${state})${url ? `\n  ${url}` : ''}`;
  };
  const greeting = `Hej ${message.user.displayName}!`;
  const footer =
    '\n\nDu får det här meddelandet från Följsam. Du kan välja varje påminnelse, ett veckosammandrag ' +
    'eller inga påminnelser under "Påminnelser" i Följsam.';
  const [first] = message.items;
  switch (message.kind) {
    case 'before': {
      const item = first as ReminderItem;
      return {
        subject: `Påminnelse: rapporten för ${swedishPeriodName(item.periodId)} ska lämnas senast ${item.deadline}`,
        text: `${greeting}\n\nRapporten för ${swedishPeriodName(item.periodId)} (${department(item.departmentId)}) ska skickas in senast ${item.deadline}.\n\n${line(item)}${footer}`,
      };
    }
    case 'after': {
      const item = first as ReminderItem;
      return {
        subject: `Försenad: rapporten för ${swedishPeriodName(item.periodId)} skulle ha lämnats ${item.deadline}`,
        text: `${greeting}\n\nSista dag för rapporten för ${swedishPeriodName(item.periodId)} (${department(item.departmentId)}) var ${item.deadline}, och den är inte inskickad än.\n\n${line(item)}${footer}`,
      };
    }
    case 'summary': {
      const deadline = (first as ReminderItem).deadline;
      const missing = message.items.filter((item) => item.status !== 'inskickad');
      const waiting = message.items.filter((item) => item.status === 'inskickad');
      const parts = [
        missing.length > 0 ? `Inte inskickade (${missing.length}):\n${missing.map(line).join('\n')}` : null,
        waiting.length > 0
          ? `Väntar på din granskning (${waiting.length}):\n${waiting.map(line).join('\n')}`
          : null,
      ].filter((part) => part !== null);
      return {
        subject: `Efter sista dag ${deadline}: ${missing.length} saknas, ${waiting.length} att granska`,
        text: `${greeting}\n\nSista dag ${deadline} har passerat.\n\n${parts.join('\n\n')}${footer}`,
      };
    }
    case 'digest': {
      const overdue = message.items.filter((item) => item.overdue).length;
      return {
        subject: `Veckosammandrag: ${message.items.length} ${message.items.length === 1 ? 'rapport' : 'rapporter'} att göra${overdue > 0 ? `, ${overdue} ${overdue === 1 ? 'försenad' : 'försenade'}` : ''}`,
        text: `${greeting}\n\nDet här är aktuellt för dig den här veckan:\n\n${message.items.map(line).join('\n')}${footer}`,
      };
    }
  }
}
