import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Outlet } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, NotFound, Page } from '../../components/layout';
import { adminMessage } from './common';

const TOTP_MESSAGES: Record<string, string> = {
  TOTP_INVALID: 'Der Code stimmt nicht. Bitte geben Sie den aktuellen Code aus Ihrer Authenticator-App ein.',
  TOTP_NOT_ENROLLED: 'Bitte starten Sie die Einrichtung zuerst.',
  TOTP_ALREADY_ENABLED: 'Die Zwei-Faktor-Anmeldung ist für Ihr Konto schon eingerichtet.',
};

/** Pages only some roles may open; others see "Nicht gefunden", as the API would refuse them anyway. */
export function RequireRole({ roles }: { roles: readonly string[] }) {
  const { user } = useSession();
  return user?.roles.some((r) => roles.includes(r)) ? <Outlet /> : <NotFound />;
}

/**
 * Setting up the authenticator app (POST /auth/totp/enrol, then /confirm with a code). Users whose role needs a second
 * factor are led here until it is confirmed. No QR library is installed: the secret and the URI are shown to type in.
 */
export function TotpEnrolmentPage() {
  const { user, reload } = useSession();
  const [enrolment, setEnrolment] = useState<Schemas['TotpEnrolmentDto'] | null>(null);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<{ code: string }>();
  const { errors, isSubmitting } = formState;

  const start = async () => {
    const { data, error } = await api.POST('/api/v1/auth/totp/enrol');
    if (error) return setSummary([{ message: TOTP_MESSAGES[error.code] ?? adminMessage(error) }]);
    setSummary([]);
    setEnrolment(data);
  };
  const confirm = handleSubmit(
    async ({ code }) => {
      const { error } = await api.POST('/api/v1/auth/totp/confirm', { body: { code: code.trim() } });
      if (error) {
        const message = TOTP_MESSAGES[error.code] ?? adminMessage(error);
        setError('code', { type: 'server', message });
        return setSummary([{ field: 'code', message }]);
      }
      await reload(); // the session no longer needs the enrolment (else the pages lead back here)
      setDone(true);
    },
    (invalid) => setSummary(summaryOf(invalid, ['code'])),
  );

  return (
    <Page title="Zwei-Faktor-Anmeldung einrichten">
      {done ? (
        <>
          <Alert kind="success" title="Die Zwei-Faktor-Anmeldung ist eingerichtet.">
            <p className="kern-body">Bei jeder Anmeldung fragen wir ab jetzt nach dem Code aus Ihrer Authenticator-App.</p>
          </Alert>
          <p className="kern-body">
            <Link className="kern-link" to="/aufgaben">
              Weiter zu Meine Aufgaben
            </Link>
          </p>
        </>
      ) : (
        <>
          {user?.totpEnrolmentRequired && (
            <Alert kind="info" title="Ihre Rolle verlangt eine Zwei-Faktor-Anmeldung.">
              <p className="kern-body">Bevor Sie weiterarbeiten können, verbinden Sie bitte eine Authenticator-App (z. B. FreeOTP, Aegis oder Google Authenticator) mit Ihrem Konto.</p>
            </Alert>
          )}
          <ErrorSummary items={summary} />
          {!enrolment ? (
            <button type="button" className="kern-btn kern-btn--primary" onClick={start}>
              <span className="kern-label">Einrichtung starten</span>
            </button>
          ) : (
            <>
              <ol className="fw-numbered-steps">
                <li>
                  Fügen Sie in Ihrer Authenticator-App ein Konto hinzu und geben Sie diesen Schlüssel ein (Zeitbasiert, 6 Ziffern, 30 Sekunden):
                  <p className="fw-secret" aria-label={`Schlüssel: ${enrolment.secret.split('').join(' ')}`}>
                    {enrolment.secret.match(/.{1,4}/g)!.join(' ')}
                  </p>
                  <details>
                    <summary className="kern-link">Oder die vollständige Adresse (otpauth-URI) verwenden</summary>
                    <p className="fw-secret fw-secret--small">{enrolment.otpauthUri}</p>
                  </details>
                </li>
                <li>Geben Sie den sechsstelligen Code ein, den die App danach anzeigt.</li>
              </ol>
              <form onSubmit={confirm} noValidate className="fw-form">
                <TextField id="code" label="Code aus der Authenticator-App" hint="Sechs Ziffern, ohne Leerzeichen." error={errors.code}>
                  <input
                    {...fieldProps('code', errors.code, true)}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    {...register('code', { required: 'Bitte geben Sie den Code ein.', pattern: { value: /^\s*\d{6}\s*$/, message: 'Der Code hat sechs Ziffern.' } })}
                  />
                </TextField>
                <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
                  <span className="kern-label">Code bestätigen</span>
                </button>
              </form>
            </>
          )}
        </>
      )}
    </Page>
  );
}
