/** English texts of the economy screen: the same keys as the Swedish ones. */
import type { economySv } from '../sv/economy';

export const economyEn: typeof economySv = {
  heading: 'Economy',
};
