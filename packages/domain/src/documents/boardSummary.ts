/**
 * Layout of the `boardSummary:<periodId>` document: the kommunchef's summary (sammanfattning)
 * at the top of the board report (styrelserapport) of a period, co-edited live.
 *
 * - root `Y.XmlFragment` "summary": rich text in the ProseMirror/y-prosemirror layout, like a
 *   report's analysis texts. Nothing else: the server's write check refuses any other root.
 */
import type * as Y from 'yjs';
import { xmlToPlainText } from './report';

/** The name of the summary's only root type. */
export const BOARD_SUMMARY_ROOT = 'summary';

/** The summary's rich text fragment; bind it to an editor with y-prosemirror. */
export function boardSummaryText(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(BOARD_SUMMARY_ROOT);
}

/** The summary as plain text, a paragraph per line; empty when nothing is written. */
export function readBoardSummary(doc: Y.Doc): string {
  return doc.share.has(BOARD_SUMMARY_ROOT) ? xmlToPlainText(boardSummaryText(doc)).trim() : '';
}
