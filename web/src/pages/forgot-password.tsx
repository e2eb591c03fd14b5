import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../api/client';
import { Alert, Page } from '../components/layout';
import { applyApiError, ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../components/forms';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<{ email: string }>();
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(
    async (form) => {
      const { error } = await api.POST('/api/v1/auth/password-reset', { body: form });
      if (error) setSummary(applyApiError(error, FIELDS, setError));
      else setSent(true);
    },
    (invalid) => setSummary(summaryOf(invalid, FIELDS)),
  );

  return (
    <Page title="Passwort vergessen">
      {sent ? (
        <Alert kind="success" title="E-Mail ist unterwegs">
          <p className="kern-body">Wenn es zu dieser Adresse ein Konto gibt, erhalten Sie eine E-Mail mit einem Link, über den Sie ein neues Passwort festlegen.</p>
        </Alert>
      ) : (
        <>
          <ErrorSummary items={summary} />
          <p className="kern-body">Geben Sie die E-Mail-Adresse Ihres Kontos an. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.</p>
          <form onSubmit={submit} noValidate className="fw-form">
            <TextField id="email" label="E-Mail-Adresse" error={errors.email}>
              <input {...fieldProps('email', errors.email)} type="email" autoComplete="email" {...register('email', { required: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' })} />
            </TextField>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
              <span className="kern-label">Link anfordern</span>
            </button>
          </form>
        </>
      )}
    </Page>
  );
}
