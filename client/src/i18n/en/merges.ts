import type { mergesSv } from '../sv/merges';

/** English texts of concurrent changes and the choice between the values. */
export const mergesEn: typeof mergesSv = {
  marker: 'Changed concurrently',
  markerFor: (field: string) => `${field}: changed concurrently, choose a value`,
  heading: 'Changed concurrently',
  intro:
    "Two people changed this field without seeing each other's change. One value was kept; choose which one applies.",
  kept: 'The value now in effect',
  other: 'The other value',
  by: (name: string, time: string) => `by ${name}, ${time}`,
  byUnknown: 'written without a record of who',
  keep: (value: string) => `Keep ${value}`,
  use: (value: string) => `Use ${value}`,
  close: 'Close',
  empty: 'empty',
  readOnly: 'You cannot choose a value here.',
};
