import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` (countdowns and "waiting 2 min" labels). */
export function useNow(intervalMs = 1000, now: () => number = Date.now): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const id = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, now]);
  return time;
}
