/**
 * "Kopiera från föregående månad": fills the gaps of this month's report from the previous
 * month's, like Stratsys's copy from the previous period. Only through the domain helpers; the
 * rich texts are copied as XML (cloned elements), so formatting survives.
 */
import {
  type Author,
  type ReportItemKey,
  readReport,
  reportText,
  setIndicatorOutcome,
  setItemStatus,
} from '@foljsam/domain';
import * as Y from 'yjs';

export interface CopySource {
  doc: Y.Doc;
  month: string;
}

export interface CopyTarget {
  doc: Y.Doc;
  month: string;
  departmentId: string;
}

export interface CopyCounts {
  statuses: number;
  texts: number;
  outcomes: number;
}

const TEXT_KINDS = ['analysis', 'actions'] as const;

/** True if a fragment holds no text and nothing but (empty) paragraphs. */
function isBlank(fragment: Y.XmlFragment): boolean {
  return fragment.toArray().every((node) => {
    if (node instanceof Y.XmlText) return node.length === 0;
    const element = node as Y.XmlElement;
    return element.nodeName === 'paragraph' && element.length === 0;
  });
}

/**
 * Copies into `target`, in one transaction, what the previous month has and this month lacks:
 * item statuses, analysis and actions texts, and (if asked) indicator outcomes. Never
 * overwrites a value or a text already written this month. Statuses and outcomes are recorded
 * as written by `by`.
 */
export function copyFromPrevious(
  source: CopySource,
  target: CopyTarget,
  items: readonly ReportItemKey[],
  indicatorIds: readonly string[],
  options: { outcomes: boolean },
  by: Author,
): CopyCounts {
  const previous = readReport(source.doc, source.month, target.departmentId);
  const current = readReport(target.doc, target.month, target.departmentId);
  const counts: CopyCounts = { statuses: 0, texts: 0, outcomes: 0 };
  target.doc.transact(() => {
    for (const key of items) {
      const status = previous.itemStatuses[key];
      if (status !== undefined && current.itemStatuses[key] === undefined) {
        setItemStatus(target.doc, key, status, by);
        counts.statuses++;
      }
      for (const kind of TEXT_KINDS) {
        const from = reportText(source.doc, kind, key);
        const to = reportText(target.doc, kind, key);
        if (isBlank(from) || !isBlank(to)) continue;
        // An editor may have left an empty paragraph: that is not something written.
        if (to.length > 0) to.delete(0, to.length);
        to.insert(
          0,
          from.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
        );
        counts.texts++;
      }
    }
    if (options.outcomes) {
      for (const id of indicatorIds) {
        const value = previous.indicatorOutcomes[id];
        const existing = current.indicatorOutcomes[id];
        if (value !== undefined && value !== null && (existing === undefined || existing === null)) {
          setIndicatorOutcome(target.doc, id, value, by);
          counts.outcomes++;
        }
      }
    }
  }, 'copy-from-previous-month');
  return counts;
}

/** The month before `month` (`YYYY-MM`): 2015-01 gives 2014-12. */
export function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}
