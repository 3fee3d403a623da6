/** Swedish texts of e-mail reminders: the user's own choice (header dialog) and the admin's mail log. */
export const remindersSv = {
  open: 'Påminnelser',
  heading: 'Påminnelser via e-post',
  intro:
    'Följsam påminner om rapporter före och efter sista dag: 7 dagar före för en månadsrapport, 28 dagar före för tertial- och årsrapporter, och dagen efter om rapporten inte är inskickad.',
  address: 'Din e-postadress',
  noAddress: 'Ingen e-postadress är inlagd. Be administratören lägga in den.',
  mailOff: 'Servern skickar ingen e-post just nu (ingen e-postserver är inställd).',
  choice: 'Hur vill du få påminnelser?',
  modes: {
    each: 'Varje påminnelse när den gäller',
    digest: 'Ett veckosammandrag på måndagar kl. 08.00',
    none: 'Inga påminnelser',
  },
  save: 'Spara',
  saving: 'Sparar…',
  saved: 'Ditt val är sparat.',
  close: 'Stäng',
  loadFailed: 'Inställningarna kunde inte hämtas.',
  saveFailed: 'Det gick inte att spara. Försök igen.',
  /** The e-mail field of the admin's user forms. */
  emailLabel: 'E-postadress',
  emailHint: 'Dit påminnelser skickas. Lämna tomt för ingen.',
  emailInvalid: 'Skriv en giltig e-postadress, t.ex. namn@kommun.se.',
  log: {
    heading: 'E-postlogg',
    intro:
      'Varje påminnelse som skickats eller försökt skickas. Ett meddelande skickas högst en gång; ett som misslyckats skickas inte om.',
    status: 'Visa',
    statusAll: 'Alla',
    refresh: 'Uppdatera',
    loading: 'Hämtar e-postloggen…',
    loadFailed: 'E-postloggen kunde inte hämtas.',
    empty: 'Inga e-postmeddelanden än.',
    columns: {
      when: 'När',
      to: 'Till',
      redirectedTo: 'Omdirigerad till',
      subject: 'Ämne',
      status: 'Status',
    },
    states: {
      sent: 'Skickad',
      failed: 'Misslyckad',
      unsent: 'Inte skickad',
    },
    count: (count: number) => (count === 1 ? '1 meddelande' : `${count} meddelanden`),
  },
};
