/** Swedish texts of the offline store and the sync state. */
export const offlineSv = {
  label: 'Synkronisering',
  online: 'Online',
  offline: 'Offline',
  syncing: 'Synkroniserar…',
  pending: (count: number) =>
    count === 0
      ? 'Alla ändringar sparade på servern'
      : count === 1
        ? '1 ändrat fält väntar på servern'
        : `${count} ändrade fält väntar på servern`,
  notSavedOnDevice: 'Sparar på den här enheten…',
  savedOnDevice: 'Sparat på den här enheten',
  lastFullSync: (time: string) => `Senast helt synkad ${time}`,
  neverSynced: 'Inte helt synkad ännu',
  firstSync: (done: number, total: number) =>
    `Hämtar arbetsytan för offlinebruk: ${done} av ${total} dokument`,
  lastFullSyncNow: 'Senast helt synkad just nu',
  offlineReady: 'Finns offline',
  allOnDevice: (total: number) => `Alla ${total} dokument finns på den här enheten`,
  someOnDevice: (available: number, total: number) =>
    `${available} av ${total} dokument finns på den här enheten`,
  missingOnDevice: (count: number) =>
    count === 1 ? '1 dokument saknas offline' : `${count} dokument saknas offline`,
  documentTitle: {
    plan: (year: number) => `Verksamhetsplan ${year}`,
    assignments: (year: number) => `Uppdrag från fullmäktige ${year}`,
    report: (month: string) => `Månadsrapport ${month}`,
    boardSummary: (period: string) => `Sammanfattning till styrelserapporten ${period}`,
  },
  localStoreUnavailable: 'Den lokala lagringen kunde inte öppnas: ändringar sparas bara när du är online.',
  unverified: (name: string) =>
    `Du arbetar offline som ${name}; inloggningen är inte kontrollerad. Ändringarna skickas när du är online igen.`,
  sessionExpired:
    'Din inloggning har gått ut. Dina ändringar finns kvar på den här datorn och skickas när du har loggat in igen.',
  refused: (docName: string) =>
    `Servern tog inte emot dina ändringar i ${docName} (du har bara läsrätt). Den lokala kopian har tömts och dokumentet laddas om från servern.`,
  reload: 'Ladda om',
};
export type OfflineMessages = typeof offlineSv;
