import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FieldErrors, useFieldArray, useForm } from 'react-hook-form';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents, formatDateTime, formatDay } from '../../format';
import { applyAdminError, centsToInput, dayFromToday, parseEuro } from './common';

type CallDetail = Schemas['CallDetailDto'];

const STATUS: Record<string, string> = { upcoming: 'Noch nicht offen', open: 'Offen', closed: 'Geschlossen' };
const useGuidelines = () => useQuery({ queryKey: ['guidelines'], queryFn: () => dataOf(api.GET('/api/v1/guidelines')) });

/** Every call of every guideline in force (upcoming, open, closed), to open a new one or steer one. */
export function AdminCallsPage() {
  const guidelines = useGuidelines();
  const calls = useQueries({
    queries: (guidelines.data ?? []).map((g) => ({
      queryKey: ['guidelines', g.code, 'calls'],
      queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls', { params: { path: { code: g.code } } })),
    })),
  });
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  return (
    <Page title="Förderaufrufe steuern">
      {saved && <Alert kind="success" title={saved} />}
      <p className="kern-body">
        <Link className="kern-btn kern-btn--primary" to="/verwaltung/aufrufe/neu">
          <span className="kern-label">Förderaufruf eröffnen</span>
        </Link>
      </p>
      {guidelines.isPending || calls.some((c) => c.isPending) ? (
        <Loading />
      ) : guidelines.isError || calls.some((c) => c.isError) ? (
        <Alert kind="danger" title="Die Förderaufrufe konnten nicht geladen werden." />
      ) : (
        guidelines.data.map((g, i) => (
          <section key={g.code} aria-labelledby={`richtlinie-${g.code}`}>
            <h2 className="kern-heading-medium" id={`richtlinie-${g.code}`}>
              {g.title}
            </h2>
            {calls[i].data!.length === 0 ? (
              <p className="kern-body">Zu dieser Richtlinie gibt es noch keinen Förderaufruf.</p>
            ) : (
              <div className="kern-table-responsive">
                <table className="kern-table">
                  <caption className="kern-sr-only">Förderaufrufe der {g.title}</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th scope="col" className="kern-table__header">Förderaufruf</th>
                      <th scope="col" className="kern-table__header">Einreichung</th>
                      <th scope="col" className="kern-table__header">Stand</th>
                      <th scope="col" className="kern-table__header fw-number">Budget</th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {calls[i].data!.map((c) => (
                      <tr key={c.callCode} className="kern-table__row">
                        <td className="kern-table__cell">
                          <Link className="kern-link" to={`/verwaltung/aufrufe/${g.code}/${c.callCode}`}>
                            {c.title}
                          </Link>
                          <div className="kern-body--small">Kürzel {c.callCode}</div>
                        </td>
                        <td className="kern-table__cell">
                          {formatDay(c.opensOn)} bis {formatDay(c.deadline)}
                        </td>
                        <td className="kern-table__cell">{STATUS[c.status] ?? c.status}</td>
                        <td className="kern-table__cell fw-number">{formatCents(c.totalBudgetCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))
      )}
    </Page>
  );
}

interface OpenForm {
  guideline: string;
  code: string;
  title: string;
  opensOn: string;
  deadline: string;
  budgets: { fiscalYear: string; amount: string }[];
}

/** Open a call from the guideline's template with its dates and the budget per fiscal year (POST …/calls). */
export function OpenCallPage() {
  const guidelines = useGuidelines();
  if (guidelines.isPending) return <Loading />;
  if (guidelines.isError) return <Alert kind="danger" title="Die Richtlinien konnten nicht geladen werden." />;
  return <OpenCallForm guidelines={guidelines.data} />;
}

function OpenCallForm({ guidelines }: { guidelines: Schemas['GuidelineSummaryDto'][] }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const year = new Date().getFullYear();
  const { register, control, handleSubmit, setError, formState } = useForm<OpenForm>({
    defaultValues: { guideline: guidelines[0]?.code ?? '', opensOn: dayFromToday(0), deadline: dayFromToday(90), budgets: [{ fiscalYear: String(year + 1), amount: '' }] },
  });
  const budgets = useFieldArray({ control, name: 'budgets' });
  const { errors, isSubmitting } = formState;
  const budgetFields = budgets.fields.flatMap((_, i) => [`budgets.${i}.fiscalYear`, `budgets.${i}.amount`] as const);
  const fields = ['guideline', 'code', 'title', 'opensOn', 'deadline', ...budgetFields] as const;

  const submit = handleSubmit(
    async (form) => {
      const code = form.guideline;
      const { data, error } = await api.POST('/api/v1/guidelines/{code}/calls', {
        params: { path: { code } },
        body: { code: form.code.trim(), title: form.title.trim(), opensOn: form.opensOn, deadline: form.deadline, budgets: form.budgets.map((b) => ({ fiscalYear: Number(b.fiscalYear), amountCents: parseEuro(b.amount) })) },
      });
      if (error) {
        // the API names budgets.0.amountCents; the form calls it budgets.0.amount
        const map = Object.fromEntries(form.budgets.map((_, i) => [`budgets.${i}.amountCents`, `budgets.${i}.amount`])) as Record<string, (typeof fields)[number]>;
        return setSummary(applyAdminError(error, fields, setError, map));
      }
      await queries.invalidateQueries({ queryKey: ['guidelines'] });
      navigate(`/verwaltung/aufrufe/${code}/${data!.callCode}`, { state: { saved: `Der Förderaufruf „${data!.title}“ ist eröffnet.` } });
    },
    (invalid) => setSummary(summaryOf(flatErrors(invalid) as FieldErrors, fields)),
  );

  return (
    <Page title="Förderaufruf eröffnen">
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="guideline">
            Richtlinie
          </label>
          <div className="kern-form-input__select-wrapper">
            <select id="guideline" className="kern-form-input__select" {...register('guideline')}>
              {guidelines.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.title}
                </option>
              ))}
            </select>
          </div>
        </div>
        <TextField id="title" label="Titel" error={errors.title}>
          <input {...fieldProps('title', errors.title)} {...register('title', { required: 'Bitte geben Sie den Titel des Förderaufrufs ein.' })} />
        </TextField>
        <TextField id="code" label="Kürzel" hint="Buchstaben, Ziffern und Bindestriche, z. B. 2027-1; eindeutig in der Richtlinie." error={errors.code}>
          <input
            {...fieldProps('code', errors.code, true)}
            {...register('code', { required: 'Bitte geben Sie ein Kürzel ein.', pattern: { value: /^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, message: 'Das Kürzel darf nur Buchstaben, Ziffern und Bindestriche enthalten (höchstens 40).' } })}
          />
        </TextField>
        <TextField id="opensOn" label="Beginn der Einreichung" error={errors.opensOn}>
          <input {...fieldProps('opensOn', errors.opensOn)} type="date" {...register('opensOn', { required: 'Bitte geben Sie den Beginn an.' })} />
        </TextField>
        <TextField id="deadline" label="Stichtag" hint="Einreichung bis zum Ende dieses Tages." error={errors.deadline}>
          <input {...fieldProps('deadline', errors.deadline, true)} type="date" {...register('deadline', { required: 'Bitte geben Sie den Stichtag an.' })} />
        </TextField>
        <fieldset className="kern-fieldset">
          <legend className="kern-title kern-title--small">Budget je Haushaltsjahr</legend>
          <div className="kern-fieldset__body">
            {budgets.fields.map((f, i) => {
              const e = errors.budgets?.[i];
              return (
                <div key={f.id} className="fw-budget-row">
                  <TextField id={`budgets.${i}.fiscalYear`} label={`Haushaltsjahr (Zeile ${i + 1})`} error={e?.fiscalYear}>
                    <input {...fieldProps(`budgets.${i}.fiscalYear`, e?.fiscalYear)} inputMode="numeric" {...register(`budgets.${i}.fiscalYear`, { required: 'Bitte geben Sie das Haushaltsjahr an.', pattern: { value: /^20\d\d$/, message: 'Das Haushaltsjahr hat vier Ziffern, z. B. 2027.' } })} />
                  </TextField>
                  <TextField id={`budgets.${i}.amount`} label={`Betrag in Euro (Zeile ${i + 1})`} error={e?.amount}>
                    <input {...fieldProps(`budgets.${i}.amount`, e?.amount)} inputMode="decimal" {...register(`budgets.${i}.amount`, { validate: (v) => !Number.isNaN(parseEuro(v)) || 'Bitte geben Sie einen Betrag in Euro an, z. B. 1.000.000,00.' })} />
                  </TextField>
                  {budgets.fields.length > 1 && (
                    <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => budgets.remove(i)}>
                      <span className="kern-label">Zeile {i + 1} entfernen</span>
                    </button>
                  )}
                </div>
              );
            })}
            <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" onClick={() => budgets.append({ fiscalYear: String(year + 1 + budgets.fields.length), amount: '' })}>
              <span className="kern-label">Haushaltsjahr hinzufügen</span>
            </button>
          </div>
        </fieldset>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">Förderaufruf eröffnen</span>
        </button>
      </form>
      <p className="kern-body">
        <Link className="kern-link" to="/verwaltung/aufrufe">
          Zurück zu den Förderaufrufen
        </Link>
      </p>
    </Page>
  );
}

/** react-hook-form nests the errors of budgets.0.amount; the summary wants them flat under their field names. */
function flatErrors(errors: object, prefix = ''): Record<string, { message?: string }> {
  return Object.entries(errors).reduce<Record<string, { message?: string }>>((all, [key, value]) => {
    if (!value || typeof value !== 'object' || key === 'ref') return all;
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof (value as { message?: unknown }).message === 'string') all[name] = value as { message: string };
    else Object.assign(all, flatErrors(value, name));
    return all;
  }, {});
}

/** One call: its dates and budgets, moving the dates and setting a fiscal year's budget, each with a reason; the history of changes. */
export function SteerCallPage() {
  const { code = '', call = '' } = useParams();
  const detail = useQuery({
    queryKey: ['guidelines', code, 'calls', call],
    queryFn: () => dataOf(api.GET('/api/v1/guidelines/{code}/calls/{call}', { params: { path: { code, call } } })),
    retry: false,
  });
  const [saved, setSaved] = useState<string | undefined>((useLocation().state as { saved?: string } | null)?.saved);
  if (detail.isPending) return <Loading />;
  if (detail.isError) return isNotFound(detail.error) ? <NotFound /> : <Alert kind="danger" title="Der Förderaufruf konnte nicht geladen werden." />;
  const c = detail.data;
  return (
    <Page title={c.title}>
      {saved && <Alert kind="success" title={saved} />}
      <dl className="kern-description-list">
        <Item term="Richtlinie">{c.guidelineTitle}</Item>
        <Item term="Einreichung">
          vom {formatDay(c.opensOn)} bis {formatDay(c.deadline)}
        </Item>
        <Item term="Stand">{STATUS[c.status] ?? c.status}{c.closeReason ? ` (${c.closeReason})` : ''}</Item>
        <Item term="Budget gesamt">{formatCents(c.totalBudgetCents)}</Item>
      </dl>
      <h2 className="kern-heading-medium">Budget je Haushaltsjahr</h2>
      <table className="kern-table">
        <caption className="kern-sr-only">Budget je Haushaltsjahr</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Haushaltsjahr</th>
            <th scope="col" className="kern-table__header fw-number">Budget</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {c.budgets.map((b) => (
            <tr key={b.fiscalYear} className="kern-table__row">
              <td className="kern-table__cell">{b.fiscalYear}</td>
              <td className="kern-table__cell fw-number">{formatCents(b.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.status !== 'closed' && (
        <>
          <div className="fw-columns">
            <ChangeDates call={c} onSaved={setSaved} />
            <SetBudget call={c} onSaved={setSaved} />
          </div>
          <CloseCall call={c} onSaved={setSaved} />
        </>
      )}
      <h2 className="kern-heading-medium">Änderungen</h2>
      {c.changes?.length ? (
        <ol className="fw-timeline">
          {c.changes.map((ch, i) => (
            <li key={i}>
              <time dateTime={String(ch.occurredAt)} className="kern-body--small">
                {formatDateTime(String(ch.occurredAt))}
              </time>
              <p className="kern-body">{describeChange(ch)}</p>
              {ch.reason && <p className="kern-body--small">Begründung: {ch.reason}</p>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="kern-body">Noch keine Änderungen.</p>
      )}
      <p className="kern-body">
        <Link className="kern-link" to="/verwaltung/aufrufe">
          Zurück zu den Förderaufrufen
        </Link>
      </p>
    </Page>
  );
}

function describeChange(ch: Schemas['CallChangeDto']): string {
  if (ch.kind === 'opened') return 'Förderaufruf eröffnet';
  if (ch.kind === 'closed') return 'Förderaufruf vorzeitig geschlossen';
  if (ch.kind === 'budget') {
    const b = ch.changes as { fiscalYear?: number; fromCents?: number | null; toCents?: number };
    return `Budget ${b.fiscalYear ?? ''}: ${b.fromCents == null ? 'neu' : formatCents(b.fromCents)} → ${b.toCents == null ? '–' : formatCents(b.toCents)}`;
  }
  const labels: Record<string, string> = { deadline: 'Stichtag', opensOn: 'Beginn', title: 'Titel' };
  const show = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) ? formatDay(v) : String(v ?? '–'));
  const parts = Object.entries(ch.changes as Record<string, { from?: unknown; to?: unknown }>).map(([k, v]) => `${labels[k] ?? k}: ${show(v?.from)} → ${show(v?.to)}`);
  return `Geändert (${parts.join('; ')})`;
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

interface DatesForm {
  opensOn: string;
  deadline: string;
  datesReason: string;
}

function ChangeDates({ call, onSaved }: { call: CallDetail; onSaved: (text: string) => void }) {
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, setValue, formState } = useForm<DatesForm>({ defaultValues: { opensOn: call.opensOn.slice(0, 10), deadline: call.deadline.slice(0, 10) } });
  const { errors, isSubmitting } = formState;
  const fields = ['opensOn', 'deadline', 'datesReason'] as const;
  const submit = handleSubmit(
    async (form) => {
      const body = {
        reason: form.datesReason.trim(),
        ...(form.opensOn !== call.opensOn.slice(0, 10) ? { opensOn: form.opensOn } : {}),
        ...(form.deadline !== call.deadline.slice(0, 10) ? { deadline: form.deadline } : {}),
      };
      const { error } = await api.PATCH('/api/v1/guidelines/{code}/calls/{call}', { params: { path: { code: call.guidelineCode, call: call.callCode } }, body });
      if (error) return setSummary(applyAdminError(error, fields, setError, { reason: 'datesReason' }));
      setSummary([]);
      await queries.invalidateQueries({ queryKey: ['guidelines', call.guidelineCode, 'calls'] });
      setValue('datesReason', '');
      onSaved('Die Termine sind geändert.');
    },
    (invalid) => setSummary(summaryOf(invalid, fields)),
  );
  return (
    <section aria-labelledby="termine-titel">
      <h2 className="kern-heading-medium" id="termine-titel">
        Termine ändern
      </h2>
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <TextField id="opensOn" label="Beginn der Einreichung" error={errors.opensOn}>
          <input {...fieldProps('opensOn', errors.opensOn)} type="date" {...register('opensOn', { required: 'Bitte geben Sie den Beginn an.' })} />
        </TextField>
        <TextField id="deadline" label="Stichtag" error={errors.deadline}>
          <input {...fieldProps('deadline', errors.deadline)} type="date" {...register('deadline', { required: 'Bitte geben Sie den Stichtag an.' })} />
        </TextField>
        <TextField id="datesReason" label="Begründung der Terminänderung" hint="Wird beim Förderaufruf und im Prüfprotokoll gezeigt." error={errors.datesReason}>
          <textarea {...fieldProps('datesReason', errors.datesReason, true)} rows={2} {...register('datesReason', { required: 'Bitte begründen Sie die Änderung.', minLength: { value: 5, message: 'Die Begründung braucht mindestens fünf Zeichen.' } })} />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">Termine speichern</span>
        </button>
      </form>
    </section>
  );
}

interface BudgetForm {
  fiscalYear: string;
  amount: string;
  budgetReason: string;
}

function SetBudget({ call, onSaved }: { call: CallDetail; onSaved: (text: string) => void }) {
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const first = call.budgets[0];
  const { register, handleSubmit, setError, setValue, formState } = useForm<BudgetForm>({ defaultValues: { fiscalYear: String(first?.fiscalYear ?? new Date().getFullYear() + 1), amount: first ? centsToInput(first.amountCents) : '' } });
  const { errors, isSubmitting } = formState;
  const fields = ['fiscalYear', 'amount', 'budgetReason'] as const;
  const submit = handleSubmit(
    async (form) => {
      const { error } = await api.PUT('/api/v1/guidelines/{code}/calls/{call}/budgets/{fiscalYear}', {
        params: { path: { code: call.guidelineCode, call: call.callCode, fiscalYear: Number(form.fiscalYear) } },
        body: { amountCents: parseEuro(form.amount), reason: form.budgetReason.trim() },
      });
      if (error) return setSummary(applyAdminError(error, fields, setError, { amountCents: 'amount', reason: 'budgetReason' }));
      setSummary([]);
      await queries.invalidateQueries({ queryKey: ['guidelines', call.guidelineCode, 'calls'] });
      setValue('budgetReason', '');
      onSaved(`Das Budget ${form.fiscalYear} ist auf ${formatCents(parseEuro(form.amount))} gesetzt.`);
    },
    (invalid) => setSummary(summaryOf(invalid, fields)),
  );
  return (
    <section aria-labelledby="budget-titel">
      <h2 className="kern-heading-medium" id="budget-titel">
        Budget setzen
      </h2>
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        <TextField id="fiscalYear" label="Haushaltsjahr" hint="Ein neues Jahr wird hinzugefügt." error={errors.fiscalYear}>
          <input {...fieldProps('fiscalYear', errors.fiscalYear, true)} inputMode="numeric" {...register('fiscalYear', { required: 'Bitte geben Sie das Haushaltsjahr an.', pattern: { value: /^20\d\d$/, message: 'Das Haushaltsjahr hat vier Ziffern, z. B. 2027.' } })} />
        </TextField>
        <TextField id="amount" label="Budget in Euro" hint="Nie unter den schon gebundenen Mitteln des Jahres." error={errors.amount}>
          <input {...fieldProps('amount', errors.amount, true)} inputMode="decimal" {...register('amount', { validate: (v) => !Number.isNaN(parseEuro(v)) || 'Bitte geben Sie einen Betrag in Euro an, z. B. 1.000.000,00.' })} />
        </TextField>
        <TextField id="budgetReason" label="Begründung der Budgetänderung" error={errors.budgetReason}>
          <textarea {...fieldProps('budgetReason', errors.budgetReason)} rows={2} {...register('budgetReason', { required: 'Bitte begründen Sie die Änderung.', minLength: { value: 5, message: 'Die Begründung braucht mindestens fünf Zeichen.' } })} />
        </TextField>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">Budget speichern</span>
        </button>
      </form>
    </section>
  );
}

/** Closing before the deadline cannot be undone: the form opens only on request and names the consequence. */
function CloseCall({ call, onSaved }: { call: CallDetail; onSaved: (text: string) => void }) {
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ closeReason: string }>();
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(
    async ({ closeReason }) => {
      const { error } = await api.POST('/api/v1/guidelines/{code}/calls/{call}/close', { params: { path: { code: call.guidelineCode, call: call.callCode } }, body: { reason: closeReason.trim() } });
      if (error) return setSummary(applyAdminError(error, ['closeReason'], setError, { reason: 'closeReason' }));
      await queries.invalidateQueries({ queryKey: ['guidelines', call.guidelineCode, 'calls'] });
      onSaved('Der Förderaufruf ist geschlossen. Neue Projektskizzen können nicht mehr eingereicht werden.');
    },
    (invalid) => setSummary(summaryOf(invalid, ['closeReason'])),
  );
  return (
    <section aria-labelledby="schliessen-titel">
      <h2 className="kern-heading-medium" id="schliessen-titel">
        Vorzeitig schließen
      </h2>
      <p className="kern-body">Nach dem Schließen nimmt der Förderaufruf keine Projektskizzen mehr an; die Jury kann sofort mit der Rangfolge beginnen. Das lässt sich nicht rückgängig machen.</p>
      {!open ? (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setOpen(true)}>
          <span className="kern-label">Förderaufruf schließen …</span>
        </button>
      ) : (
        <>
          <ErrorSummary items={summary} />
          <form onSubmit={submit} noValidate className="fw-form">
            <TextField id="closeReason" label="Begründung für das Schließen" error={errors.closeReason}>
              <textarea
                {...fieldProps('closeReason', errors.closeReason)}
                rows={2}
                autoFocus
                {...register('closeReason', { required: 'Bitte begründen Sie das Schließen.', minLength: { value: 5, message: 'Die Begründung braucht mindestens fünf Zeichen.' } })}
              />
            </TextField>
            <div className="fw-actions">
              <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
                <span className="kern-label">Jetzt endgültig schließen</span>
              </button>
              <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setOpen(false)}>
                <span className="kern-label">Abbrechen</span>
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
