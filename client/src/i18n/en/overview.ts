/** English texts of the overview screen: the same keys as the Swedish ones. */
import type { overviewSv } from '../sv/overview';

export const overviewEn: typeof overviewSv = {
  heading: 'Overview',
};
