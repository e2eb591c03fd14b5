import { checkedTeam } from './team';

describe('caseworker team', () => {
  it('is stored trimmed, and null means none', () => {
    expect(checkedTeam('  Referat 33 – Digitalisierung ', ['caseworker'])).toEqual({ team: 'Referat 33 – Digitalisierung' });
    expect(checkedTeam('x'.repeat(80), ['approver'])).toEqual({ team: 'x'.repeat(80) });
    expect(checkedTeam(null, ['applicant'])).toEqual({ team: null });
  });

  it.each([[''], ['   '], ['x'.repeat(81)]])('refuses %j', (team) => {
    expect(checkedTeam(team, ['caseworker'])).toMatchObject({ code: 'TEAM_INVALID' });
  });

  it('is for agency staff only', () => {
    expect(checkedTeam('Referat 33', ['applicant'])).toMatchObject({ code: 'TEAM_NOT_FOR_APPLICANTS' });
  });
});
