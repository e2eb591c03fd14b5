import { Link } from 'react-router-dom';
import { Page } from '../components/layout';

/** Erklärung zur Barrierefreiheit (BITV 2.0 § 7, BGG § 12b). */
export function AccessibilityPage() {
  return (
    <Page title="Erklärung zur Barrierefreiheit">
      <p className="kern-body">
        Förderwerk soll für alle Menschen nutzbar sein. Diese Erklärung gilt für die Weboberfläche von Förderwerk und richtet sich nach der
        Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und den Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA.
      </p>
      <h2 className="kern-heading-medium">Stand der Vereinbarkeit</h2>
      <p className="kern-body">
        Die Weboberfläche ist mit der BITV 2.0 teilweise vereinbar. Ihre Seiten werden bei jeder Änderung automatisch mit axe-core auf die
        Anforderungen der WCAG 2.1 A und AA geprüft; eine Prüfung durch Fachleute steht noch aus.
      </p>
      <h2 className="kern-heading-medium">Nicht barrierefreie Inhalte</h2>
      <ul className="kern-list kern-list--bullet">
        <li>Bescheide als PDF-Dateien sind noch nicht als barrierefreie PDF (PDF/UA) getaggt. Auf Anfrage erhalten Sie den Inhalt in einer anderen Form.</li>
        <li>Viele Arbeitsschritte (Projektskizze, Begutachtung, Bescheide) sind noch nicht in der Weboberfläche möglich.</li>
      </ul>
      <h2 className="kern-heading-medium">Erstellung dieser Erklärung</h2>
      <p className="kern-body">Diese Erklärung beruht auf einer Selbstbewertung und den automatischen Prüfungen.</p>
      <h2 className="kern-heading-medium">Barrieren melden</h2>
      <p className="kern-body">
        Wenn Ihnen Barrieren auffallen oder Sie Inhalte in einer anderen Form brauchen, wenden Sie sich bitte an die Stelle, die Ihr
        Förderverfahren betreut. Die Kontaktdaten stehen in jedem Schreiben und Bescheid.
      </p>
      <h2 className="kern-heading-medium">Schlichtungsverfahren</h2>
      <p className="kern-body">
        Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Schlichtungsstelle nach § 16 BGG wenden:{' '}
        <a className="kern-link" href="https://www.schlichtungsstelle-bgg.de">
          www.schlichtungsstelle-bgg.de
        </a>
        .
      </p>
      <p className="kern-body">
        <Link className="kern-link" to="/">
          Zur Startseite
        </Link>
      </p>
    </Page>
  );
}
