/**
 * A box a wide table scrolls sideways in, so that on a phone the table scrolls and the page
 * does not. While its content is wider than the box it is a named region in the tab order, so
 * a keyboard can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable); while it fits,
 * it is a plain box and adds no tab stop or landmark.
 */
import { createSignal, type JSX, onCleanup, onMount } from 'solid-js';

export interface ScrollBoxProps {
  /** The region's name while it scrolls, e.g. the table's caption or heading text. */
  label: string;
  class?: string;
  children: JSX.Element;
}

export function ScrollBox(props: ScrollBoxProps): JSX.Element {
  let box: HTMLElement | undefined;
  const [scrolls, setScrolls] = createSignal(false);
  onMount(() => {
    if (!box) return;
    const element = box;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    // The box resizes with the window; its content grows as data arrives: watch both.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    const watchContent = () => {
      for (const child of element.children) observer.observe(child);
    };
    watchContent();
    const children = new MutationObserver(watchContent);
    children.observe(element, { childList: true });
    measure();
    onCleanup(() => {
      observer.disconnect();
      children.disconnect();
    });
  });
  return (
    // A section with a name is a region; without one it is a plain box.
    <section
      ref={box}
      class={props.class ? `scroll-box ${props.class}` : 'scroll-box'}
      aria-label={scrolls() ? props.label : undefined}
      tabindex={scrolls() ? 0 : undefined}
    >
      {props.children}
    </section>
  );
}
