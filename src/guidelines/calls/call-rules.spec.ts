import { callDeadlinePassed, callIsOpen, callStatus } from './call-rules';

const call = { opensOn: '2026-09-01', deadline: '2027-01-31', closedAt: null };

describe('callStatus', () => {
  it('is upcoming before the first day, open through the end of the deadline day (Berlin), closed after', () => {
    expect(callStatus(call, new Date('2026-08-31T23:59:00+02:00'))).toBe('upcoming');
    expect(callStatus(call, new Date('2026-09-01T00:00:30+02:00'))).toBe('open');
    expect(callStatus(call, new Date('2027-01-31T23:59:59+01:00'))).toBe('open');
    expect(callStatus(call, new Date('2027-02-01T00:00:01+01:00'))).toBe('closed');
    expect(callDeadlinePassed(call, new Date('2027-02-01T00:00:01+01:00'))).toBe(true);
  });

  it('is closed from the moment staff closed it, before its deadline', () => {
    const closed = { ...call, closedAt: new Date('2026-12-01T12:00:00+01:00') };
    expect(callIsOpen(closed, new Date('2026-12-01T11:59:00+01:00'))).toBe(true);
    expect(callStatus(closed, new Date('2026-12-01T12:00:00+01:00'))).toBe('closed');
    expect(callDeadlinePassed(closed, new Date('2026-12-02T10:00:00+01:00'))).toBe(true);
  });
});
