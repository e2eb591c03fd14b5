import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DragEvent, useState } from 'react';
import { api, authorisedFetch, download, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { AttachmentType, fieldId, formatBytes, mediaLabel, problemText } from './texts';

type Attachment = Schemas['AttachmentViewDto'];

/** Uploads one file (multipart field "file"); answers the stored attachment or the API's error code. */
export async function uploadFile(caseId: string, type: string, file: File, informationRequestId?: string): Promise<{ ok: true; attachment: Attachment } | { ok: false; code: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const query = new URLSearchParams({ type, ...(informationRequestId ? { informationRequestId } : {}) });
  const res = await authorisedFetch(new Request(new URL(`/api/v1/cases/${caseId}/attachments?${query}`, window.location.origin), { method: 'POST', body: form }));
  const body = await res.json().catch(() => ({}));
  return res.ok ? { ok: true, attachment: body as Attachment } : { ok: false, code: (body as { code?: string }).code ?? `HTTP_${res.status}` };
}

export function useAttachments(caseId: string) {
  return useQuery({ queryKey: ['cases', caseId, 'attachments'], queryFn: () => dataOf(api.GET('/api/v1/cases/{id}/attachments', { params: { path: { id: caseId } } })) });
}

/** The attachment types of a stage, each with its files, a drop zone and a normal file input (keyboard). */
export function AttachmentsEditor({ caseId, types, editable, onChanged }: { caseId: string; types: AttachmentType[]; editable: boolean; onChanged: () => void }) {
  const files = useAttachments(caseId);
  return (
    <>
      {types.map((t) => (
        <AttachmentSlot key={t.code} caseId={caseId} type={t} editable={editable} files={(files.data ?? []).filter((f) => f.type === t.code && !f.informationRequestId)} onChanged={onChanged} />
      ))}
    </>
  );
}

function AttachmentSlot({ caseId, type, files, editable, onChanged }: { caseId: string; type: AttachmentType; files: Attachment[]; editable: boolean; onChanged: () => void }) {
  const queries = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const id = fieldId(`attachments.${type.code}`);
  const reload = async () => {
    await queries.invalidateQueries({ queryKey: ['cases', caseId, 'attachments'] });
    onChanged();
  };
  const send = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy(true);
    setError(undefined);
    for (const file of Array.from(list)) {
      const res = await uploadFile(caseId, type.code, file);
      if (!res.ok) setError(`${file.name}: ${problemText({ code: res.code, field: 'file' })}`);
    }
    setBusy(false);
    await reload();
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (editable) void send(e.dataTransfer.files);
  };
  const remove = async (a: Attachment) => {
    await api.DELETE('/api/v1/cases/{id}/attachments/{attachmentId}', { params: { path: { id: caseId, attachmentId: a.id } } });
    await reload();
  };
  return (
    <section className="kern-card fw-card" aria-labelledby={`${id}-titel`}>
      <div className="kern-card__container">
        <h2 className="kern-title" id={`${id}-titel`}>
          {type.label} {type.required ? '(Pflicht)' : '(freiwillig)'}
        </h2>
        <p className="kern-body--small" id={`${id}-hinweis`}>
          Erlaubt: {type.mediaTypes.map(mediaLabel).join(', ')}; höchstens {formatBytes(type.maxBytes)} je Datei.
        </p>
        {files.length > 0 && (
          <ul className="kern-list">
            {files.map((f) => (
              <li key={f.id} className="fw-file">
                <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void download(`/api/v1/cases/${caseId}/attachments/${f.id}/content`, f.filename)}>
                  <span className="kern-label">{f.filename}</span>
                </button>
                <span>
                  ({mediaLabel(f.mediaType)}, {formatBytes(f.sizeBytes)})
                </span>
                {editable && (
                  <button type="button" className="kern-btn kern-btn--tertiary" aria-label={`Entfernen: ${f.filename}`} onClick={() => void remove(f)}>
                    <span className="kern-label">Entfernen</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <div
            className={`fw-dropzone${over ? ' fw-dropzone--over' : ''}`}
            data-testid={`ablage-${type.code}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={drop}
          >
            <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
              <label className="kern-label" htmlFor={id}>
                Datei für „{type.label}“ auswählen oder hierher ziehen
              </label>
              <input
                id={id}
                type="file"
                multiple
                className="kern-form-input__input"
                accept={type.mediaTypes.join(',')}
                aria-describedby={[`${id}-hinweis`, error ? `${id}-fehler` : ''].filter(Boolean).join(' ')}
                aria-invalid={error ? true : undefined}
                disabled={busy}
                onChange={(e) => {
                  void send(e.target.files);
                  e.target.value = '';
                }}
              />
              {error && (
                <p className="kern-error" id={`${id}-fehler`} role="alert">
                  <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                  <span>{error}</span>
                </p>
              )}
            </div>
            {busy && (
              <p className="kern-body--small" role="status">
                Wird hochgeladen …
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
