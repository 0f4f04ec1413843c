import { useEffect, type RefObject } from 'react';
import { adjustHeight } from '../container.ts';

/**
 * Tells the Finesse container to resize the gadget's iframe whenever the content's size changes
 * (a container rule: `gadgets.window.adjustHeight()` on content change). Debounced so that a burst of
 * messages causes one resize.
 */
export function useAutoHeight(ref: RefObject<HTMLElement | null>, delayMs = 60): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(adjustHeight, delayMs);
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [ref, delayMs]);
}
