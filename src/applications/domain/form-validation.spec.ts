import type { Form } from '../../guidelines/guideline.types';
import { validateForm } from './form-validation';

const form: Form = {
  fields: [
    { key: 'title', label: 'Titel', type: 'text', required: true, maxLength: 10 },
    { key: 'opening', label: 'Eröffnung', type: 'date', required: true },
    { key: 'users', label: 'Nutzer', type: 'integer', required: false },
    { key: 'area', label: 'Fläche', type: 'number', required: false },
    { key: 'kind', label: 'Art', type: 'select', required: false, options: ['makerspace', 'coworking'] },
    { key: 'rural', label: 'Ländlich', type: 'boolean', required: true },
    { key: 'mail', label: 'E-Mail', type: 'email', required: false, maxLength: 20 },
    { key: 'ags', label: 'Gemeinde', type: 'ags', required: false },
  ],
};
const pairs = (problems: { code: string; field: string }[]) => problems.map((p) => [p.code, p.field]);

describe('validateForm', () => {
  it('accepts a complete, well-typed form', () => {
    const values = { title: 'Makerspace', opening: '2028-02-29', users: 0, area: 120.5, kind: 'makerspace', rural: false, mail: 'a@mittweida.de', ags: '14522360' };
    expect(validateForm(form, values, 'submit')).toEqual([]);
  });

  it('lets a draft miss required fields, but not a submission; blank text and null count as missing', () => {
    expect(validateForm(form, { title: '  ', rural: null }, 'draft')).toEqual([]);
    expect(validateForm(form, { title: '  ', rural: null }, 'submit')).toEqual([
      { code: 'FIELD_REQUIRED', field: 'fields.title', message: 'Fill in "Titel".' },
      { code: 'FIELD_REQUIRED', field: 'fields.opening', message: 'Fill in "Eröffnung".' },
      { code: 'FIELD_REQUIRED', field: 'fields.rural', message: 'Fill in "Ländlich".' },
    ]);
  });

  it('takes false and 0 as answers, not as missing', () => {
    expect(validateForm(form, { title: 'x', opening: '2027-05-01', rural: false, users: 0 }, 'submit')).toEqual([]);
  });

  it('refuses wrong types and unknown fields in any mode', () => {
    const values = { title: 'Viel zu langer Titel', opening: '2027-02-29', users: 1.5, area: '120', kind: 'Makerspace', rural: 'ja', mail: 'nope', ags: '99000000', colour: 'blau' };
    expect(pairs(validateForm(form, values, 'draft'))).toEqual([
      ['FIELD_UNKNOWN', 'fields.colour'],
      ['FIELD_INVALID', 'fields.title'],
      ['FIELD_INVALID', 'fields.opening'],
      ['FIELD_INVALID', 'fields.users'],
      ['FIELD_INVALID', 'fields.area'],
      ['FIELD_INVALID', 'fields.kind'],
      ['FIELD_INVALID', 'fields.rural'],
      ['FIELD_INVALID', 'fields.mail'],
      ['FIELD_INVALID', 'fields.ags'],
    ]);
  });

  it('says what is wrong in a sentence', () => {
    const messages = (values: Record<string, unknown>) => validateForm(form, values, 'draft').map((p) => p.message);
    expect(messages({ opening: '2027-13-01' })).toEqual(['"Eröffnung" must be a date (YYYY-MM-DD).']);
    expect(messages({ title: 'elf Zeichen' })).toEqual(['"Titel" must be at most 10 characters long.']);
    expect(messages({ kind: 'lab' })).toEqual(['"Art" must be one of: makerspace, coworking.']);
    expect(messages({ ags: '17000000' })).toEqual(['"Gemeinde" must start with a state code from 01 to 16.']);
    expect(messages({ ags: '1461200' })).toEqual(['"Gemeinde" must be exactly 8 digits.']);
    expect(messages({ extra: 1 })).toEqual(['The form has no field "extra".']);
  });

  it('checks text length at the boundary, counting characters rather than UTF-16 units', () => {
    expect(validateForm(form, { title: '0123456789' }, 'draft')).toEqual([]);
    expect(validateForm(form, { title: '🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀' }, 'draft')).toEqual([]); // 10 characters, 20 UTF-16 units
    expect(pairs(validateForm(form, { title: '01234567890' }, 'draft'))).toEqual([['FIELD_INVALID', 'fields.title']]);
  });

  it('checks each type precisely', () => {
    const invalid = (key: string, value: unknown) => validateForm(form, { [key]: value }, 'draft').length === 1;
    expect(invalid('users', 2 ** 53)).toBe(true); // not a safe integer
    expect(invalid('users', 2 ** 53 - 1)).toBe(false);
    expect(invalid('users', '3')).toBe(true);
    expect(invalid('area', Number.NaN)).toBe(true);
    expect(invalid('area', -0.5)).toBe(false);
    expect(invalid('opening', '2027-2-01')).toBe(true);
    expect(invalid('opening', '2027-04-31')).toBe(true);
    expect(invalid('opening', '2027-04-30T00:00:00Z')).toBe(true);
    expect(invalid('mail', 'a@b')).toBe(true);
    expect(invalid('mail', 'a b@c.de')).toBe(true);
    expect(invalid('mail', 'a@b..de')).toBe(true);
    expect(invalid('mail', 'a@@b.de')).toBe(true);
    expect(invalid('mail', 'anna.schmidt@stadt-mittweida.de')).toBe(true); // 31 > maxLength 20
    expect(invalid('mail', 'post@dresden.de')).toBe(false);
    expect(invalid('ags', '01001000')).toBe(false); // Flensburg, state 01
    expect(invalid('ags', '16051000')).toBe(false); // Erfurt, state 16
    expect(invalid('ags', '00123456')).toBe(true);
    expect(invalid('ags', 14612000)).toBe(true); // a number loses leading zeros: must be text
    expect(invalid('rural', 1)).toBe(true);
  });

  it('uses the given prefix in field paths', () => {
    expect(pairs(validateForm(form, { users: 'many' }, 'draft', 'concept.fields'))).toEqual([['FIELD_INVALID', 'concept.fields.users']]);
  });
});
