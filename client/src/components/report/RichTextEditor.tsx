/**
 * A collaborative rich text field: a Tiptap 3 editor bound to one `Y.XmlFragment` of the
 * report (y-prosemirror layout), with the other people's carets (names and colours) from the
 * shared awareness. The editor is created on mount (Tiptap loads as its own chunk, see
 * tiptap.ts) and destroyed on cleanup.
 */
import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { t } from '../../i18n';

export interface CaretUser {
  id: string;
  name: string;
  color: string;
}

export interface RichTextEditorProps {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: CaretUser;
  /** Accessible name of the text box, e.g. "Analys för <title>". */
  label: string;
  editable: boolean;
  testId?: string;
  /** Called with true when the text gets focus and false when it loses it. */
  onFocusChange?: (focused: boolean) => void;
}

type Mark = 'bold' | 'italic' | 'bulletList' | 'orderedList';

export function RichTextEditor(props: RichTextEditorProps): JSX.Element {
  let host!: HTMLDivElement;
  const [editor, setEditor] = createSignal<Editor | null>(null);
  // Bumped on every editor transaction, so the toolbar's pressed states follow the selection.
  const [revision, setRevision] = createSignal(0);
  const [loadFailed, setLoadFailed] = createSignal(false);
  const [activeTool, setActiveTool] = createSignal(0);

  onMount(() => {
    let disposed = false;
    onCleanup(() => {
      disposed = true;
    });
    void import('./tiptap').then(
      ({ createCollaborativeEditor }) => {
        if (disposed) return;
        setEditor(
          createCollaborativeEditor({
            element: host,
            fragment: props.fragment,
            provider: props.provider,
            user: props.user,
            editable: props.editable,
            attributes: {
              role: 'textbox',
              'aria-multiline': 'true',
              'aria-label': props.label,
              class: 'rich-text__content',
              ...(props.testId ? { 'data-testid': props.testId } : {}),
            },
            onTransaction: () => setRevision((n) => n + 1),
            onFocus: () => props.onFocusChange?.(true),
            onBlur: () => props.onFocusChange?.(false),
          }),
        );
      },
      () => setLoadFailed(true),
    );
  });

  createEffect(() => {
    const instance = editor();
    if (!instance) return;
    const editable = props.editable;
    if (instance.isEditable !== editable) instance.setEditable(editable, false);
    instance.view.dom.setAttribute('aria-readonly', String(!editable));
  });

  createEffect(() => {
    editor()?.view.dom.setAttribute('aria-label', props.label);
  });

  onCleanup(() => {
    editor()?.destroy();
    setEditor(null);
  });

  const buttons = (): { mark: Mark; label: string; symbol: string }[] => [
    { mark: 'bold', label: t().report.bold, symbol: 'F' },
    { mark: 'italic', label: t().report.italic, symbol: 'K' },
    { mark: 'bulletList', label: t().report.bulletList, symbol: '•' },
    { mark: 'orderedList', label: t().report.orderedList, symbol: '1.' },
  ];

  const isActive = (mark: Mark) => {
    revision();
    return editor()?.isActive(mark) ?? false;
  };

  const toggle = (mark: Mark) => {
    const chain = editor()?.chain().focus();
    if (!chain) return;
    if (mark === 'bold') chain.toggleBold().run();
    else if (mark === 'italic') chain.toggleItalic().run();
    else if (mark === 'bulletList') chain.toggleBulletList().run();
    else chain.toggleOrderedList().run();
  };

  return (
    <div class="rich-text" data-editable={props.editable ? 'true' : 'false'}>
      <Show when={props.editable}>
        <div class="rich-text__toolbar" role="toolbar" aria-label={t().report.toolbar(props.label)}>
          <For each={buttons()}>
            {(button, index) => (
              <button
                type="button"
                // One tab stop per toolbar; the arrow keys move between its buttons.
                tabindex={index() === activeTool() ? 0 : -1}
                onKeyDown={(event) => {
                  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                  if (step === 0) return;
                  event.preventDefault();
                  const count = buttons().length;
                  const next = (index() + step + count) % count;
                  setActiveTool(next);
                  const tools = event.currentTarget.parentElement?.querySelectorAll('button');
                  tools?.[next]?.focus();
                }}
                class={`rich-text__tool rich-text__tool--${button.mark}`}
                aria-label={button.label}
                title={button.label}
                aria-pressed={isActive(button.mark) ? 'true' : 'false'}
                // Keep the focus (and the selection) in the text.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => toggle(button.mark)}
              >
                <span aria-hidden="true">{button.symbol}</span>
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={loadFailed()}>
        <p class="form-error" role="alert">
          {t().report.editorFailed}
        </p>
      </Show>
      <div class="rich-text__host" ref={host} />
    </div>
  );
}
