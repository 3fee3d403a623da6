/**
 * The board's view as a Solid primitive: the URL query is its home (a link reproduces it), but
 * a change shows at once and the URL follows after the next paint. Through the router, a change
 * waited for its transition (scheduled, not run at once) and then for `history.pushState`, a
 * round trip to the browser process that took tens of milliseconds on a busy machine (the CPU
 * profile of bench/src/listFilter.ts) before the filtered list could be painted.
 */
import { useIsRouting, useSearchParams } from '@solidjs/router';
import { type Accessor, createComputed, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { type BoardView, EMPTY_VIEW, parseView, viewQuery } from './boardView';

export interface BoardViewState {
  view: Accessor<BoardView>;
  /** Changes part of the view (shown at once, written to the URL after the next paint). */
  change(change: Partial<BoardView>): void;
  /** Back to the whole board. */
  clear(): void;
}

const sameView = (a: BoardView, b: BoardView): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The view of the board on this page's URL query; call it inside a component. */
export function createBoardView(): BoardViewState {
  const [searchParams, setSearchParams] = useSearchParams();
  const isRouting = useIsRouting();
  const fromUrl = createMemo(() => parseView(searchParams), undefined, { equals: sameView });
  // The view chosen here and not yet in the URL; null when the URL says it all.
  const [chosen, setChosen] = createSignal<BoardView | null>(null);
  let writing: number | undefined;
  let frame: number | undefined;
  /** Whether the coming URL write only changes the search text (no history entry per key). */
  let searchOnly = true;

  // A URL change while none of ours is waiting is someone else's (back, forward, a link): it wins.
  createComputed(
    on(
      fromUrl,
      () => {
        if (writing === undefined && frame === undefined) setChosen(null);
      },
      { defer: true },
    ),
  );
  onCleanup(() => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(writing);
  });

  const view = createMemo(() => chosen() ?? fromUrl(), undefined, { equals: sameView });
  const show = (next: BoardView, onlySearch: boolean) => {
    setChosen(next);
    searchOnly &&= onlySearch;
    if (frame !== undefined || writing !== undefined) return;
    const write = () => {
      // While a navigation is under way (an earlier write, or a link the person chose) a new
      // one would replace it: the last one wins. Wait for it (leaving ends this screen, and
      // with it the wait).
      if (isRouting()) {
        writing = window.setTimeout(write, 16);
        return;
      }
      writing = undefined;
      const latest = chosen();
      const replace = searchOnly;
      searchOnly = true;
      // The whole view: a partial query would merge with a URL an earlier write has not reached yet.
      if (latest) setSearchParams(viewQuery(latest), { replace });
    };
    frame = requestAnimationFrame(() => {
      frame = undefined;
      writing = window.setTimeout(write);
    });
  };
  return {
    view,
    change: (change) =>
      show(
        { ...view(), ...change },
        Object.keys(change).every((key) => key === 'search'),
      ),
    clear: () => show(EMPTY_VIEW, false),
  };
}
