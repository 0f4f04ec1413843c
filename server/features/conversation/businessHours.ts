/**
 * Business hours of a queue: a weekly schedule in the queue's own time zone plus holidays (whole
 * local days). Pure functions over epoch milliseconds; the time-zone arithmetic uses Intl, so
 * daylight-saving changes follow the IANA database Node ships with.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessHours {
  /** An IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Open intervals per weekday in local minutes since midnight, `[start, end)`; a missing day is closed. */
  weekly: Partial<Record<Weekday, ReadonlyArray<readonly [number, number]>>>;
  /** Local dates (`YYYY-MM-DD`) closed all day. */
  holidays: ReadonlySet<string>;
}

interface LocalTime {
  date: string;
  weekday: Weekday;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone (a typo in the configuration must fail at start, not at 9 am). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `at` in `timeZone`. */
function wallClock(at: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second };
}

/** How far `timeZone` is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/** The instant a local date and time (minutes since midnight) happens in `timeZone`. */
export function zonedTime(year: number, month: number, day: number, minutes: number, timeZone: string) {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  // Twice: the offset at the guess may differ from the offset at the answer near a DST change.
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

function localTime(at: number, timeZone: string): LocalTime {
  const w = wallClock(at, timeZone);
  const weekday = WEEKDAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()] ?? 'sun';
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, weekday, minutes: w.hour * 60 + w.minute };
}

export function isOpenAt(hours: BusinessHours, at: number): boolean {
  const local = localTime(at, hours.timeZone);
  if (hours.holidays.has(local.date)) return false;
  return (hours.weekly[local.weekday] ?? []).some(
    ([start, end]) => local.minutes >= start && local.minutes < end,
  );
}

/** The next instant after `from` at which the queue opens, looking ahead two weeks; null if never. */
export function nextOpening(hours: BusinessHours, from: number): number | null {
  const w = wallClock(from, hours.timeZone);
  for (let offset = 0; offset <= 14; offset++) {
    const day = new Date(Date.UTC(w.year, w.month - 1, w.day + offset));
    const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (hours.holidays.has(`${year}-${pad(month)}-${pad(date)}`)) continue;
    const intervals = [...(hours.weekly[WEEKDAYS[day.getUTCDay()] ?? 'sun'] ?? [])].sort(
      (a, b) => a[0] - b[0],
    );
    for (const [start] of intervals) {
      const at = zonedTime(year, month, date, start, hours.timeZone);
      if (at > from && !isOpenAt(hours, at - 60_000)) return at;
    }
  }
  return null;
}

/** `"09:00-17:30"` → `[540, 1050]`; `24:00` ends a day. Throws on anything else. */
export function parseInterval(text: string): [number, number] {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/.exec(text);
  if (!match) throw new Error(`"${text}" is not an interval like 09:00-17:00`);
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = match[3] === '24:00' ? 1440 : Number(match[4]) * 60 + Number(match[5]);
  if (end <= start) throw new Error(`"${text}" ends before it starts`);
  return [start, end];
}
