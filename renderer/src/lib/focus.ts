// Where focus goes after an action: to what the action produced (a result, a panel, a new screen's
// heading) or to its error, never left on a button that has gone or on the page's body. The element
// is often rendered by the store update the action made, so it is looked for over a few frames.

/** Frames to wait for the element to be rendered (React commits within one or two). */
const MAX_FRAMES = 30;

type Target = string | (() => HTMLElement | null | undefined);

const find = (target: Target): HTMLElement | null => (typeof target === 'string' ? document.querySelector<HTMLElement>(target) : (target() ?? null));

/**
 * Focuses the target once it is in the page. An element that is not focusable by itself (a heading,
 * a message) gets tabindex -1 first, so the keyboard continues from there and a screen reader reads it.
 */
export function focusSoon(target: Target, { scroll = true }: { scroll?: boolean } = {}): void {
  let frames = 0;
  // Where focus was when the action asked: if the person has since moved it on (an answer that came
  // late, a click elsewhere), it is not pulled back.
  const from = document.activeElement;
  const movedOn = () => {
    const now = document.activeElement;
    return !!now && now !== from && now !== document.body;
  };
  const attempt = () => {
    const element = find(target);
    if (element && element.isConnected) {
      if (movedOn() && element !== document.activeElement) return;
      if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.tabIndex = -1;
      element.focus({ preventScroll: !scroll });
      if (scroll) element.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    if (++frames < MAX_FRAMES) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The shown screen's heading: where focus goes on a screen change and from the skip link. */
export function focusScreenHeading(): void {
  focusSoon('main h1');
}

/** Attribute selectors with a value from data (an address, a System ID) quoted safely. */
export const attr = (name: string, value: string) => `[${name}="${CSS.escape(value)}"]`;
