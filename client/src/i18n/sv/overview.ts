/** Swedish texts of the overview screen. */
export const overviewSv = {
  heading: 'Översikt',
};
