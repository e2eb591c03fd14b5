import { ReactNode, RefObject, useEffect, useId, useRef } from 'react';
import type { FieldError, FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '../api/client';

export interface SummaryItem {
  field?: string;
  message: string;
}

// The API speaks English to developers; people read German. Codes the UI knows get their own text, the rest a general one.
const MESSAGES_DE: Record<string, string> = {
  PASSWORD_TOO_SHORT: 'Das Passwort ist zu kurz.',
  PASSWORD_TOO_LONG: 'Das Passwort ist zu lang.',
  PASSWORD_TOO_COMMON: 'Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.',
  PASSWORD_CONTAINS_ACCOUNT_DATA: 'Das Passwort darf Ihre E-Mail-Adresse oder Ihren Namen nicht enthalten.',
  TOO_MANY_REQUESTS: 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
  TOO_MANY_PASSWORD_RESET_REQUESTS: 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
};

export function germanMessage(problem: { code: string; field?: string }): string {
  return MESSAGES_DE[problem.code] ?? (problem.field ? 'Diese Angabe ist nicht gültig.' : `Das hat nicht geklappt. Bitte versuchen Sie es erneut (Fehlercode ${problem.code}).`);
}

/**
 * Puts the API's `details.problems` onto the form fields they name (react-hook-form errors) and answers every
 * message for the error summary; problems without a known field, or errors without problems, go to the summary only.
 */
export function applyApiError<T extends FieldValues>(error: ApiError, fields: readonly Path<T>[], setError: UseFormSetError<T>): SummaryItem[] {
  const problems = error.details?.problems ?? [];
  if (!problems.length) return [{ message: germanMessage(error) }];
  return problems.map((p) => {
    const field = fields.find((f) => f === p.field);
    const message = germanMessage(p);
    if (field) setError(field, { type: 'server', message });
    return { field, message };
  });
}

/**
 * The form's problems as one list at the top (GOV.UK/KERN pattern), each linking to its field. Focused when it appears,
 * unless the page moves focus itself (`focusOnChange={false}` with `summaryRef`: the autosaving editor focuses it only
 * when a save the person asked for was refused, never while they type).
 */
export function ErrorSummary({ items, focusOnChange = true, summaryRef }: { items: SummaryItem[]; focusOnChange?: boolean; summaryRef?: RefObject<HTMLDivElement | null> }) {
  const own = useRef<HTMLDivElement>(null);
  const ref = summaryRef ?? own;
  const titleId = useId();
  useEffect(() => {
    if (focusOnChange && items.length) ref.current?.focus();
  }, [items, focusOnChange, ref]);
  if (!items.length) return null;
  return (
    <div ref={ref} tabIndex={-1} className="kern-alert kern-alert--danger fw-error-summary" role="alert" aria-labelledby={titleId}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 id={titleId} className="kern-title">
          Bitte prüfen Sie Ihre Angaben
        </h2>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {items.map((item, i) => (
            <li key={i}>{item.field ? <a className="kern-link" href={`#${item.field}`} onClick={(e) => focusField(e, item.field!)}>{item.message}</a> : item.message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function focusField(e: React.MouseEvent, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  e.preventDefault(); // a hash link would also change the router's location
  field.focus();
}

/** A labelled KERN text field; its error is tied to the input with aria-describedby. */
export function TextField({ id, label, error, hint, children }: { id: string; label: string; error?: FieldError; hint?: string; children: ReactNode }) {
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="kern-hint" id={`${id}-hinweis`}>
          {hint}
        </div>
      )}
      {children}
      {error?.message && (
        <p className="kern-error" id={`${id}-fehler`}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span>{error.message}</span>
        </p>
      )}
    </div>
  );
}

/** The props an input inside TextField needs for its label, hint and error. */
export function fieldProps(id: string, error?: FieldError, hint?: boolean) {
  const describedBy = [hint ? `${id}-hinweis` : '', error ? `${id}-fehler` : ''].filter(Boolean).join(' ');
  return {
    id,
    className: `kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

/** The summary items of react-hook-form's own checks (required, pattern), in the order of the fields. */
export function summaryOf(errors: FieldErrors, order: readonly string[]): SummaryItem[] {
  return order.flatMap((field) => {
    const message = errors[field]?.message;
    return typeof message === 'string' ? [{ field, message }] : [];
  });
}
