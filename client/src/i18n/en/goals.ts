/** English texts of the goals and indicators screen: the same keys as the Swedish ones. */
import type { goalsSv } from '../sv/goals';

export const goalsEn: typeof goalsSv = {
  heading: 'Goals and indicators',
};
