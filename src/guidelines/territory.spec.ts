import { insideTerritory } from './territory';

describe('insideTerritory', () => {
  const saxony = { agsPrefixes: ['14'], label: 'Freistaat Sachsen' };
  it('admits an AGS that starts with a prefix, and no other', () => {
    expect(insideTerritory(saxony, '14522360')).toBe(true); // Mittweida
    expect(insideTerritory(saxony, '15087205')).toBe(false); // Hettstedt, Saxony-Anhalt
    expect(insideTerritory({ agsPrefixes: ['15', '14522'], label: 'x' }, '14522180')).toBe(true);
  });
  it('admits every AGS when the guideline has no territorial rule', () => {
    expect(insideTerritory(undefined, '09162000')).toBe(true);
  });
});
