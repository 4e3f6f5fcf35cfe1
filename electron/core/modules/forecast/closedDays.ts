import { openDays } from './daily.js';
import { isHoliday, type HolidayCountry } from './holidays.js';
import { DAY } from './replenishment.js';
import { doubleArray } from './types.js';
import type { DemandInput } from './demandInput.js';

/** What the product page says about a product's closed days, read the way the engine reads them. */
export interface ClosedCalendar {
  /** UTC weekdays (0 Sunday … 6 Saturday) the product never sells on: the shop is closed then. */
  closedWeekdays: number[];
  /** The holiday setting. */
  holidayCountry: HolidayCountry;
  /** False when the product sold on a past holiday (the shop opens then) or the setting is 'none'. */
  holidaysApply: boolean;
  /** True on a closed day (UTC midnight in ms). */
  isClosed(day: number): boolean;
}

/**
 * The closed days of one product, from the same input the engine forecasts it from and by its
 * calendar path's own first step (daily.ts openDays): public holidays count only when the product
 * never sold on a past one, and a weekday is closed when detectClosedWeekdays finds it (t counted
 * from the input's first day, so t mod 7 maps to one UTC weekday).
 */
export function closedCalendar(input: DemandInput, country: HolidayCountry): ClosedCalendar {
  const { from } = input;
  const days = openDays(doubleArray(input.y), input.closed, true, 0, undefined, false);
  const holidaysApply = days.holidays !== undefined;
  const byIndex = days.closedWeekdays;
  const closedWeekdays = byIndex.map((k) => new Date(from + k * DAY).getUTCDay()).sort((a, b) => a - b);
  const shut = new Set(closedWeekdays);
  return {
    closedWeekdays,
    holidayCountry: country,
    holidaysApply,
    isClosed(day) {
      return shut.has(new Date(day).getUTCDay()) || (holidaysApply && isHoliday(day, country));
    },
  };
}
