import { agsProblem, districtOf } from './ags';

describe('AGS', () => {
  it.each(['14522360', '14612000', '14713000', '01001000', '16077052'])('accepts %s', (ags) => {
    expect(agsProblem(ags)).toBeNull();
  });

  it.each([
    ['1452236', 'must be exactly 8 digits'],
    ['145223600', 'must be exactly 8 digits'],
    ['1452236a', 'must be exactly 8 digits'],
    ['00522360', 'must start with a state code from 01 to 16'],
    ['17522360', 'must start with a state code from 01 to 16'],
  ])('refuses %s', (ags, problem) => {
    expect(agsProblem(ags)).toBe(problem);
  });

  it('gives the district from the first five digits (Mittweida lies in Mittelsachsen)', () => {
    expect(districtOf('14522360')).toBe('14522');
  });
});
