import type { Form } from '../../guidelines/guideline.types';
import { formatFileNumber } from './file-number';
import { validateForm } from './form-validation';

const form: Form = {
  fields: [
    { key: 'title', label: 'Titel', type: 'text', required: true, maxLength: 10 },
    { key: 'opening', label: 'Eröffnung', type: 'date', required: true },
    { key: 'users', label: 'Nutzer', type: 'integer', required: false },
    { key: 'kind', label: 'Art', type: 'select', required: false, options: ['makerspace', 'coworking'] },
    { key: 'rural', label: 'Ländlich', type: 'boolean', required: true },
    { key: 'mail', label: 'E-Mail', type: 'email', required: false },
    { key: 'ags', label: 'AGS', type: 'ags', required: false },
  ],
};

describe('validateForm', () => {
  it('accepts a complete, well-typed form', () => {
    expect(validateForm(form, { title: 'Makerspace', opening: '2027-05-01', users: 300, kind: 'makerspace', rural: false, mail: 'a@b.de', ags: '14522360' }, 'submit')).toEqual([]);
  });

  it('lets a draft miss required fields, but not a submission (blank counts as missing)', () => {
    expect(validateForm(form, { title: '  ' }, 'draft')).toEqual([]);
    expect(validateForm(form, { title: '  ' }, 'submit').map((p) => [p.code, p.field])).toEqual([
      ['FIELD_REQUIRED', 'fields.title'],
      ['FIELD_REQUIRED', 'fields.opening'],
      ['FIELD_REQUIRED', 'fields.rural'],
    ]);
  });

  it('refuses wrong types and unknown fields in any mode', () => {
    const problems = validateForm(form, { title: 'Viel zu langer Titel', opening: '2027-02-30', users: 1.5, kind: 'lab', rural: 'ja', mail: 'nope', ags: '99000000', colour: 'blau' }, 'draft');
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['FIELD_UNKNOWN', 'fields.colour'],
      ['FIELD_INVALID', 'fields.title'],
      ['FIELD_INVALID', 'fields.opening'],
      ['FIELD_INVALID', 'fields.users'],
      ['FIELD_INVALID', 'fields.kind'],
      ['FIELD_INVALID', 'fields.rural'],
      ['FIELD_INVALID', 'fields.mail'],
      ['FIELD_INVALID', 'fields.ags'],
    ]);
    expect(validateForm(form, { opening: '2027-13-01' }, 'draft')[0].message).toBe('"Eröffnung" must be a date (YYYY-MM-DD).');
  });
});

describe('formatFileNumber', () => {
  it('pads the running number to six digits', () => {
    expect(formatFileNumber('LIfD', '2024-1', 123)).toBe('LIfD-2024-1-000123');
    expect(formatFileNumber('DOST', '2026', 1234567)).toBe('DOST-2026-1234567');
  });
});
