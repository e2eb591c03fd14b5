import { ReactNode, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { isAgency } from '../pages/casework/roles';

/** Header, navigation, main and footer of every page, with a skip link to the content. */
export function Layout() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const out = async (everywhere: boolean) => {
    await signOut(everywhere);
    navigate('/anmelden');
  };
  return (
    <>
      <a className="fw-skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header>
        <div className="kern-kopfzeile">
          <div className="kern-container kern-kopfzeile__content">
            <span className="kern-kopfzeile__label">Förderwerk – Verwaltung öffentlicher Förderprogramme</span>
            <div className="fw-account">
              {user ? (
                <>
                  <span className="fw-account__name">{user.displayName}</span>
                  <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => out(false)}>
                    <span className="kern-label">Abmelden</span>
                  </button>
                  <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => out(true)}>
                    <span className="kern-label">Überall abmelden</span>
                  </button>
                </>
              ) : (
                user === null && (
                  <Link className="kern-link" to="/anmelden">
                    Anmelden
                  </Link>
                )
              )}
            </div>
          </div>
        </div>
        <div className="fw-header">
          <div className="kern-container fw-header__inner">
            <Link to="/" className="fw-brand">
              Förderwerk
            </Link>
            <nav aria-label="Hauptnavigation">
              <ul className="fw-nav">
                {user && (
                  <li>
                    <NavLink to="/aufgaben">Meine Aufgaben</NavLink>
                  </li>
                )}
                {user?.roles.includes('reviewer') && (
                  <li>
                    <NavLink to="/gutachten">Meine Gutachten</NavLink>
                  </li>
                )}
                {user?.roles.some((r) => ['caseworker', 'approver', 'auditor', 'admin'].includes(r)) && (
                  <li>
                    <NavLink to="/jury">Jury</NavLink>
                  </li>
                )}
                {isAgency(user) && (
                  <li>
                    <NavLink to="/faelle" end>
                      Fallliste
                    </NavLink>
                  </li>
                )}
                {user?.roles.includes('approver') && (
                  <li>
                    <NavLink to="/schlusszeichnung">Schlusszeichnung</NavLink>
                  </li>
                )}
                {user?.roles.some((r) => ['caseworker', 'approver', 'finance', 'auditor'].includes(r)) && (
                  <li>
                    <NavLink to="/kontoaenderungen">Kontoänderungen</NavLink>
                  </li>
                )}
                {user?.roles.some((r) => ['finance', 'auditor'].includes(r)) && (
                  <li>
                    <NavLink to="/rueckforderungen">Rückforderungen</NavLink>
                  </li>
                )}
                {user?.roles.includes('applicant') && (
                  <li>
                    <NavLink to="/bankverbindung">Bankverbindung</NavLink>
                  </li>
                )}
                {user?.roles.includes('caseworker') && (
                  <li>
                    <NavLink to="/mittelabrufe">Mittelabrufe prüfen</NavLink>
                  </li>
                )}
                {user?.roles.includes('finance') && (
                  <li>
                    <NavLink to="/zahlungen">Zahlungen anordnen</NavLink>
                  </li>
                )}
                {user?.roles.some((r) => r === 'finance' || r === 'auditor') && (
                  <li>
                    <NavLink to="/zahlungslaeufe">Zahlungsläufe</NavLink>
                  </li>
                )}
                {user?.roles.some((r) => ['caseworker', 'approver', 'finance', 'auditor', 'admin'].includes(r)) && (
                  <li>
                    <NavLink to="/auswertungen">Auswertungen</NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/aufrufe">Förderaufrufe</NavLink>
                </li>
                {user?.roles.includes('admin') && (
                  <li>
                    <NavLink to="/verwaltung">Verwaltung</NavLink>
                  </li>
                )}
                {user?.roles.includes('auditor') && (
                  <>
                    <li>
                      <NavLink to="/pruefung/protokoll">Prüfprotokoll</NavLink>
                    </li>
                    <li>
                      <NavLink to="/pruefung/vorgaenge">Vorgänge</NavLink>
                    </li>
                  </>
                )}
                <li>
                  <NavLink to="/bescheid-pruefen">Bescheid prüfen</NavLink>
                </li>
              </ul>
            </nav>
          </div>
        </div>
      </header>
      <main id="inhalt" tabIndex={-1} className="kern-container fw-main">
        <Outlet />
      </main>
      <footer className="fw-footer">
        <div className="kern-container">
          <ul className="fw-nav">
            <li>
              <Link className="kern-link" to="/barrierefreiheit">
                Erklärung zur Barrierefreiheit
              </Link>
            </li>
            <li>
              <Link className="kern-link" to="/bescheid-pruefen">
                Bescheid prüfen
              </Link>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}

let firstPage = true;

/**
 * One page: sets the document title and renders the one h1. After a navigation inside the app the h1 takes the
 * focus, so screen readers announce the new page (the first page load keeps the browser's own start).
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Förderwerk`;
    if (firstPage) firstPage = false;
    else h1.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={h1} tabIndex={-1} className="kern-heading-x-large">
        {title}
      </h1>
      {children}
    </>
  );
}

export function Loading() {
  return (
    <p className="kern-body" role="status">
      Wird geladen …
    </p>
  );
}

export function NotFound() {
  return (
    <Page title="Nicht gefunden">
      <p className="kern-body">Diese Seite oder diesen Vorgang gibt es nicht, oder Sie dürfen ihn nicht sehen.</p>
      <p className="kern-body">
        <Link className="kern-link" to="/">
          Zur Startseite
        </Link>
      </p>
    </Page>
  );
}

export function Alert({ kind, title, children }: { kind: 'info' | 'success' | 'warning' | 'danger'; title: string; children?: ReactNode }) {
  return (
    <div className={`kern-alert kern-alert--${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children && <div className="kern-alert__body">{children}</div>}
    </div>
  );
}
