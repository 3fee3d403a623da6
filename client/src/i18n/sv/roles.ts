/** Swedish texts of roles and of what a role may change (read-only banners and notes). */
export const rolesSv = {
  names: {
    admin: 'Administratör',
    kommunchef: 'Kommunchef',
    avdelningschef: 'Avdelningschef',
    lasare: 'Läsare',
  },
  sessionEnded: 'Din session har avslutats av en administratör. Logga in igen.',
  /** The server closed the sockets because an administrator changed the user's role or department (4403). */
  roleChanged:
    'En administratör har ändrat din roll eller avdelning. Logga in igen för att fortsätta med din nya behörighet.',
  denied: {
    heading: 'Skrivskyddat',
    text: 'Servern tog inte emot din senaste ändring, och inget av den sparades. Dokumentet visas nu skrivskyddat. Ladda om sidan för att se vad som gäller.',
    reason: (reason: string) => `Serverns svar: ${reason}`,
  },
  assignments: {
    progressOnly:
      'Som avdelningschef kan du ändra status och lägesrapport för din avdelnings uppdrag. Att skapa, ta bort eller flytta uppdrag och ändra andra fält gör kommunchefen eller en administratör.',
    fieldLocked: 'Bara kommunchef och administratör kan ändra det här fältet.',
    otherDepartment: 'Uppdraget tillhör en annan avdelning.',
  },
};
