import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { Alert, Loading, Page } from '../components/layout';
import { applyApiError, ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../components/forms';

// The pages behind the links in the invitation and password-reset mails, at the paths the mails have always used.
const MIN = 12;
const MAX = 128;
const FIELDS = ['password', 'passwordRepeat'] as const;

interface Form {
  password: string;
  passwordRepeat: string;
}

type Kind = 'invitation' | 'password-reset';

interface Flow {
  title: string;
  intro: string;
  submit: string;
  done: string;
  again: string;
  check: (token: string) => Promise<ApiError | undefined>;
  apply: (token: string, password: string) => Promise<ApiError | undefined>;
}

const FLOWS: Record<Kind, Flow> = {
  invitation: {
    title: 'Einladung annehmen',
    intro: 'Willkommen bei Förderwerk. Legen Sie ein Passwort fest, um Ihr Konto zu aktivieren.',
    submit: 'Passwort festlegen',
    done: 'Ihr Passwort ist festgelegt und Ihr Konto aktiv. Sie können sich jetzt mit Ihrer E-Mail-Adresse und dem neuen Passwort anmelden.',
    again: 'Bitte bitten Sie die Verwaltung um eine neue Einladung.',
    check: async (token) => (await api.POST('/api/v1/auth/invitations/check', { body: { token } })).error,
    apply: async (token, password) => (await api.POST('/api/v1/auth/invitations/accept', { body: { token, password } })).error,
  },
  'password-reset': {
    title: 'Neues Passwort festlegen',
    intro: 'Legen Sie ein neues Passwort für Ihr Konto bei Förderwerk fest. Danach sind Sie auf allen Geräten abgemeldet.',
    submit: 'Neues Passwort speichern',
    done: 'Ihr neues Passwort ist gespeichert. Sie können sich jetzt mit Ihrer E-Mail-Adresse und dem neuen Passwort anmelden.',
    again: 'Bitte fordern Sie ein neues Passwort erneut an.',
    check: async (token) => (await api.POST('/api/v1/auth/password-reset/check', { body: { token } })).error,
    apply: async (token, password) => (await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } })).error,
  },
};

/** Why a link cannot be used (404 unknown, 410 used/replaced/expired, 400 malformed), in German. */
function refusal(kind: Kind, code: string): string | undefined {
  const again = FLOWS[kind].again;
  const why: Record<string, string> = {
    INVITATION_NOT_FOUND: `Diesen Einladungslink kennen wir nicht. ${again}`,
    INVITATION_USED: 'Diese Einladung wurde bereits angenommen. Sie können sich mit Ihrem Passwort anmelden.',
    INVITATION_REVOKED: 'Diese Einladung wurde durch eine neuere ersetzt. Bitte verwenden Sie den Link aus der neuesten E-Mail.',
    INVITATION_EXPIRED: `Diese Einladung ist abgelaufen. ${again}`,
    PASSWORD_RESET_NOT_FOUND: `Diesen Link kennen wir nicht. ${again}`,
    PASSWORD_RESET_USED: `Dieser Link wurde bereits verwendet. ${again}`,
    PASSWORD_RESET_EXPIRED: `Dieser Link ist abgelaufen. ${again}`,
  };
  return why[code];
}

const INCOMPLETE = 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail vollständig.';

export function LinkPasswordPage({ kind }: { kind: Kind }) {
  const flow = FLOWS[kind];
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const wellFormed = /^[A-Za-z0-9_-]{20,200}$/.test(token);
  // undefined: being checked; null: usable; a text: why it cannot be used
  const [refused, setRefused] = useState<string | null | undefined>(wellFormed ? undefined : INCOMPLETE);
  const [done, setDone] = useState(false);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, getValues, formState } = useForm<Form>();
  const { errors, isSubmitting } = formState;

  useEffect(() => {
    if (!wellFormed) return;
    let current = true;
    void flow.check(token).then((error) => {
      if (current) setRefused(error ? (refusal(kind, error.code) ?? (error.code === 'VALIDATION_FAILED' ? INCOMPLETE : `Der Link kann nicht verwendet werden. ${flow.again}`)) : null);
    });
    return () => {
      current = false;
    };
  }, [flow, kind, token, wellFormed]);

  const submit = handleSubmit(
    async (form) => {
      const error = await flow.apply(token, form.password);
      if (!error) return setDone(true);
      const why = refusal(kind, error.code);
      if (why) return setRefused(why); // the link stopped working meanwhile
      setSummary(applyApiError(error, FIELDS, setError));
    },
    (invalid) => setSummary(summaryOf(invalid, FIELDS)),
  );

  return (
    <Page title={flow.title}>
      {refused === undefined ? (
        <Loading />
      ) : refused ? (
        <Alert kind="danger" title="Der Link kann nicht verwendet werden">
          <p className="kern-body">{refused}</p>
          <p className="kern-body">
            {kind === 'password-reset' ? (
              <Link className="kern-link" to="/passwort-vergessen">
                Neuen Link anfordern
              </Link>
            ) : (
              <Link className="kern-link" to="/anmelden">
                Zur Anmeldung
              </Link>
            )}
          </p>
        </Alert>
      ) : done ? (
        <Alert kind="success" title="Passwort gespeichert">
          <p className="kern-body">{flow.done}</p>
          <p className="kern-body">
            <Link className="kern-link" to="/anmelden">
              Zur Anmeldung
            </Link>
          </p>
        </Alert>
      ) : (
        <>
          <ErrorSummary items={summary} />
          <p className="kern-body">{flow.intro}</p>
          <form onSubmit={submit} noValidate className="fw-form">
            <TextField id="password" label="Neues Passwort" hint={`Mindestens ${MIN} Zeichen; kein verbreitetes Passwort, nicht Ihre E-Mail-Adresse oder Ihr Name.`} error={errors.password}>
              <input
                {...fieldProps('password', errors.password, true)}
                type="password"
                autoComplete="new-password"
                {...register('password', {
                  required: 'Bitte geben Sie ein neues Passwort ein.',
                  minLength: { value: MIN, message: `Das Passwort muss mindestens ${MIN} Zeichen lang sein.` },
                  maxLength: { value: MAX, message: `Das Passwort darf höchstens ${MAX} Zeichen lang sein.` },
                })}
              />
            </TextField>
            <TextField id="passwordRepeat" label="Neues Passwort wiederholen" hint="Zur Sicherheit noch einmal dasselbe Passwort." error={errors.passwordRepeat}>
              <input
                {...fieldProps('passwordRepeat', errors.passwordRepeat, true)}
                type="password"
                autoComplete="new-password"
                {...register('passwordRepeat', {
                  required: 'Bitte wiederholen Sie das neue Passwort.',
                  validate: (value) => value === getValues('password') || 'Die beiden Passwörter stimmen nicht überein.',
                })}
              />
            </TextField>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
              <span className="kern-label">{flow.submit}</span>
            </button>
          </form>
        </>
      )}
    </Page>
  );
}

