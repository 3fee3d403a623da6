/** Swedish texts of concurrent changes (ändrades samtidigt) and the choice between the values. */
export const mergesSv = {
  marker: 'Ändrades samtidigt',
  markerFor: (field: string) => `${field}: ändrades samtidigt, välj värde`,
  heading: 'Ändrades samtidigt',
  intro:
    'Två personer ändrade fältet utan att se varandras ändring. Ett värde behölls; välj vilket som ska gälla.',
  kept: 'Värdet som gäller nu',
  other: 'Det andra värdet',
  by: (name: string, time: string) => `av ${name}, ${time}`,
  byUnknown: 'skrivet utan uppgift om vem',
  keep: (value: string) => `Behåll ${value}`,
  use: (value: string) => `Använd ${value}`,
  close: 'Stäng',
  empty: 'tomt',
  readOnly: 'Du kan inte välja värde här.',
};
