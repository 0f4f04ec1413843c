import { describe, expect, it } from 'vitest';
import {
  isOpenAt,
  isTimeZone,
  nextOpening,
  parseInterval,
  zonedTime,
  type BusinessHours,
} from './businessHours.ts';

const berlin: BusinessHours = {
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [parseInterval('09:00-17:00')],
    tue: [parseInterval('09:00-12:00'), parseInterval('13:00-17:00')],
    sat: [parseInterval('10:00-24:00')],
  },
  holidays: new Set(['2025-12-29']),
};

describe('business hours', () => {
  it('reads intervals and refuses malformed ones', () => {
    expect(parseInterval('09:00-17:30')).toEqual([540, 1050]);
    expect(parseInterval('00:00-24:00')).toEqual([0, 1440]);
    expect(() => parseInterval('17:00-09:00')).toThrow(/ends before/);
    expect(() => parseInterval('9-17')).toThrow(/not an interval/);
    expect(() => parseInterval('09:00-24:30')).toThrow();
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('is open inside an interval in the queue’s own time zone, closed outside and on holidays', () => {
    // Monday 2025-03-17, winter time (UTC+1): 09:00 Berlin is 08:00 UTC.
    expect(isOpenAt(berlin, Date.parse('2025-03-17T07:59:00Z'))).toBe(false);
    expect(isOpenAt(berlin, Date.parse('2025-03-17T08:00:00Z'))).toBe(true);
    expect(isOpenAt(berlin, Date.parse('2025-03-17T15:59:00Z'))).toBe(true);
    expect(isOpenAt(berlin, Date.parse('2025-03-17T16:00:00Z'))).toBe(false);
    // Tuesday lunch break, and a day without hours (Wednesday).
    expect(isOpenAt(berlin, Date.parse('2025-03-18T11:30:00Z'))).toBe(false);
    expect(isOpenAt(berlin, Date.parse('2025-03-19T10:00:00Z'))).toBe(false);
    // Monday 2025-12-29 is a holiday.
    expect(isOpenAt(berlin, Date.parse('2025-12-29T10:00:00Z'))).toBe(false);
  });

  it('follows daylight saving time (UTC+2 in summer)', () => {
    // Monday 2025-07-07: 09:00 Berlin is 07:00 UTC.
    expect(isOpenAt(berlin, Date.parse('2025-07-07T06:59:00Z'))).toBe(false);
    expect(isOpenAt(berlin, Date.parse('2025-07-07T07:00:00Z'))).toBe(true);
    expect(zonedTime(2025, 7, 7, 9 * 60, 'Europe/Berlin')).toBe(Date.parse('2025-07-07T07:00:00Z'));
    // The day the clocks go forward (Sunday 2025-03-30): 12:00 local is 10:00 UTC.
    expect(zonedTime(2025, 3, 30, 12 * 60, 'Europe/Berlin')).toBe(Date.parse('2025-03-30T10:00:00Z'));
  });

  it('finds the next opening: after lunch, the next working day, past a holiday', () => {
    expect(nextOpening(berlin, Date.parse('2025-03-18T11:30:00Z'))).toBe(Date.parse('2025-03-18T12:00:00Z'));
    // Monday evening → Tuesday 09:00 Berlin.
    expect(nextOpening(berlin, Date.parse('2025-03-17T18:00:00Z'))).toBe(Date.parse('2025-03-18T08:00:00Z'));
    // Sunday 2025-12-28 → Monday is a holiday → Tuesday 2025-12-30 09:00 Berlin.
    expect(nextOpening(berlin, Date.parse('2025-12-28T10:00:00Z'))).toBe(Date.parse('2025-12-30T08:00:00Z'));
  });

  it('has no next opening when the schedule is empty', () => {
    expect(nextOpening({ timeZone: 'UTC', weekly: {}, holidays: new Set() }, Date.now())).toBeNull();
  });
});
