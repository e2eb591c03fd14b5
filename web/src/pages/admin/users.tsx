import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactNode, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { useSession } from '../../auth/session';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, Page } from '../../components/layout';
import { formatDateTime } from '../../format';
import { adminMessage, applyAdminError, ROLE_LABELS, STATUS_LABELS } from './common';
import { useOrganisations } from './organisations';

type User = Schemas['UserDto'];
type Role = User['roles'][number];

/** All users (GET /users): renew an open invitation, deactivate and reactivate with a reason, set the team of agency staff. */
export function UsersPage() {
  const { user: me } = useSession();
  const queries = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => dataOf(api.GET('/api/v1/users')) });
  const organisations = useOrganisations();
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: string } | null>((useLocation().state as { saved?: string } | null)?.saved ? { kind: 'success', text: (useLocation().state as { saved: string }).saved } : null);
  // one panel at a time: a (de)activation to confirm or a team to edit
  const [confirming, setConfirming] = useState<{ user: User; action: 'deactivate' | 'reactivate' | 'team' } | null>(null);
  const orgName = (id: string | null) => (id ? (organisations.data?.find((o) => o.id === id)?.name ?? '–') : 'Bewilligungsstelle');

  const renew = async (u: User) => {
    const { data, error } = await api.POST('/api/v1/users/{id}/invitation', { params: { path: { id: u.id } } });
    setMessage(data ? { kind: 'success', text: `Die Einladung an ${u.email} ist erneuert; der neue Link gilt bis ${formatDateTime(data.expiresAt)}.` } : { kind: 'danger', text: adminMessage(error!) });
  };
  const done = async (text: string) => {
    setConfirming(null);
    setMessage({ kind: 'success', text });
    await queries.invalidateQueries({ queryKey: ['users'] });
  };

  return (
    <Page title="Benutzer">
      {message && <Alert kind={message.kind} title={message.text} />}
      {confirming?.action === 'team' && <EditTeam user={confirming.user} onCancel={() => setConfirming(null)} onDone={done} />}
      {confirming && confirming.action !== 'team' && <ConfirmStatus user={confirming.user} action={confirming.action} onCancel={() => setConfirming(null)} onDone={done} />}
      <p className="kern-body">
        <Link className="kern-btn kern-btn--primary" to="/verwaltung/benutzer/einladen">
          <span className="kern-label">Benutzer einladen</span>
        </Link>
      </p>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <Alert kind="danger" title="Die Benutzer konnten nicht geladen werden." />
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Benutzer mit Rollen, Organisation, Team und Status</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Name</th>
                <th scope="col" className="kern-table__header">Rollen</th>
                <th scope="col" className="kern-table__header">Organisation</th>
                <th scope="col" className="kern-table__header">Team</th>
                <th scope="col" className="kern-table__header">Status</th>
                <th scope="col" className="kern-table__header">Aktionen</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {users.data.map((u) => (
                <tr key={u.id} className="kern-table__row">
                  <td className="kern-table__cell">
                    {u.displayName}
                    <div className="kern-body--small">{u.email}</div>
                  </td>
                  <td className="kern-table__cell">{u.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</td>
                  <td className="kern-table__cell">{orgName(u.organisationId)}</td>
                  <td className="kern-table__cell">{u.team ?? '–'}</td>
                  <td className="kern-table__cell">
                    <span className={`kern-badge kern-badge--${u.status === 'active' ? 'success' : u.status === 'disabled' ? 'danger' : 'info'}`}>
                      <span className="kern-label kern-label--small">{STATUS_LABELS[u.status] ?? u.status}</span>
                    </span>
                  </td>
                  <td className="kern-table__cell">
                    {isSystem(u) || u.id === me?.id ? (
                      <span className="kern-body--small">{isSystem(u) ? 'Systemkonto' : 'Ihr Konto'}</span>
                    ) : (
                      <div className="fw-actions">
                        {isStaff(u) && (
                          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setConfirming({ user: u, action: 'team' })}>
                            <span className="kern-label">
                              Team ändern<span className="kern-sr-only"> für {u.displayName}</span>
                            </span>
                          </button>
                        )}
                        {u.status === 'invited' && (
                          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => renew(u)}>
                            <span className="kern-label">
                              Einladung erneuern<span className="kern-sr-only"> für {u.displayName}</span>
                            </span>
                          </button>
                        )}
                        {u.status !== 'disabled' && (
                          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setConfirming({ user: u, action: 'deactivate' })} aria-label={`${u.displayName} deaktivieren`}>
                            <span className="kern-label">Deaktivieren</span>
                          </button>
                        )}
                        {u.status === 'disabled' && (
                          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => setConfirming({ user: u, action: 'reactivate' })} aria-label={`${u.displayName} reaktivieren`}>
                            <span className="kern-label">Reaktivieren</span>
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="kern-body--small">Die Rollen werden bei der Einladung festgelegt und lassen sich danach hier nicht ändern.</p>
    </Page>
  );
}

// The service's own account (it signs automatic steps) has an address that can receive no mail; it is not managed here.
const isSystem = (u: User) => u.email.endsWith('.invalid');
// applicants act for their organisation and belong to no team
const isStaff = (u: { roles: string[] }) => !u.roles.includes('applicant');

const TEAM_RULES = { maxLength: { value: 80, message: 'Der Teamname hat höchstens 80 Zeichen.' } };
const TEAM_HINT = 'Zum Beispiel „Referat 33 – Digitalisierung“; die Bearbeitungszeiten werden je Team ausgewiesen. Leer lassen für keine Zuordnung.';

/** The team of an agency employee (PATCH /users/:id); empty removes it. */
function EditTeam({ user, onCancel, onDone }: { user: User; onCancel: () => void; onDone: (text: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ team: string }>({ defaultValues: { team: user.team ?? '' } });
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(
    async ({ team }) => {
      const { data, error } = await api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { team: team.trim() || null } });
      if (error) return setSummary(applyAdminError(error, ['team'], setError));
      onDone(data!.team ? `${user.displayName} gehört jetzt zum Team „${data!.team}“.` : `${user.displayName} ist keinem Team mehr zugeordnet.`);
    },
    (invalid) => setSummary(summaryOf(invalid, ['team'])),
  );
  return (
    <UserPanel id="team-titel" kind="info" title={`Team von ${user.displayName}`} focusKey={user.id}>
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <TextField id="team" label="Team" hint={TEAM_HINT} error={errors.team}>
          <input {...fieldProps('team', errors.team, true)} autoComplete="off" {...register('team', TEAM_RULES)} />
        </TextField>
        <PanelButtons label="Team speichern" busy={isSubmitting} onCancel={onCancel} />
      </form>
    </UserPanel>
  );
}

/** A panel above the user list for one user's change; its heading takes the focus when it opens. */
function UserPanel({ id, kind, title, focusKey, children }: { id: string; kind: 'info' | 'warning'; title: string; focusKey: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [focusKey]);
  return (
    <section className={`kern-alert kern-alert--${kind} fw-confirm`} aria-labelledby={id}>
      <div className="kern-alert__header">
        <h2 id={id} ref={ref} tabIndex={-1} className="kern-title">
          {title}
        </h2>
      </div>
      <div className="kern-alert__body">{children}</div>
    </section>
  );
}

function PanelButtons({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="fw-actions">
      <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
        <span className="kern-label">{label}</span>
      </button>
      <button type="button" className="kern-btn kern-btn--secondary" onClick={onCancel}>
        <span className="kern-label">Abbrechen</span>
      </button>
    </div>
  );
}

/** Asks before a (de)activation, with the reason the audit trail keeps. */
function ConfirmStatus({ user, action, onCancel, onDone }: { user: User; action: 'deactivate' | 'reactivate'; onCancel: () => void; onDone: (text: string) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ reason: string }>();
  const { errors, isSubmitting } = formState;
  const verb = action === 'deactivate' ? 'deaktivieren' : 'reaktivieren';
  const submit = handleSubmit(
    async ({ reason }) => {
      const path = { params: { path: { id: user.id } }, body: { reason: reason.trim() } };
      const { error } = action === 'deactivate' ? await api.POST('/api/v1/users/{id}/deactivate', path) : await api.POST('/api/v1/users/{id}/reactivate', path);
      if (error) return setSummary(applyAdminError(error, ['reason'], setError));
      onDone(action === 'deactivate' ? `${user.displayName} ist deaktiviert und kann sich nicht mehr anmelden.` : `${user.displayName} ist wieder aktiv.`);
    },
    (invalid) => setSummary(summaryOf(invalid, ['reason'])),
  );
  return (
    <UserPanel id="bestaetigen-titel" kind="warning" title={`${user.displayName} ${verb}?`} focusKey={`${user.id} ${action}`}>
      <p className="kern-body">
        {action === 'deactivate'
          ? 'Die Person kann sich dann nicht mehr anmelden; laufende Sitzungen und offene Links enden sofort.'
          : 'Die Person kann sich wieder anmelden. Wer noch kein Passwort festgelegt hat, braucht danach eine erneuerte Einladung.'}
      </p>
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <TextField id="reason" label="Begründung" hint="Wird im Prüfprotokoll festgehalten." error={errors.reason}>
          <textarea {...fieldProps('reason', errors.reason, true)} rows={2} {...register('reason', { required: 'Bitte geben Sie eine Begründung an.', minLength: { value: 3, message: 'Die Begründung braucht mindestens drei Zeichen.' } })} />
        </TextField>
        <PanelButtons label={action === 'deactivate' ? 'Deaktivieren bestätigen' : 'Reaktivieren bestätigen'} busy={isSubmitting} onCancel={onCancel} />
      </form>
    </UserPanel>
  );
}

interface InviteForm {
  email: string;
  displayName: string;
  roles: Role[];
  organisationId: string;
  team: string;
}
const INVITE_FIELDS = ['email', 'displayName', 'roles', 'organisationId', 'team'] as const;

/** Invite a user (POST /users/invitations): the mail carries the link to set the password. */
export function InviteUserPage() {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const organisations = useOrganisations();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<InviteForm>({ defaultValues: { roles: [], organisationId: '', team: '' } });
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(
    async (form) => {
      const { data, error } = await api.POST('/api/v1/users/invitations', {
        body: { email: form.email.trim(), displayName: form.displayName.trim(), roles: form.roles, ...(form.organisationId ? { organisationId: form.organisationId } : {}), ...(form.team.trim() ? { team: form.team.trim() } : {}) },
      });
      if (error) return setSummary(applyAdminError(error, INVITE_FIELDS, setError));
      await queries.invalidateQueries({ queryKey: ['users'] });
      navigate('/verwaltung/benutzer', { state: { saved: `Die Einladung an ${data!.email} ist verschickt; der Link gilt bis ${formatDateTime(data!.expiresAt)}.` } });
    },
    (invalid) => setSummary(summaryOf(invalid, INVITE_FIELDS)),
  );
  return (
    <Page title="Benutzer einladen">
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <TextField id="email" label="E-Mail-Adresse" error={errors.email}>
          <input {...fieldProps('email', errors.email)} type="email" autoComplete="off" {...register('email', { required: 'Bitte geben Sie die E-Mail-Adresse ein.' })} />
        </TextField>
        <TextField id="displayName" label="Name" error={errors.displayName}>
          <input {...fieldProps('displayName', errors.displayName)} autoComplete="off" {...register('displayName', { required: 'Bitte geben Sie den Namen ein.' })} />
        </TextField>
        <fieldset className={`kern-fieldset${errors.roles ? ' kern-fieldset--error' : ''}`} id="roles" tabIndex={-1} aria-describedby={errors.roles ? 'roles-fehler' : undefined}>
          <legend className="kern-label">Rollen</legend>
          <div className="kern-fieldset__body">
            {errors.roles?.message && (
              <p className="kern-error" id="roles-fehler">
                <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                <span>{errors.roles.message}</span>
              </p>
            )}
            {Object.entries(ROLE_LABELS).map(([role, label]) => (
              <div key={role} className="kern-form-check">
                <input className="kern-form-check__checkbox" type="checkbox" id={`rolle-${role}`} value={role} {...register('roles', { validate: (v) => v.length > 0 || 'Bitte wählen Sie mindestens eine Rolle.' })} />
                <label className="kern-label" htmlFor={`rolle-${role}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className={`kern-form-input${errors.organisationId ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="organisationId">
            Organisation
          </label>
          <div className="kern-hint" id="organisationId-hinweis">
            Für Antragsteller: die Organisation, für die sie handeln. Mitarbeitende der Bewilligungsstelle brauchen keine.
          </div>
          <div className="kern-form-input__select-wrapper">
            <select {...fieldProps('organisationId', errors.organisationId, true)} className="kern-form-input__select" {...register('organisationId')}>
              <option value="">Keine (Bewilligungsstelle)</option>
              {organisations.data?.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          {errors.organisationId?.message && (
            <p className="kern-error" id="organisationId-fehler">
              <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
              <span>{errors.organisationId.message}</span>
            </p>
          )}
        </div>
        <TextField id="team" label="Team (optional)" hint={`Nur für Mitarbeitende der Bewilligungsstelle. ${TEAM_HINT}`} error={errors.team}>
          <input {...fieldProps('team', errors.team, true)} autoComplete="off" {...register('team', TEAM_RULES)} />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">Einladung verschicken</span>
        </button>
      </form>
      <p className="kern-body">
        <Link className="kern-link" to="/verwaltung/benutzer">
          Zurück zu den Benutzern
        </Link>
      </p>
    </Page>
  );
}
