import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { ErrorSummary } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { formatCents } from '../../format';
import { AttachmentsEditor } from './attachments';
import { FinancingPlan, PlanFigures } from './financing-plan';
import { DraftModel, SaveState, Stage, useDraft } from './use-draft';
import { fieldId, FormField, guideOf, OPTION_LABELS, problemText, Proposal } from './texts';

const STEPS = [
  { slug: 'projekt', title: 'Vorhaben' },
  { slug: 'finanzplan', title: 'Kosten- und Finanzierungsplan' },
  { slug: 'unterlagen', title: 'Unterlagen' },
  { slug: 'pruefen', title: 'Prüfen und einreichen' },
] as const;
type Step = (typeof STEPS)[number]['slug'];

const NAME: Record<Stage, string> = { concept: 'Projektskizze', application: 'Antrag' };
// German grammar of the two words (die Projektskizze, der Antrag).
const WORDS: Record<Stage, { your: string; the: string; this: string; of: string; it: string }> = {
  concept: { your: 'Ihre Projektskizze', the: 'Die Projektskizze', this: 'Diese Projektskizze', of: 'der Projektskizze', it: 'sie' },
  application: { your: 'Ihr Antrag', the: 'Der Antrag', this: 'Dieser Antrag', of: 'des Antrags', it: 'ihn' },
};
export const SEGMENT: Record<Stage, string> = { concept: 'skizze', application: 'antrag' };
const PROPOSAL_PATH = { concept: '/api/v1/cases/{id}/concept', application: '/api/v1/cases/{id}/application' } as const;

/** The page of the editor an API field path is entered on (for links from the problems). */
export function stepOf(field: string | undefined): Step {
  if (!field) return 'projekt';
  if (field.startsWith('attachments.')) return 'unterlagen';
  if (/^(costs|ownContributionCents|thirdPartyFunds|requestedRatesBp|fundingStart|fundingEnd|iban|accountHolder)\b/.test(field)) return 'finanzplan';
  return 'projekt';
}

/** The concept or formal application of a case across its pages (/faelle/:id/skizze/:step, /faelle/:id/antrag/:step). */
export function ProposalEditorPage({ stage }: { stage: Stage }) {
  const { id = '', step = 'projekt' } = useParams();
  const proposal = useQuery({
    queryKey: ['cases', id, stage],
    queryFn: () => dataOf(api.GET(PROPOSAL_PATH[stage], { params: { path: { id } } })),
    retry: false,
    // The editor keeps its own copy while typing; it loads afresh when opened.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    gcTime: 0,
  });
  if (!STEPS.some((s) => s.slug === step)) return <NotFound />;
  if (proposal.isPending) return <Loading />;
  if (proposal.isError) return isNotFound(proposal.error) ? <NotFound /> : <Alert kind="danger" title="Der Entwurf konnte nicht geladen werden." />;
  return <Editor key={`${id}/${stage}`} caseId={id} stage={stage} initial={proposal.data} step={step as Step} />;
}

