/**
 * Screen-reader announcements for things that happen away from the focus: an incoming offer
 * (assertive: it expires) and a message in a chat the agent is not looking at (polite). The live
 * regions stay mounted; only their text changes, which is what screen readers listen for.
 */
import { useCallback, useState } from 'react';

export interface Announcements {
  polite: string;
  assertive: string;
  announce(text: string, politeness?: 'polite' | 'assertive'): void;
}

export function useAnnouncer(): Announcements {
  const [texts, setTexts] = useState({ polite: '', assertive: '' });
  const announce = useCallback((text: string, politeness: 'polite' | 'assertive' = 'polite') => {
    // The same sentence twice is still news: a trailing invisible space makes it a change. An
    // empty text clears the region.
    setTexts((current) => ({
      ...current,
      [politeness]: text !== '' && current[politeness] === text ? `${text}\u200b` : text,
    }));
  }, []);
  return { ...texts, announce };
}
