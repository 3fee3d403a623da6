/** Swedish texts of the monthly report screen. */
export const reportSv = {
  heading: 'Månadsrapport',
};