function Editor({ caseId, stage, initial, step }: { caseId: string; stage: Stage; initial: Proposal; step: Step }) {
  const guide = useMemo(() => guideOf(initial), [initial]);
  const draft = useDraft(caseId, stage, initial, guide.fields);
  const navigate = useNavigate();
  const location = useLocation();
  const { server, model } = draft;
  const editable = server.editable;
  const base = `/faelle/${caseId}/${SEGMENT[stage]}`;
  const current = STEPS.find((s) => s.slug === step)!;

  const fieldErrors = useMemo(() => {
    const byField: Record<string, string> = {};
    for (const p of draft.errors) if (p.field) byField[p.field] ??= problemText(p, guide.fields, guide.attachmentTypes);
    return byField;
  }, [draft.errors, guide]);
  const summary = useMemo(
    () => draft.errors.map((p) => ({ field: p.field ? fieldId(p.field) : undefined, message: problemText(p, guide.fields, guide.attachmentTypes) })),
    [draft.errors, guide],
  );

  // A link from the problems page lands on its field.
  useEffect(() => {
    if (!location.hash) return;
    const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }, [step, location.hash]);

  const summaryRef = useRef<HTMLDivElement>(null);
  // Autosave never moves the focus; an explicit save or page change that the API refused stays here and focuses the summary.
  const saveNow = async () => {
    await draft.flush();
    if (draft.wasRefused()) summaryRef.current?.focus();
    return !draft.wasRefused();
  };
  const go = async (slug: string) => {
    if (await saveNow()) navigate(`${base}/${slug}`);
  };
  const index = STEPS.indexOf(current);

  return (
    <Page title={`${NAME[stage]}: ${current.title}`}>
      <p className="kern-preline">{server.case.fileNumber ? `Vorgang ${server.case.fileNumber}` : server.case.title}</p>
      <nav aria-label={`Seiten ${WORDS[stage].of}`}>
        <ol className="fw-steps">
          {STEPS.map((s, i) => (
            <li key={s.slug}>
              <a
                className="kern-link"
                href={`${base}/${s.slug}`}
                aria-current={s.slug === step ? 'step' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  void go(s.slug);
                }}
              >
                {i + 1}. {s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {!editable && (
        <Alert kind="info" title={`${WORDS[stage].this} kann nicht mehr geändert werden.`}>
          <p className="kern-body">
            {stage === 'concept' ? 'Sie ist' : 'Er ist'} eingereicht oder der Vorgang ist in einem anderen Schritt. <Link className="kern-link" to={`/faelle/${caseId}`}>Zum Vorgang</Link>
          </p>
        </Alert>
      )}
      {draft.state.kind === 'conflict' && (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-title">{WORDS[stage].the} wurde inzwischen an anderer Stelle geändert</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">
              Jemand hat eine neuere Fassung gespeichert, zum Beispiel Sie selbst in einem anderen Browserfenster. Ihre Eingaben auf dieser Seite sind
              noch nicht gespeichert und bleiben unten sichtbar. Laden Sie die gespeicherte Fassung (Ihre ungespeicherten Eingaben gehen dann verloren) oder
              speichern Sie Ihre Eingaben über die neuere Fassung.
            </p>
            <div className="fw-actions">
              <button type="button" className="kern-btn kern-btn--primary" onClick={() => void draft.loadStored()}>
                <span className="kern-label">Gespeicherte Fassung laden</span>
              </button>
              <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void draft.keepMine()}>
                <span className="kern-label">Meine Eingaben speichern</span>
              </button>
            </div>
          </div>
        </div>
      )}
      <ErrorSummary items={summary} focusOnChange={false} summaryRef={summaryRef} />
      <fieldset className="kern-fieldset fw-editor" disabled={!editable}>
        <legend className="fw-visually-hidden">{current.title}</legend>
        {step === 'projekt' && <ProjectStep model={draft.model} update={draft.update} fields={guide.fields} variants={guide.variants} errors={fieldErrors} />}
        {step === 'finanzplan' && (
          <FinanceStep stage={stage} model={model} update={draft.update} categories={guide.categories} errors={fieldErrors} server={server} />
        )}
      </fieldset>
      {step === 'unterlagen' && <AttachmentsEditor caseId={caseId} types={guide.attachmentTypes} editable={editable} onChanged={() => void draft.refresh()} />}
      {step === 'pruefen' && <ReviewStep stage={stage} caseId={caseId} base={base} server={server} flush={draft.flush} fields={guide.fields} attachmentTypes={guide.attachmentTypes} />}
      <SaveStatus state={draft.state} />
      <div className="fw-actions">
        {index > 0 && (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void go(STEPS[index - 1].slug)}>
            <span className="kern-label">Zurück</span>
          </button>
        )}
        {index < STEPS.length - 1 && (
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void go(STEPS[index + 1].slug)}>
            <span className="kern-label">Speichern und weiter</span>
          </button>
        )}
        {editable && (step === 'projekt' || step === 'finanzplan') && (
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void saveNow()}>
            <span className="kern-label">Jetzt speichern</span>
          </button>
        )}
      </div>
    </Page>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving'
      ? 'Wird gespeichert …'
      : state.kind === 'saved'
        ? `Gespeichert um ${state.at.toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit', second: '2-digit' })} Uhr.`
        : state.kind === 'failed'
          ? 'Nicht gespeichert: Bitte prüfen Sie die markierten Angaben.'
          : state.kind === 'conflict'
            ? 'Nicht gespeichert: Es gibt eine neuere Fassung.'
            : 'Ihre Eingaben werden automatisch gespeichert.';
  return (
    <p className="kern-body--small" role="status" data-testid="speicherstand">
      {text}
    </p>
  );
}

type Update = (next: DraftModel, key: string) => void;

