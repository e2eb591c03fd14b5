import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import { applyApiError, ErrorSummary } from './forms';

afterEach(cleanup);

describe('the API’s problems in a form', () => {
  it('go to the fields they name, in German, and the rest to the summary only', () => {
    const { result } = renderHook(() => useForm<{ email: string }>());
    let items: ReturnType<typeof applyApiError> = [];
    act(() => {
      items = applyApiError(
        {
          code: 'VALIDATION_FAILED',
          message: 'The request has invalid or unknown fields.',
          details: { problems: [{ code: 'FIELD_INVALID', field: 'email', message: 'email must be an email' }, { code: 'TOO_MANY_REQUESTS', message: 'Slow down' }] },
        },
        ['email'],
        result.current.setError,
      );
    });
    expect(items).toEqual([
      { field: 'email', message: 'Diese Angabe ist nicht gültig.' },
      { field: undefined, message: 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.' },
    ]);
    expect(result.current.getFieldState('email').error?.message).toBe('Diese Angabe ist nicht gültig.');
  });

  it('are listed in a summary that takes the focus and links to each field', () => {
    render(
      <>
        <ErrorSummary items={[{ field: 'email', message: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' }, { message: 'Etwas anderes.' }]} />
        <input id="email" aria-label="E-Mail-Adresse" />
      </>,
    );
    const summary = screen.getByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain('Etwas anderes.');
    fireEvent.click(screen.getByRole('link', { name: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('E-Mail-Adresse'));
  });
});
