/**
 * The yearly events of a shop that fall on a MOVING date (issue 17): Easter and the feasts tied to
 * it, Mother's and Father's Day, Black Friday. Their uplift lands on a different date each year, so
 * the same-date test (outliers.ts recurringEvents) misses them; outliers.ts movingEvents aligns the
 * past years on these anchors instead. Each anchor is a day of the year computed from the calendar
 * (UTC midnights in ms, the app's day grid) and a window of days around it where its demand lies:
 * the days before it (flowers and gifts are bought before Mother's Day, chocolate before Easter)
 * and a day or so after (Easter Monday, Whit Monday, Cyber Monday). Every anchor falls on a fixed
 * weekday, so a window aligned on it keeps the weekdays of its days year after year.
 *
 * The list is the retail calendar of France and the United Kingdom (the app's holiday countries),
 * fixed in advance: every anchor tested is one more chance for random promotions to line up, so it
 * is not a search over every n-th weekday of every month.
 */
import type { MovingEvent } from '@shared/model/forecast.js';
import { easterSunday, nthWeekday } from './holidays.js';

const DAY = 86_400_000;

export interface MovingAnchor {
  /** Stable key (shared MOVING_EVENTS: the product page names the event from it). */
  id: MovingEvent;
  /** The anchor's day in a Gregorian year, as a UTC day (ms). */
  day(year: number): number;
  /** Days of its window before and after the anchor day. */
  before: number;
  after: number;
}

/** Pentecost (Whit Sunday): Easter + 49 days. */
export function pentecost(year: number): number {
  return easterSunday(year) + 49 * DAY;
}

/**
 * Fête des mères (France, law of 1950): the last Sunday of May, or the first Sunday of June when
 * that last Sunday is Pentecost (2023: Pentecost 28 May, Mother's Day 4 June).
 */
export function mothersDayFR(year: number): number {
  const last = nthWeekday(year, 5, 0, -1);
  return last === pentecost(year) ? nthWeekday(year, 6, 0, 1) : last;
}

/** Mothering Sunday (United Kingdom): the fourth Sunday of Lent, three weeks before Easter. */
export function motheringSunday(year: number): number {
  return easterSunday(year) - 21 * DAY;
}

/** Father's Day (France, United Kingdom, United States): the third Sunday of June. */
export function fathersDay(year: number): number {
  return nthWeekday(year, 6, 0, 3);
}

/** Black Friday: the Friday after the fourth Thursday of November (Thanksgiving). */
export function blackFriday(year: number): number {
  return nthWeekday(year, 11, 4, 4) + DAY;
}

/** The anchors tested, in this order (a day claimed by one is not tested again by the next): shared MOVING_EVENTS' order. */
export const MOVING_ANCHORS: readonly MovingAnchor[] = [
  // Good Friday to Easter Monday, and the week of chocolate before.
  { id: 'easter', day: easterSunday, before: 6, after: 1 },
  { id: 'ascension', day: (y) => easterSunday(y) + 39 * DAY, before: 6, after: 3 },
  { id: 'pentecost', day: pentecost, before: 6, after: 1 },
  { id: 'mothersDay', day: mothersDayFR, before: 6, after: 1 },
  { id: 'motheringSunday', day: motheringSunday, before: 6, after: 1 },
  { id: 'fathersDay', day: fathersDay, before: 6, after: 1 },
  // Black Friday to Cyber Monday.
  { id: 'blackFriday', day: blackFriday, before: 6, after: 3 },
];

const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
const cache = MOVING_ANCHORS.map(() => new Float64Array(LAST_YEAR - FIRST_YEAR + 1).fill(NaN));

/** Anchor a's day in `year` (cached: the catalog asks the same few years for every product). */
export function anchorDay(a: number, year: number): number {
  const anchor = MOVING_ANCHORS[a]!;
  if (year < FIRST_YEAR || year > LAST_YEAR) return anchor.day(year);
  const row = cache[a]!;
  const v = row[year - FIRST_YEAR]!;
  if (v === v) return v;
  return (row[year - FIRST_YEAR] = anchor.day(year));
}
