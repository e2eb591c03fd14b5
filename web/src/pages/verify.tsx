import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, Schemas } from '../api/client';
import { Alert, Page } from '../components/layout';
import { applyApiError, ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../components/forms';
import { formatDay } from '../format';

type Result = { genuine: false } | { genuine: true; fileNumber?: string; issuedOn?: string; issuer?: string; title?: string; verificationCode?: string };

const NOTICE_NOT_FOUND = { genuine: false } as const;

/** Public: is a notice genuine? By the code printed on each page, or by the PDF itself (hashed by the server). */
export function VerifyPage() {
  const [result, setResult] = useState<Result | null>(null); // null also while a new check runs
  return (
    <Page title="Bescheid prüfen">
      <p className="kern-body">Prüfen Sie, ob ein Bescheid wirklich von uns stammt: mit dem Prüfcode, der auf jeder Seite des Bescheids steht, oder mit der PDF-Datei selbst.</p>
      {result && <Outcome result={result} />}
      <div className="fw-columns">
        <ByCode onResult={setResult} />
        <ByFile onResult={setResult} />
      </div>
    </Page>
  );
}

function Outcome({ result }: { result: Result }) {
  if (!result.genuine)
    return (
      <Alert kind="danger" title="Kein Bescheid von uns">
        <p className="kern-body">Zu diesen Angaben haben wir keinen Bescheid ausgestellt. Ein veränderter Bescheid ist nicht echt.</p>
      </Alert>
    );
  return (
    <Alert kind="success" title="Dieser Bescheid ist echt">
      <p className="kern-body">
        {[result.title, result.fileNumber && `Aktenzeichen ${result.fileNumber}`, result.issuedOn && `vom ${formatDay(result.issuedOn)}`, result.issuer && `ausgestellt von ${result.issuer}`].filter(Boolean).join(', ')}
      </p>
    </Alert>
  );
}

const CODE = /^FW-[0-9A-F]{4}(-[0-9A-F]{4}){3}$/i;

function ByCode({ onResult }: { onResult: (r: Result | null) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const initial = new URLSearchParams(window.location.search).get('code') ?? '';
  const { register, handleSubmit, setError, formState } = useForm<{ code: string }>({ defaultValues: { code: initial } });
  const submit = handleSubmit(
    async ({ code }) => {
      setSummary([]);
      onResult(null);
      const { data, error, response } = await api.GET('/api/v1/notices/verify', { params: { query: { code: code.trim().toUpperCase() } } });
      if (data) onResult(data as Schemas['VerifiedNoticeDto']);
      else if (response.status === 404) onResult(NOTICE_NOT_FOUND);
      else setSummary(applyApiError(error!, ['code'], setError));
    },
    (invalid) => {
      onResult(null);
      setSummary(summaryOf(invalid, ['code']));
    },
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-labelledby="nach-code">
      <h2 id="nach-code" className="kern-heading-medium">
        Mit dem Prüfcode
      </h2>
      <ErrorSummary items={summary} />
      <TextField id="code" label="Prüfcode" hint="Er steht unten auf jeder Seite, zum Beispiel FW-3A7C-0B12-9F4E-D865." error={formState.errors.code}>
        <input {...fieldProps('code', formState.errors.code, true)} autoComplete="off" spellCheck={false} {...register('code', {
            required: 'Bitte geben Sie den Prüfcode ein.',
            validate: (c) => CODE.test(c.trim()) || 'Der Prüfcode hat die Form FW- und viermal vier Zeichen (0–9, A–F), zum Beispiel FW-3A7C-0B12-9F4E-D865.',
          })} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Code prüfen</span>
      </button>
    </form>
  );
}

function ByFile({ onResult }: { onResult: (r: Result | null) => void }) {
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<{ file: FileList }>();
  const submit = handleSubmit(
    async ({ file }) => {
      setSummary([]);
      onResult(null);
      const { data, error } = await api.POST('/api/v1/notices/verify', {
        body: file[0] as unknown as string,
        bodySerializer: (body) => body as unknown as BodyInit,
        headers: { 'content-type': 'application/pdf' },
      });
      if (data) onResult(data);
      else if (error.code === 'PAYLOAD_TOO_LARGE') {
        setError('file', { type: 'server', message: 'Die Datei ist zu groß für einen Bescheid (höchstens 5 MB).' });
        setSummary([{ field: 'file', message: 'Die Datei ist zu groß für einen Bescheid (höchstens 5 MB).' }]);
      } else setSummary(applyApiError(error, ['file'], setError));
    },
    (invalid) => {
      onResult(null);
      setSummary(summaryOf(invalid, ['file']));
    },
  );
  return (
    <form onSubmit={submit} noValidate className="fw-form" aria-labelledby="nach-datei">
      <h2 id="nach-datei" className="kern-heading-medium">
        Mit der PDF-Datei
      </h2>
      <ErrorSummary items={summary} />
      <TextField id="file" label="Bescheid als PDF-Datei" hint="Die Datei wird nur geprüft, nicht gespeichert." error={formState.errors.file as never}>
        <input {...fieldProps('file', formState.errors.file as never, true)} type="file" accept="application/pdf,.pdf" {...register('file', { validate: (f) => f.length > 0 || 'Bitte wählen Sie eine PDF-Datei aus.' })} />
      </TextField>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={formState.isSubmitting}>
        <span className="kern-label">Datei prüfen</span>
      </button>
    </form>
  );
}
