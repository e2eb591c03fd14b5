import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { Alert, Page } from '../components/layout';
import { applyApiError, ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../components/forms';

interface Form {
  email: string;
  password: string;
  totp: string;
}
const FIELDS = ['email', 'password', 'totp'] as const;

const REFUSALS: Record<string, string> = {
  INVALID_CREDENTIALS: 'E-Mail-Adresse oder Passwort sind falsch.',
  TOTP_REQUIRED: 'Bitte geben Sie den Code aus Ihrer Authenticator-App ein.',
  TOTP_INVALID: 'Der Code aus der Authenticator-App ist falsch oder wurde schon verwendet.',
  TOO_MANY_LOGIN_ATTEMPTS: 'Zu viele Anmeldeversuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
};

export function LoginPage() {
  const { user, signIn, notice } = useSession();
  const location = useLocation();
  // where the login page was sent from (SignedIn, when a session ended without a log-out), to return there
  const from = (location.state as { from?: string } | null)?.from;
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [needsTotp, setNeedsTotp] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<Form>();
  const { errors, isSubmitting } = formState;

  if (user) return <Navigate to={from ?? '/aufgaben'} replace />;

  const submit = handleSubmit(
    async (form) => {
      const { data, error } = await api.POST('/api/v1/auth/login', { body: { email: form.email, password: form.password, ...(form.totp ? { totp: form.totp } : {}) } });
      if (data) {
        await signIn(data.accessToken); // the page then leads on (below)
        return;
      }
      if (error.code === 'TOTP_REQUIRED') setNeedsTotp(true);
      const message = REFUSALS[error.code];
      setSummary(message ? [{ field: error.code.startsWith('TOTP') ? 'totp' : undefined, message }] : applyApiError(error, FIELDS, setError));
    },
    (invalid) => setSummary(summaryOf(invalid, FIELDS)),
  );

  return (
    <Page title="Anmelden">
      {notice && <Alert kind="success" title={notice} />}
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <TextField id="email" label="E-Mail-Adresse" error={errors.email}>
          <input {...fieldProps('email', errors.email)} type="email" autoComplete="username" {...register('email', { required: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' })} />
        </TextField>
        <TextField id="password" label="Passwort" error={errors.password}>
          <input {...fieldProps('password', errors.password)} type="password" autoComplete="current-password" {...register('password', { required: 'Bitte geben Sie Ihr Passwort ein.' })} />
        </TextField>
        {needsTotp && (
          <TextField id="totp" label="Code aus der Authenticator-App" error={errors.totp}>
            <input {...fieldProps('totp', errors.totp)} inputMode="numeric" autoComplete="one-time-code" {...register('totp')} />
          </TextField>
        )}
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">Anmelden</span>
        </button>
      </form>
      <p className="kern-body">
        <Link className="kern-link" to="/passwort-vergessen">
          Passwort vergessen?
        </Link>
      </p>
    </Page>
  );
}
