/** Symbols that go with colours on the overview, so no status is told by colour alone. */
import type { GoalStatus } from '@foljsam/domain';

export const GOAL_STATUS_SYMBOLS: Record<GoalStatus, string> = {
  gron: '●',
  gul: '▲',
  rod: '■',
};

export const DUE_SYMBOLS = { overdue: '!', 'due-soon': '◷' } as const;
