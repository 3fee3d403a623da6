/**
 * A phone, for the tests that check the app at phone size: the screen (390 × 844 CSS px at
 * twice the pixels, touch) and what "works on a phone" means in numbers, measured in the page.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { answerWithin } from './pageAnswer';

/** A 6.1" phone (iPhone 12 to 15): 390 × 844 CSS px. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const PHONE_WIDTH = 390;
export const PHONE_HEIGHT = 844;

/** The banner and the sync bar together may take a fifth of the first screen. */
export const MAX_CHROME_PX = PHONE_HEIGHT / 5;

/** The smallest touch target, both ways (WCAG 2.5.5, Apple's and Google's guidance). */
export const MIN_TARGET_PX = 44;

export interface PhoneLayout {
  /** `document.documentElement.scrollWidth`: more than the screen's width is sideways scrolling. */
  scrollWidth: number;
  headerHeight: number;
  syncBarHeight: number;
  /** Visible interactive elements smaller than MIN_TARGET_PX either way, described for a failure message. */
  smallTargets: string[];
  /** Visible buttons whose text is wider than the button (squeezed, so the text is cut off). */
  cutOffButtons: string[];
}

/**
 * Measures the page as it is now. Interactive elements are links, buttons, form fields,
 * summaries, editable text and anything else in the tab order. An element counts when it is
 * drawn: not hidden, not a 1 px visually hidden stand-in, and not above or left of the page (a
 * skip link waits there until it has focus). A checkbox or radio is measured with its label,
 * which is where a finger hits it. The one exception is WCAG 2.5.8's "inline" one: a link
 * inside a sentence, i.e. shown inline in a block that has text of its own besides the link.
 * Buttons whose text is wider than the button are listed too: squeezed to fit, their text is
 * cut off.
 * `within` limits the targets to one part of the page (an open dialog, say).
 */
export async function measurePhoneLayout(page: Page, within = 'body'): Promise<PhoneLayout> {
  return answerWithin(page, `measuring ${within}`, () =>
    page.evaluate(
      ({ minTarget, root }) => {
        const interactive =
          'a[href], button, input:not([type="hidden"]), select, textarea, summary, [contenteditable="true"], ' +
          '[role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
        const letters = /\p{L}/u;
        const small: string[] = [];
        const cutOff: string[] = [];
        const scope = document.querySelector(root) ?? document.body;
        for (const element of scope.querySelectorAll<HTMLElement>(interactive)) {
          const style = getComputedStyle(element);
          if (style.visibility === 'hidden') continue;
          const box = element.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          if (box.bottom + window.scrollY <= 0 || box.right + window.scrollX <= 0) continue;
          let width = box.width;
          let height = box.height;
          const labelled = element instanceof HTMLInputElement && element.labels?.[0];
          if (labelled && (element.type === 'checkbox' || element.type === 'radio')) {
            const label = labelled.getBoundingClientRect();
            width = Math.max(box.right, label.right) - Math.min(box.left, label.left);
            height = Math.max(box.bottom, label.bottom) - Math.min(box.top, label.top);
          } else if (width <= 1 || height <= 1) {
            continue;
          }
          if (element.tagName === 'A' && style.display === 'inline') {
            let block = element.parentElement;
            while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
            const own = (block?.textContent ?? '').replace(element.textContent ?? '', '');
            if (letters.test(own)) continue;
          }
          const name = (element.getAttribute('aria-label') ?? element.textContent ?? '')
            .replace(/\s+/g, ' ')
            .trim()
            .slice(0, 50);
          const classes = element.classList.length > 0 ? `.${[...element.classList].join('.')}` : '';
          const described = `${element.tagName.toLowerCase()}${classes} "${name}"`;
          if (width + 0.5 < minTarget || height + 0.5 < minTarget) {
            small.push(`${described}: ${Math.round(width)} × ${Math.round(height)} px`);
          }
          const isButton = element.tagName === 'BUTTON' || element.classList.contains('button');
          if (isButton && element.scrollWidth > element.clientWidth + 1) {
            cutOff.push(`${described}: text ${element.scrollWidth} px in ${element.clientWidth} px`);
          }
        }
        return {
          scrollWidth: document.documentElement.scrollWidth,
          headerHeight: document.querySelector('header.app-header')?.getBoundingClientRect().height ?? 0,
          syncBarHeight:
            document.querySelector('[data-testid="sync-status"]')?.getBoundingClientRect().height ?? 0,
          smallTargets: small,
          cutOffButtons: cutOff,
        };
      },
      { minTarget: MIN_TARGET_PX, root: within },
    ),
  );
}

/**
 * How long a scroll position waits for a frame. Headless Chromium now and then draws no frames
 * at all for a page that is visible and focused: 3 of about 110 role walks here (2026-12-07);
 * waiting for frames there held a walk until its timeout.
 */
const FRAME_WAIT_MS = 100;

/**
 * Scrolls through the whole page once and back to the top, so parts that load when they come
 * into view (the goals' charts) are opened too and measured as drawn by then (their loading
 * note, or the chart once it has arrived). Each position is held for two frames: intersection
 * observers report a position within them. The 100 ms pause per screen height this held
 * before cost the phone walk about 12 s and let few more charts arrive (on a first visit they
 * take seconds).
 */
export async function scrollThrough(page: Page): Promise<void> {
  await answerWithin(page, 'scrolling through the screen', () =>
    page.evaluate(async (frameWaitMs) => {
      // A frame, or FRAME_WAIT_MS if none is drawn by then: a page that draws no frames must
      // not hold the walk.
      const frame = () =>
        new Promise((done) => {
          const timer = setTimeout(done, frameWaitMs);
          requestAnimationFrame(() => {
            clearTimeout(timer);
            done(undefined);
          });
        });
      for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await frame();
        await frame();
      }
      window.scrollTo(0, 0);
    }, FRAME_WAIT_MS),
  );
}
