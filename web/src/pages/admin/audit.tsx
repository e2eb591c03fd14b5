import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf } from '../../api/query';
import { Alert, Loading, Page } from '../../components/layout';
import { formatCents, formatDateTime } from '../../format';
import { adminMessage } from './common';

const BREAK: Record<string, string> = {
  sequence_gap: 'Davor fehlen Einträge (Lücke in der Nummerierung).',
  prev_hash_mismatch: 'Der Eintrag verweist nicht auf den Hash seines Vorgängers.',
  hash_mismatch: 'Der Inhalt des Eintrags passt nicht zu seinem Hash: Er wurde nachträglich verändert.',
};
const CONFLICT: Record<string, string> = {
  entries_missing: 'Die Datenbank hat weniger Einträge, als der Prüfpunkt bestätigt: Einträge wurden gelöscht.',
  hash_differs: 'Der Hash des Eintrags in der Datenbank weicht vom signierten Prüfpunkt ab: Die Kette wurde umgeschrieben.',
};
const REJECTED: Record<string, string> = { malformed: 'nicht lesbar', unknown_key: 'mit unbekanntem Schlüssel signiert', bad_signature: 'Signatur ungültig' };

/** The audit trail's verification (GET /audit/verify) in plain words, and signing a checkpoint of the chain head on demand. */
export function AuditPage() {
  const verification = useQuery({ queryKey: ['audit', 'verify'], queryFn: () => dataOf(api.GET('/api/v1/audit/verify')), retry: false });
  const [signed, setSigned] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const [signing, setSigning] = useState(false);

  const sign = async () => {
    setSigning(true);
    const { data, error } = await api.POST('/api/v1/audit/checkpoints');
    setSigning(false);
    setSigned(data ? { kind: 'success', text: `Prüfpunkt zu Eintrag Nr. ${data.seq} signiert (Schlüssel ${data.keyId}).` } : { kind: 'danger', text: adminMessage(error!) });
    await verification.refetch();
  };

  return (
    <Page title="Prüfprotokoll verifizieren">
      <p className="kern-body">
        Jeder Eintrag des Prüfprotokolls trägt den Hash seines Vorgängers. Die Prüfung rechnet die ganze Kette nach und vergleicht sie mit den signierten Prüfpunkten, die außerhalb der Datenbank liegen.
      </p>
      {verification.isPending || verification.isFetching ? (
        <Loading />
      ) : verification.isError ? (
        <Alert kind="danger" title="Die Prüfung konnte nicht ausgeführt werden." />
      ) : (
        <Result v={verification.data} />
      )}
      {signed && <Alert kind={signed.kind} title={signed.text} />}
      <div className="fw-actions">
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => verification.refetch()} disabled={verification.isFetching}>
          <span className="kern-label">Erneut prüfen</span>
        </button>
        <button type="button" className="kern-btn kern-btn--primary" onClick={sign} disabled={signing}>
          <span className="kern-label">Prüfpunkt jetzt signieren</span>
        </button>
      </div>
      <p className="kern-body">
        <Link className="kern-link" to="/pruefung/vorgaenge">
          Zu den Vorgängen (nur lesend)
        </Link>
      </p>
    </Page>
  );
}

const entries = (n: number) => (n === 1 ? '1 Eintrag' : `${n.toLocaleString('de-DE')} Einträge`);

