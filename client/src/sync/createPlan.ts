/**
 * The plan of a year (`plan:<year>`), live: re-read on every change. The plan changes rarely
 * (administrators set it up), so reading it whole is simpler than patching a store.
 */
import { observePlan, type Plan, planDocumentName, readPlan } from '@foljsam/domain';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { createSyncedDoc, type SyncedDoc } from './createSyncedDoc';

export interface PlanDoc {
  synced: SyncedDoc;
  /** Null until the first sync (or if the year has no plan). */
  plan: Accessor<Plan | null>;
}

export function createPlan(year: number): PlanDoc {
  const synced = createSyncedDoc(planDocumentName(year));
  const read = () => {
    try {
      return readPlan(synced.doc);
    } catch {
      // A plan that does not validate (written by a newer version) shows as missing, not as a crash.
      return null;
    }
  };
  const [plan, setPlan] = createSignal<Plan | null>(read());
  onCleanup(observePlan(synced.doc, () => setPlan(read())));
  return { synced, plan };
}