function ProjectStep({ model, update, fields, variants, errors }: { model: DraftModel; update: Update; fields: FormField[]; variants: ReturnType<typeof guideOf>['variants']; errors: Record<string, string> }) {
  return (
    <div className="fw-form">
      <Field id={fieldId('variant')} label="Art des Vorhabens" error={errors.variant}>
        {(p) => (
          <div className="kern-form-input__select-wrapper">
            <select {...p} className="kern-form-input__select" value={model.variant} onChange={(e) => update({ ...model, variant: e.target.value }, 'variant')}>
              <option value="">Bitte wählen</option>
              {variants.map((v) => (
                <option key={v.code} value={v.code}>
                  {v.label}
                  {v.maxGrantCents !== undefined ? ` (höchstens ${formatCents(v.maxGrantCents)})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <Field id={fieldId('locationAgs')} label="Amtlicher Gemeindeschlüssel (AGS) des Standorts" hint="8 Ziffern, zum Beispiel 14522360 für Mittweida" error={errors.locationAgs}>
        {(p) => <input {...p} type="text" inputMode="numeric" maxLength={8} value={model.locationAgs} onChange={(e) => update({ ...model, locationAgs: e.target.value }, 'locationAgs')} />}
      </Field>
      {fields.map((f) => (
        <FormFieldInput key={f.key} field={f} value={model.fields[f.key] ?? ''} error={errors[`fields.${f.key}`]} onChange={(v) => update({ ...model, fields: { ...model.fields, [f.key]: v } }, `fields.${f.key}`)} />
      ))}
    </div>
  );
}

function FormFieldInput({ field, value, error, onChange }: { field: FormField; value: string; error?: string; onChange: (v: string) => void }) {
  const id = fieldId(`fields.${field.key}`);
  const label = `${field.label}${field.required ? '' : ' (freiwillig)'}`;
  if (field.type === 'boolean') {
    return (
      <fieldset className={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} aria-describedby={error ? `${id}-fehler` : undefined}>
        <legend className="kern-label">{label}</legend>
        <div className="kern-fieldset__body kern-fieldset__body--horizontal">
          {[
            ['true', 'Ja'],
            ['false', 'Nein'],
          ].map(([v, text]) => (
            <div className="kern-form-check" key={v}>
              <input className="kern-form-check__radio" type="radio" id={v === 'true' ? id : `${id}-nein`} name={id} checked={value === v} onChange={() => onChange(v)} />
              <label className="kern-label" htmlFor={v === 'true' ? id : `${id}-nein`}>
                {text}
              </label>
            </div>
          ))}
        </div>
        {error && <ErrorText id={id} text={error} />}
      </fieldset>
    );
  }
  return (
    <Field id={id} label={label} error={error}>
      {(p) =>
        field.type === 'textarea' ? (
          <textarea {...p} rows={4} maxLength={field.maxLength} value={value} onChange={(e) => onChange(e.target.value)} />
        ) : field.type === 'select' ? (
          <div className="kern-form-input__select-wrapper">
            <select {...p} className="kern-form-input__select" value={value} onChange={(e) => onChange(e.target.value)}>
              <option value="">Bitte wählen</option>
              {(field.options ?? []).map((o) => (
                <option key={o} value={o}>
                  {OPTION_LABELS[o] ?? o}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input
            {...p}
            type={field.type === 'date' ? 'date' : field.type === 'email' ? 'email' : 'text'}
            inputMode={field.type === 'integer' || field.type === 'number' ? 'decimal' : undefined}
            maxLength={field.maxLength}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

function FinanceStep({ stage, model, update, categories, errors, server }: { stage: Stage; model: DraftModel; update: Update; categories: ReturnType<typeof guideOf>['categories']; errors: Record<string, string>; server: Proposal }) {
  const figures: PlanFigures = {
    grantCents: server.grantCents,
    ownContributionCents: server.ownContributionCents,
    thirdPartyCents: server.thirdPartyFunds.reduce((s, f) => s + f.amountCents, 0),
    calculation: server.calculation as PlanFigures['calculation'],
  };
  return (
    <>
      <FinancingPlan value={model} onChange={(plan, key) => update({ ...model, ...plan }, key)} categories={categories} errors={errors} figures={figures} />
      {stage === 'application' && (
        <>
          <h2 className="kern-heading-medium">Bewilligungszeitraum und Bankverbindung</h2>
          <div className="fw-form">
            <Field id={fieldId('fundingStart')} label="Beginn des Bewilligungszeitraums" error={errors.fundingStart}>
              {(p) => <input {...p} type="date" value={model.fundingStart} onChange={(e) => update({ ...model, fundingStart: e.target.value }, 'fundingStart')} />}
            </Field>
            <Field id={fieldId('fundingEnd')} label="Ende des Bewilligungszeitraums" error={errors.fundingEnd}>
              {(p) => <input {...p} type="date" value={model.fundingEnd} onChange={(e) => update({ ...model, fundingEnd: e.target.value }, 'fundingEnd')} />}
            </Field>
            <Field id={fieldId('iban')} label="IBAN" error={errors.iban}>
              {(p) => <input {...p} type="text" autoComplete="off" value={model.iban} onChange={(e) => update({ ...model, iban: e.target.value }, 'iban')} />}
            </Field>
            <Field id={fieldId('accountHolder')} label="Kontoinhaberin oder Kontoinhaber" error={errors.accountHolder}>
              {(p) => <input {...p} type="text" value={model.accountHolder} onChange={(e) => update({ ...model, accountHolder: e.target.value }, 'accountHolder')} />}
            </Field>
          </div>
        </>
      )}
    </>
  );
}

function ReviewStep({
  stage,
  caseId,
  base,
  server,
  flush,
  fields,
  attachmentTypes,
}: {
  stage: Stage;
  caseId: string;
  base: string;
  server: Proposal;
  flush: () => Promise<void>;
  fields: FormField[];
  attachmentTypes: ReturnType<typeof guideOf>['attachmentTypes'];
}) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [failed, setFailed] = useState<string>();
  const [busy, setBusy] = useState(false);
  const problems = server.problems;
  const submit = async () => {
    setBusy(true);
    setFailed(undefined);
    await flush();
    const path = stage === 'concept' ? '/api/v1/cases/{id}/concept/submit' : '/api/v1/cases/{id}/application/submit';
    const { data, error } = await api.POST(path, { params: { path: { id: caseId } } });
    setBusy(false);
    if (data) {
      await queries.invalidateQueries({ queryKey: ['cases', caseId] });
      navigate(`/faelle/${caseId}`, { state: { message: `${WORDS[stage].your} ist eingereicht.` } });
    } else setFailed(error?.code === 'CHECKS_FAILED' ? 'Die Prüfung hat noch Mängel gefunden. Bitte laden Sie die Seite neu.' : problemText({ code: error?.code ?? 'SUBMIT_FAILED' }));
  };
  return (
    <>
      {server.grantCents !== null && <p className="kern-body">Berechnete Zuwendung: <strong>{formatCents(server.grantCents)}</strong></p>}
      {problems.length ? (
        <>
          <h2 className="kern-heading-medium">Noch {problems.length === 1 ? 'ein Punkt' : `${problems.length} Punkte`} vor dem Einreichen</h2>
          <ul className="kern-list" data-testid="maengel">
            {problems.map((p, i) => (
              <li key={i}>
                <Link className="kern-link" to={`${base}/${stepOf(p.field)}#${fieldId(p.field)}`}>
                  {problemText(p, fields, attachmentTypes)}
                </Link>
              </li>
            ))}
          </ul>
          <p className="kern-body">Sie können einreichen, sobald alle Punkte erledigt sind.</p>
        </>
      ) : (
        <Alert kind="success" title={`${WORDS[stage].your} ist vollständig.`}>
          <p className="kern-body">Nach dem Einreichen können Sie {WORDS[stage].it} nicht mehr ändern.</p>
        </Alert>
      )}
      {failed && <Alert kind="danger" title={failed} />}
      {server.editable && (
        <button type="button" className="kern-btn kern-btn--primary" disabled={busy || problems.length > 0} onClick={() => void submit()}>
          <span className="kern-label">{NAME[stage]} einreichen</span>
        </button>
      )}
    </>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: (p: { id: string; className: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => React.ReactNode }) {
  const describedBy = [hint ? `${id}-hinweis` : '', error ? `${id}-fehler` : ''].filter(Boolean).join(' ') || undefined;
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
      {children({ id, className: `kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && <ErrorText id={id} text={error} />}
    </div>
  );
}

function ErrorText({ id, text }: { id: string; text: string }) {
  return (
    <p className="kern-error" id={`${id}-fehler`}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}
