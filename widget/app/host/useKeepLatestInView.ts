/**
 * When the panel gets shorter (the on-screen keyboard opens, the phone turns), the conversation
 * keeps its latest message in view if the customer was reading the end of it; the list itself only
 * follows new messages (ui/MessageList). The panel's height is the iframe's, so a `resize` of this
 * window is exactly that.
 */
import { useEffect } from 'react';

/** As ui/MessageList: within this distance of the end counts as reading the end. */
const STICK_PX = 80;

export function useKeepLatestInView(): void {
  useEffect(() => {
    const doc = document;
    const win = window;
    let atEnd = true;
    const onScroll = (event: Event): void => {
      const el = event.target;
      if (!(el instanceof HTMLElement) || !el.classList.contains('ui-messages')) return;
      atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    };
    const onResize = (): void => {
      const log = doc.querySelector<HTMLElement>('.ui-messages');
      if (log && atEnd) log.scrollTop = log.scrollHeight;
    };
    doc.addEventListener('scroll', onScroll, true);
    win.addEventListener('resize', onResize);
    return () => {
      doc.removeEventListener('scroll', onScroll, true);
      win.removeEventListener('resize', onResize);
    };
  }, []);
}
