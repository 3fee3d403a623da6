/** Swedish texts of the economy screen. */
export const economySv = {
  heading: 'Ekonomi',
};
