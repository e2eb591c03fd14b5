import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { applyAdminError, centsToInput, parseEuro } from './common';

describe('euro amounts as people type them', () => {
  it('become integer cents; anything else is not a sum', () => {
    expect(parseEuro('2.500.000')).toBe(250_000_000);
    expect(parseEuro('1.250.000,50 €')).toBe(125_000_050);
    expect(parseEuro('0,5')).toBe(50);
    expect(parseEuro('viel')).toBeNaN();
    expect(parseEuro('1,234')).toBeNaN();
    expect(parseEuro('')).toBeNaN();
    expect(centsToInput(125_000_050)).toBe('1.250.000,50');
  });
});

describe('the API’s refusals on the admin’s forms', () => {
  it('put an error naming its field in details onto that field, in German', () => {
    const { result } = renderHook(() => useForm<{ ags: string }>());
    let items: ReturnType<typeof applyAdminError> = [];
    act(() => {
      items = applyAdminError({ code: 'AGS_TAKEN', message: 'An organisation with AGS 14522360 exists already.', details: { field: 'ags' } }, ['ags'], result.current.setError);
    });
    expect(items).toEqual([{ field: 'ags', message: 'Eine Organisation mit diesem Gemeindeschlüssel gibt es schon.' }]);
    expect(result.current.getFieldState('ags').error?.message).toBe('Eine Organisation mit diesem Gemeindeschlüssel gibt es schon.');
  });

  it('map the API’s field names onto the form’s (budgets.0.amountCents → budgets.0.amount)', () => {
    const { result } = renderHook(() => useForm<{ budgets: { amount: string }[] }>());
    let items: ReturnType<typeof applyAdminError> = [];
    act(() => {
      items = applyAdminError(
        { code: 'VALIDATION_FAILED', message: 'Invalid.', details: { problems: [{ code: 'FIELD_INVALID', field: 'budgets.0.amountCents', message: 'amountCents must not be less than 0' }] } },
        ['budgets.0.amount'],
        result.current.setError,
        { 'budgets.0.amountCents': 'budgets.0.amount' },
      );
    });
    expect(items).toEqual([{ field: 'budgets.0.amount', message: 'Diese Angabe ist nicht gültig.' }]);
  });
});