function Result({ v }: { v: Schemas['AuditVerificationDto'] }) {
  const { checkpoints: cp } = v;
  return (
    <>
      {v.intact ? (
        <Alert kind="success" title="Das Prüfprotokoll ist intakt.">
          <p className="kern-body">
            {entries(v.entries)} geprüft; {cp.checked === 1 ? 'ein signierter Prüfpunkt bestätigt' : `${cp.checked} signierte Prüfpunkte bestätigen`} die Kette.
          </p>
        </Alert>
      ) : (
        <Alert kind="danger" title="Das Prüfprotokoll ist nicht intakt.">
          {v.firstBroken && (
            <p className="kern-body">
              Eintrag Nr. {v.firstBroken.seq} bricht die Kette: {BREAK[v.firstBroken.problem] ?? v.firstBroken.problem} {entries(v.entries)} davor {v.entries === 1 ? 'ist' : 'sind'} intakt.
            </p>
          )}
          {cp.contradicted && (
            <p className="kern-body">
              Der Prüfpunkt zu Eintrag Nr. {cp.contradicted.checkpoint.seq} vom {formatDateTime(cp.contradicted.checkpoint.at)} widerspricht der Datenbank: {CONFLICT[cp.contradicted.problem] ?? cp.contradicted.problem}{' '}
              (Letzter Eintrag in der Datenbank: Nr. {cp.contradicted.headSeq}.)
            </p>
          )}
          {cp.rejected.length > 0 && <p className="kern-body">{cp.rejected.length} Prüfpunkte sind ungültig (siehe unten).</p>}
        </Alert>
      )}
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Intakte Einträge</dt>
          <dd className="kern-description-list-item__value">{v.entries.toLocaleString('de-DE')}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Gültige Prüfpunkte</dt>
          <dd className="kern-description-list-item__value">{cp.checked}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Letzter Prüfpunkt</dt>
          <dd className="kern-description-list-item__value">{cp.latest ? `Eintrag Nr. ${cp.latest.seq}, signiert am ${formatDateTime(cp.latest.at)}` : 'noch keiner'}</dd>
        </div>
      </dl>
      {cp.rejected.length > 0 && (
        <>
          <h2 className="kern-heading-medium">Ungültige Prüfpunkte</h2>
          <ul className="kern-list">
            {cp.rejected.map((r) => (
              <li key={r.line}>
                Zeile {r.line} der Prüfpunktdatei: {REJECTED[r.reason] ?? r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Read-only case list for the auditor (GET /cases, paged); each case opens its timeline and letters. */
export function AuditCasesPage() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const cases = useQuery({ queryKey: ['cases', 'audit', page, search], queryFn: () => dataOf(api.GET('/api/v1/cases', { params: { query: { page, pageSize: 20, sort: 'createdAt', order: 'desc', ...(search ? { q: search } : {}) } } })) });
  const pages = cases.data ? Math.max(1, Math.ceil(cases.data.total / cases.data.pageSize)) : 1;
  // beyond 10,000 cases the API stops counting: "mehr als", and the next page is always there
  const more = !!cases.data?.totalIsLowerBound;
  return (
    <Page title="Vorgänge">
      <p className="kern-body">Alle Vorgänge, nur lesend. Ein Vorgang zeigt seinen Verlauf und seine Bescheide.</p>
      <form
        className="fw-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setSearch(q.trim());
        }}
      >
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="suche">
            Titel oder Aktenzeichen
          </label>
          <input id="suche" className="kern-form-input__input" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">Suchen</span>
        </button>
      </form>
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <Alert kind="danger" title="Die Vorgänge konnten nicht geladen werden." />
      ) : cases.data.items.length === 0 ? (
        <p className="kern-body">Keine Vorgänge gefunden.</p>
      ) : (
        <>
          <p className="kern-body" role="status">
            {cases.data.total === 1 && !more ? '1 Vorgang' : `${more ? 'Mehr als ' : ''}${cases.data.total.toLocaleString('de-DE')} Vorgänge`}
            {search ? ` zu „${search}“` : ''}
          </p>
          <div className="kern-table-responsive">
            <table className="kern-table">
              <caption className="kern-sr-only">Vorgänge, die neuesten zuerst</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">Vorgang</th>
                  <th scope="col" className="kern-table__header">Antragsteller</th>
                  <th scope="col" className="kern-table__header">Förderaufruf</th>
                  <th scope="col" className="kern-table__header">Stand</th>
                  <th scope="col" className="kern-table__header fw-number">Zuwendung</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {cases.data.items.map((c) => (
                  <tr key={c.id} className="kern-table__row">
                    <td className="kern-table__cell">
                      <Link className="kern-link" to={`/faelle/${c.id}`}>
                        {c.fileNumber ?? 'Entwurf'}
                      </Link>
                      {c.title && <div className="kern-body--small">{c.title}</div>}
                    </td>
                    <td className="kern-table__cell">{c.organisationName}</td>
                    <td className="kern-table__cell">{c.callCode}</td>
                    <td className="kern-table__cell">{c.stateLabel}</td>
                    <td className="kern-table__cell fw-number">{c.grantCents == null ? '–' : formatCents(c.grantCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(pages > 1 || more) && (
            <nav aria-label="Seiten" className="fw-actions">
              <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                <span className="kern-label">Vorherige Seite</span>
              </button>
              <span className="kern-body">
                Seite {page} von {more ? `mehr als ${pages}` : pages}
              </span>
              <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" disabled={page >= pages && !more} onClick={() => setPage(page + 1)}>
                <span className="kern-label">Nächste Seite</span>
              </button>
            </nav>
          )}
        </>
      )}
    </Page>
  );
}
