/** Swedish texts of the goals and indicators screen. */
export const goalsSv = {
  heading: 'Mål och mått',
};
