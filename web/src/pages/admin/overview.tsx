import { Link } from 'react-router-dom';
import { Page } from '../../components/layout';

const AREAS = [
  { to: '/verwaltung/organisationen', title: 'Organisationen', text: 'Kommunen und andere Antragsteller mit Anschrift und Ansprechperson anlegen und pflegen.' },
  { to: '/verwaltung/benutzer', title: 'Benutzer', text: 'Personen mit ihren Rollen einladen, Teams der Sachbearbeitung zuordnen, Einladungen erneuern, Konten deaktivieren und reaktivieren.' },
  { to: '/verwaltung/aufrufe', title: 'Förderaufrufe steuern', text: 'Förderaufrufe eröffnen, Beginn und Stichtag verschieben, das Budget je Haushaltsjahr setzen.' },
  { to: '/verwaltung/basiszinssatz', title: 'Basiszinssatz', text: 'Den Basiszinssatz nach § 247 BGB zum 1. Januar und 1. Juli aus der Bekanntgabe der Bundesbank erfassen.' },
  { to: '/pruefung/protokoll', title: 'Prüfprotokoll', text: 'Die Kette des Prüfprotokolls verifizieren und einen Prüfpunkt signieren.' },
];

/** The admin's start into the administration: one navigation entry instead of four. */
export function AdminOverviewPage() {
  return (
    <Page title="Verwaltung">
      <ul className="fw-areas">
        {AREAS.map((a) => (
          <li key={a.to}>
            <Link className="kern-link fw-areas__title" to={a.to}>
              {a.title}
            </Link>
            <p className="kern-body">{a.text}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
