/**
 * The Tiptap part of the report's rich text, in a module of its own so the editor (Tiptap,
 * ProseMirror, y-tiptap) loads as a separate chunk when a report opens, not with the app.
 */

import { MAX_REPORT_TEXT_LENGTH } from '@foljsam/domain';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { CharacterCount } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

export interface CollaborativeEditorOptions {
  element: HTMLElement;
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  /** The caret's name tag: the same `user` object presence publishes. */
  user: { id: string; name: string; color: string };
  editable: boolean;
  /** Attributes of the editable element (role, aria-label, class, data-testid). */
  attributes: Record<string, string>;
  onTransaction: () => void;
  onFocus: () => void;
  onBlur: () => void;
}

/** A Tiptap 3 editor bound to `fragment`, with the others' carets from the provider's awareness. */
export function createCollaborativeEditor(options: CollaborativeEditorOptions): Editor {
  return new Editor({
    element: options.element,
    editable: options.editable,
    extensions: [
      StarterKit.configure({
        // Yjs has its own undo (the Collaboration extension's): ProseMirror's would fight it.
        undoRedo: false,
        heading: false,
        codeBlock: false,
        code: false,
        blockquote: false,
        horizontalRule: false,
        link: false,
        // It would write an empty paragraph into the shared text on load.
        trailingNode: false,
      }),
      Collaboration.configure({ fragment: options.fragment }),
      CollaborationCaret.configure({ provider: options.provider, user: options.user }),
      // The server refuses a longer text (writeRules.ts), so typing or pasting stops here.
      CharacterCount.configure({ limit: MAX_REPORT_TEXT_LENGTH }),
    ],
    editorProps: { attributes: options.attributes },
    onTransaction: options.onTransaction,
    onFocus: options.onFocus,
    onBlur: options.onBlur,
  });
}
