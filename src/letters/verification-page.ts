// The public page a verification URL printed on a letter opens: server-rendered, German, accessible, without any
// script (the Content-Security-Policy allows none). It knows letters only by what is printed on them.
import { formatDate } from '../platform/format';

export type VerificationOutcome =
  | { status: 'genuine'; code: string; issuer: string; title: string; fileNumber: string; issuedOn: string; sha256: string }
  | { status: 'not_found'; code: string }
  | { status: 'invalid'; code: string; errorCode: string }
  | { status: 'form' };

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; margin: 0; background: #f5f5f5; }
  main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border: 1px solid #ccc; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  .result { padding: 1rem; border-left: 6px solid; margin: 1rem 0; }
  .genuine { border-color: #0a6b2d; background: #e8f5ec; }
  .not-found, .invalid { border-color: #a40e26; background: #fbeaec; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { font: inherit; padding: .4rem; width: 100%; max-width: 24rem; box-sizing: border-box; border: 2px solid #555; }
  button { font: inherit; margin-top: .75rem; padding: .4rem 1.2rem; background: #1b4f8a; color: #fff; border: 0; cursor: pointer; }
  input:focus, button:focus { outline: 3px solid #f5a700; outline-offset: 2px; }
`;

/** The page for an outcome, with the HTTP status it is served with. */
export function verificationPage(outcome: VerificationOutcome): { status: number; html: string } {
  const code = outcome.status === 'form' ? '' : outcome.code;
  let status = 200;
  let result = '';
  if (outcome.status === 'genuine') {
    result = `<div class="result genuine" role="status">
      <h2>Echt: Dieses Dokument wurde von ${escape(outcome.issuer)} ausgestellt.</h2>
      <dl>
        <dt>Dokument</dt><dd>${escape(outcome.title)}</dd>
        <dt>Aktenzeichen</dt><dd>${escape(outcome.fileNumber)}</dd>
        <dt>Datum</dt><dd>${escape(formatDate(outcome.issuedOn))}</dd>
        <dt>Prüfcode</dt><dd>${escape(outcome.code)}</dd>
        <dt>SHA-256 der PDF-Datei</dt><dd><code>${escape(outcome.sha256)}</code></dd>
      </dl>
      <p>Stimmen Aktenzeichen, Datum und Art des Dokuments mit Ihrem Exemplar überein, ist es echt. Eine elektronische Kopie ist unverändert, wenn ihr SHA-256-Wert dem angegebenen entspricht.</p>
    </div>`;
  } else if (outcome.status === 'not_found') {
    status = 404;
    result = `<div class="result not-found" role="alert">
      <h2>Nicht gefunden: Zu diesem Prüfcode gibt es kein Dokument.</h2>
      <p>Der Prüfcode <strong>${escape(outcome.code)}</strong> gehört zu keinem hier ausgestellten Dokument. Bitte prüfen Sie die Eingabe. Stimmt sie mit dem Ausdruck überein, ist das Dokument nicht echt.</p>
    </div>`;
  } else if (outcome.status === 'invalid') {
    status = 400;
    result = `<div class="result invalid" role="alert">
      <h2>Ungültiger Prüfcode</h2>
      <p>„${escape(outcome.code)}“ ist kein Prüfcode. Ein Prüfcode hat die Form <strong>FW-XXXX-XXXX-XXXX-XXXX</strong> (Ziffern 0–9 und Buchstaben A–F) und steht am Fuß jeder Seite.</p>
      <p>Fehlercode: <code>${escape(outcome.errorCode)}</code></p>
    </div>`;
  }
  const html = `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Echtheit eines Dokuments prüfen – Förderwerk</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Echtheit eines Dokuments prüfen</h1>
${result}
<form method="get" action="/verify">
  <label for="code">Prüfcode (steht am Fuß jeder Seite)</label>
  <input id="code" name="code" type="text" value="${escape(code)}" autocomplete="off" spellcheck="false" placeholder="FW-XXXX-XXXX-XXXX-XXXX" aria-describedby="code-hint">
  <p id="code-hint">Form: FW-XXXX-XXXX-XXXX-XXXX</p>
  <button type="submit">Prüfen</button>
</form>
</main>
</body>
</html>
`;
  return { status, html };
}
