import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, Schemas } from '../api/client';
import { dataOf } from '../api/query';
import { ErrorSummary, fieldProps, germanMessage, summaryOf, SummaryItem, TextField } from '../components/forms';
import { Alert } from '../components/layout';
import { formatDay } from '../format';

type Duty = Schemas['ReportingDutyDto'];

const label = (d: Duty) => (d.kind === 'final' ? 'Verwendungsnachweis' : `Zwischennachweis ${d.periodEnd.slice(0, 4)}`);

const status = (d: Duty) => (d.fulfilledAt ? 'eingereicht' : d.overdue ? 'überfällig' : 'offen');

/**
 * "Nachweispflichten": the proofs a case owes (interim proofs, the final proof of use) with their due dates, for the
 * recipient and the agency; caseworkers move a due date with a reason (`extend`). Nothing shows before the project starts.
 */
export function ReportingDutiesSection({ caseId, canExtend }: { caseId: string; canExtend: boolean }) {
  const duties = useQuery({ queryKey: ['reporting-duties', caseId], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/reporting-duties', { params: { path: { id: caseId } } })) });
  const [done, setDone] = useState<string | null>(null);
  if (duties.isPending || duties.isError || duties.data.length === 0) return null;
  const open = duties.data.filter((d) => !d.fulfilledAt);
  return (
    <section aria-labelledby={`pflichten-${caseId}`} className="fw-casework-section">
      <h2 id={`pflichten-${caseId}`} className="kern-heading-medium">
        Nachweispflichten
      </h2>
      {done && <Alert kind="success" title={done} />}
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small">
          <caption className="kern-sr-only">Nachweise mit ihren Fristen</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Nachweis</th>
              <th scope="col" className="kern-table__header">Vorzulegen bis</th>
              <th scope="col" className="kern-table__header">Stand</th>
              {canExtend && <th scope="col" className="kern-table__header"><span className="kern-sr-only">Eingang</span></th>}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {duties.data.map((d) => (
              <tr key={d.id} className="kern-table__row">
                <td className="kern-table__cell">{label(d)}</td>
                <td className="kern-table__cell">
                  {formatDay(d.dueOn)}
                  {d.dueOn !== d.originalDueOn && (
                    <div className="kern-body--small">
                      verlängert (ursprünglich {formatDay(d.originalDueOn)}){d.extensionReason ? `: ${d.extensionReason}` : ''}
                    </div>
                  )}
                </td>
                <td className="kern-table__cell">{status(d)}</td>
                {canExtend && (
                  <td className="kern-table__cell">
                    {d.kind === 'interim' && !d.fulfilledAt && <ReceivedButton duty={d} onDone={setDone} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canExtend && open.length > 0 && <ExtendForm caseId={caseId} duties={open} onDone={setDone} />}
    </section>
  );
}

/** Interim proofs are filed outside the system: the caseworker records that one came in. */
function ReceivedButton({ duty, onDone }: { duty: Duty; onDone: (message: string) => void }) {
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const record = async () => {
    setBusy(true);
    const { error } = await api.POST('/api/v1/reporting-duties/{id}/received', { params: { path: { id: duty.id } } });
    setBusy(false);
    onDone(error ? germanMessage({ code: error.code }) : `Eingang vermerkt: ${label(duty)}.`);
    await queries.invalidateQueries({ queryKey: ['reporting-duties', duty.caseId] });
  };
  return (
    <button type="button" className="kern-btn kern-btn--tertiary" disabled={busy} onClick={() => void record()}>
      <span className="kern-label">Eingang vermerken: {label(duty)}</span>
    </button>
  );
}

interface Form {
  dutyId: string;
  dueOn: string;
  reason: string;
}

function ExtendForm({ caseId, duties, onDone }: { caseId: string; duties: Duty[]; onDone: (message: string) => void }) {
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const ids = { dutyId: `frist-nachweis-${caseId}`, dueOn: `frist-datum-${caseId}`, reason: `frist-grund-${caseId}` };
  const { register, handleSubmit, setError, reset, formState } = useForm<Form>({ defaultValues: { dutyId: duties[0].id, dueOn: '', reason: '' } });
  const { errors, isSubmitting } = formState;
  const submit = handleSubmit(
    async (form) => {
      const { data, error } = await api.POST('/api/v1/reporting-duties/{id}/extend', { params: { path: { id: form.dutyId } }, body: { dueOn: form.dueOn, reason: form.reason.trim() } });
      if (error) {
        const message = error.code === 'DUE_DATE_NOT_LATER' ? 'Die neue Frist muss nach der bisherigen liegen.' : germanMessage({ code: error.code });
        const field = error.code === 'DUE_DATE_NOT_LATER' ? 'dueOn' : undefined;
        if (field) setError(field, { type: 'server', message });
        return setSummary([{ field: field ? ids[field] : undefined, message }]);
      }
      setSummary([]);
      reset({ dutyId: form.dutyId, dueOn: '', reason: '' });
      onDone(`Die Frist für den ${label(data!)} ist bis ${formatDay(data!.dueOn)} verlängert.`);
      await queries.invalidateQueries({ queryKey: ['reporting-duties', caseId] });
    },
    (invalid) => setSummary(summaryOf(invalid, ['dueOn', 'reason']).map((s) => ({ ...s, field: s.field ? ids[s.field as keyof typeof ids] : undefined }))),
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-label="Frist eines Nachweises verlängern">
      <h3 className="kern-title kern-title--small">Frist verlängern</h3>
      <ErrorSummary items={summary} />
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={ids.dutyId}>
          Nachweis
        </label>
        <div className="kern-form-input__select-wrapper">
          <select id={ids.dutyId} className="kern-form-input__select" {...register('dutyId')}>
            {duties.map((d) => (
              <option key={d.id} value={d.id}>
                {label(d)} (bis {formatDay(d.dueOn)})
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextField id={ids.dueOn} label="Neue Frist" error={errors.dueOn}>
        <input {...fieldProps(ids.dueOn, errors.dueOn)} type="date" {...register('dueOn', { required: 'Bitte geben Sie die neue Frist an.' })} />
      </TextField>
      <TextField id={ids.reason} label="Begründung" error={errors.reason} hint="Wird im Vorgang vermerkt und ist für die Antragstellenden sichtbar.">
        <textarea
          {...fieldProps(ids.reason, errors.reason, true)}
          className={`kern-form-input__input${errors.reason ? ' kern-form-input__input--error' : ''}`}
          rows={3}
          {...register('reason', { required: 'Bitte begründen Sie die Verlängerung.', minLength: { value: 5, message: 'Bitte begründen Sie die Verlängerung (mindestens 5 Zeichen).' } })}
        />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--secondary" disabled={isSubmitting}>
        <span className="kern-label">Frist verlängern</span>
      </button>
    </form>
  );
}
