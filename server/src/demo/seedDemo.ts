/**
 * The demo workspace: the 2015 plan of Ale kommun's executive board, its departments, invented
 * monthly reports for January to March (see plan2015/demoReports.ts) and the demo accounts
 * (admin, kommunchef, lasare and chef-<departmentId>, password "demo").
 * Loaded once into an empty store; a store that has users is never touched.
 */
import {
  assignmentsDocumentName,
  planDocumentName,
  type ReportStatus,
  readReport,
  readReportStatusChange,
  reportDocumentName,
  seedAssignments,
  seedPlan,
} from '@foljsam/domain';
import { councilAssignments2015, demoReportsFor2015, plan2015 } from '@foljsam/domain/seed';
import * as Y from 'yjs';
// Not (yet) exported by "@foljsam/domain/seed", whose index belongs to the domain package.
import { hashPassword } from '../auth/passwords';
import type { Logger } from '../logger';
import { type NewUser, type Store, SYSTEM_USER_ID, type User } from '../store/types';

export const DEMO_PASSWORD = 'demo';

/** The demo's municipality: Ale kommun, Kolada id 1440. */
export const DEMO_MUNICIPALITY = { municipality: 'Ale kommun', koladaMunicipalityId: '1440' } as const;

/** The demo accounts, without password hashes. */
export function demoAccounts(): Omit<NewUser, 'passwordHash'>[] {
  return [
    { username: 'admin', displayName: 'Administratör', role: 'admin', departmentId: null },
    { username: 'kommunchef', displayName: 'Kommunchef', role: 'kommunchef', departmentId: null },
    { username: 'lasare', displayName: 'Läsare', role: 'lasare', departmentId: null },
    ...plan2015.departments.map((department) => ({
      username: `chef-${department.id}`,
      displayName: `Avdelningschef ${department.name}`,
      role: 'avdelningschef' as const,
      departmentId: department.id,
    })),
  ];
}

async function storeDocument(store: Store, name: string, write: (doc: Y.Doc) => void): Promise<void> {
  // A seed interrupted after this document was stored must not store it twice.
  if ((await store.documents.load(name)).lastSeq > 0) return;
  const doc = new Y.Doc();
  try {
    write(doc);
    await store.documents.appendUpdates(name, [{ data: Y.encodeStateAsUpdate(doc), userId: SYSTEM_USER_ID }]);
  } finally {
    doc.destroy();
  }
}

const STEP_OF: Partial<Record<ReportStatus, 'submit' | 'approve' | 'return'>> = {
  inskickad: 'submit',
  godkand: 'approve',
  aterremitterad: 'return',
};

/**
 * The last workflow step of each demo report that has left utkast (who and when, as its meta
 * says), and for approved ones the frozen snapshot, so the demo's history matches its statuses.
 */
async function recordDemoWorkflow(store: Store, users: Map<string, User>): Promise<void> {
  for (const report of demoReportsFor2015()) {
    const action = STEP_OF[report.status];
    if (!action) continue;
    const docName = reportDocumentName(report.month, report.departmentId);
    const stored = await store.documents.load(docName);
    const doc = new Y.Doc();
    try {
      for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
        Y.applyUpdate(doc, update);
      }
      const data = readReport(doc, report.month, report.departmentId);
      const { by, at } = readReportStatusChange(doc);
      const user = users.get(by ?? '');
      await store.audit.append({
        userId: user?.id ?? SYSTEM_USER_ID,
        userName: user?.displayName ?? 'System',
        action,
        document: docName,
        detail: action === 'return' ? data.returnComment : '',
        ...(at ? { at: new Date(at) } : {}),
      });
      if (action === 'approve') {
        await store.approvals.save({
          docName,
          approvedBy: user?.id ?? SYSTEM_USER_ID,
          state: Y.encodeStateAsUpdate(doc),
          data,
        });
      }
    } finally {
      doc.destroy();
    }
  }
}

/** Loads the demo workspace if the store is empty. Returns whether it did. */
export async function seedDemoIfEmpty(store: Store, log: Logger): Promise<boolean> {
  if ((await store.users.count()) > 0) return false;
  const started = performance.now();
  await store.workspace.save({ ...DEMO_MUNICIPALITY, demo: true });
  await store.departments.upsert(plan2015.departments.map(({ id, number, name }) => ({ id, number, name })));
  await storeDocument(store, planDocumentName(plan2015.year), (doc) => seedPlan(doc, plan2015));
  await storeDocument(store, assignmentsDocumentName(plan2015.year), (doc) =>
    seedAssignments(doc, councilAssignments2015),
  );
  // Monthly reports of 2015-01 … 2015-03 at every step of their life cycle, so the demo looks in use.
  for (const report of demoReportsFor2015()) {
    await storeDocument(store, reportDocumentName(report.month, report.departmentId), report.write);
  }
  // Users last: their presence is what marks the store as seeded. The workflow events of the
  // demo's statuses go in just before the last user, so an interrupted seed redoes them.
  const accounts = demoAccounts();
  const last = accounts.pop();
  const created = new Map<string, User>();
  for (const account of accounts) {
    created.set(
      account.username,
      await store.users.create({ ...account, passwordHash: await hashPassword(DEMO_PASSWORD) }),
    );
  }
  await recordDemoWorkflow(store, created);
  if (last) await store.users.create({ ...last, passwordHash: await hashPassword(DEMO_PASSWORD) });
  log.info({ ms: Math.round(performance.now() - started) }, 'demo workspace loaded');
  return true;
}
