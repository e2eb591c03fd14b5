// When a call is open: pure rules on a call record's dates, read by every module that asks.
import { berlinDate, endOfDayBerlin } from '../../platform/calendar/calendar';

export interface CallDates {
  opensOn: string;
  /** Stichtag: submissions are accepted until the end of this day, Europe/Berlin. */
  deadline: string;
  /** Set when staff closed the call before its deadline. */
  closedAt: Date | null;
}

export type CallStatus = 'upcoming' | 'open' | 'closed';

export function callStatus(call: CallDates, now: Date): CallStatus {
  if (call.closedAt && call.closedAt.getTime() <= now.getTime()) return 'closed';
  if (berlinDate(now) < call.opensOn) return 'upcoming';
  if (now.getTime() > endOfDayBerlin(call.deadline).getTime()) return 'closed';
  return 'open';
}

export function callIsOpen(call: CallDates, now: Date): boolean {
  return callStatus(call, now) === 'open';
}

/** The deadline has passed, whichever way: the day ran out, or staff closed the call early. */
export function callDeadlinePassed(call: CallDates, now: Date): boolean {
  return callStatus(call, now) === 'closed';
}
