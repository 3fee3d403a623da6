/** English texts of the monthly report screen: the same keys as the Swedish ones. */
import type { reportSv } from '../sv/report';

export const reportEn: typeof reportSv = {
  heading: 'Monthly report',
};
