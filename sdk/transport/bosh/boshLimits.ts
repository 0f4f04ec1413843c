/**
 * What the session creation response allows (XEP-0124 section 7): how many requests may be open at
 * once (`requests`, else `hold` + 1), how long the server holds one (`wait`), and, for a session
 * whose server holds none (`hold` 0, polling), how often empty requests may go (`polling`) and how
 * long the server waits for one before ending the session (`inactivity`, section 11).
 */
import { numberAttr } from './boshXml.ts';

export interface BoshLimits {
  /** Requests open at once. */
  readonly requests: number;
  /** Seconds the server may hold a request. */
  readonly waitS: number;
  /** Seconds between empty requests of a polling session; null when the server holds requests. */
  readonly pollingS: number | null;
  readonly inactivityS: number | null;
}

export function requestedLimits(wait: number, hold: number): BoshLimits {
  return { requests: hold + 1, waitS: wait, pollingS: null, inactivityS: null };
}

export function adoptLimits(
  requested: BoshLimits,
  hold: number,
  attrs: Readonly<Record<string, string | undefined>>,
): BoshLimits {
  const granted = numberAttr(attrs, 'hold') ?? hold;
  return {
    requests: Math.max(1, numberAttr(attrs, 'requests') ?? granted + 1),
    waitS: numberAttr(attrs, 'wait') ?? requested.waitS,
    pollingS: granted === 0 ? (numberAttr(attrs, 'polling') ?? 0) : null,
    inactivityS: numberAttr(attrs, 'inactivity') ?? null,
  };
}

/**
 * The wait before an empty request when none is open: none while long polling (one request always
 * waits at the server, so it can push); `polling` for a polling session, but 2 s inside
 * `inactivity` at the latest.
 */
export function emptyRequestDelayMs(limits: BoshLimits): number {
  if (limits.pollingS === null) return 0;
  const latest = Math.max(0, (limits.inactivityS ?? Infinity) - 2);
  return Math.min(limits.pollingS, latest) * 1000;
}
