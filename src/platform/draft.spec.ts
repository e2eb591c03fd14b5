import { SaveApplicationDto } from '../applications/dto/applications.dto';
import { sentKeys } from './draft';

describe('draft save semantics', () => {
  it('tests compile class fields as the build does: a DTO carries its declared fields as own undefined properties', () => {
    // tsc (target ES2022) defines every class field; a test transform that did not would hide the 500 of issue 8.1
    expect(Object.keys(new SaveApplicationDto())).toEqual(expect.arrayContaining(['version', 'costs', 'thirdPartyFunds', 'iban']));
  });

  it('keeps only the keys the client sent', () => {
    const dto = Object.assign(new SaveApplicationDto(), { version: 3, costs: [], iban: undefined });
    expect(sentKeys(dto)).toEqual({ version: 3, costs: [] });
  });
});
