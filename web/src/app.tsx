import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from './auth/session';
import { Layout, Loading, NotFound } from './components/layout';
import { AccessibilityPage } from './pages/accessibility';
import { AuditCasesPage, AuditPage } from './pages/admin/audit';
import { BaseRatesPage } from './pages/admin/base-rates';
import { AdminCallsPage, OpenCallPage, SteerCallPage } from './pages/admin/calls';
import { OrganisationFormPage, OrganisationsPage } from './pages/admin/organisations';
import { AdminOverviewPage } from './pages/admin/overview';
import { RequireRole, TotpEnrolmentPage } from './pages/admin/totp';
import { InviteUserPage, UsersPage } from './pages/admin/users';
import { CallsPage } from './pages/calls';
import { CasePage } from './pages/case';
import { ProposalEditorPage } from './pages/applicant/editor';
import { ProofOfUsePage } from './pages/applicant/proof-of-use';
import { ForgotPasswordPage } from './pages/forgot-password';
import { LinkPasswordPage } from './pages/link-password';
import { LoginPage } from './pages/login';
import { AssignmentPage } from './pages/review/assignment';
import { AssignmentsPage } from './pages/review/assignments';
import { JuryPage } from './pages/review/jury';
import { RankingPage } from './pages/review/ranking';
import { ReviewPage } from './pages/review/review';
import { TasksPage } from './pages/tasks';
import { VerifyPage } from './pages/verify';
import { CaseListPage } from './pages/casework/case-list';
import { CaseWorkPage } from './pages/casework/case-work';
import { SignOffPage } from './pages/casework/sign-off';
import { BankAccountPage } from './pages/applicant/bank-account';
import { AccountChangesPage } from './pages/casework/account-changes';
import { RecoveryClaimsPage } from './pages/casework/recovery-claims';
import { PaymentRequestPage } from './pages/applicant/payment-request';
import { PaymentCertificationPage, PaymentCertificationQueuePage } from './pages/casework/payment-certification';
import { PaymentOrdersPage } from './pages/finance/payment-orders';
import { PaymentRunsPage } from './pages/finance/payment-runs';
import { PaymentRunPage } from './pages/finance/payment-runs-detail';
import { ProofCheckPage } from './pages/casework/proof-check';
import { SettlementPage } from './pages/casework/settlement';
import { BudgetReportPage, FunnelReportPage, PaymentsReportPage, ProcessingTimesReportPage, ReportsStartPage } from './pages/reports/reports';

/** Pages behind the login: wait for the silent sign-in, then send the signed-out to the login page. */
function SignedIn() {
  const { user, notice } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  // back to this page after the next log-in, unless someone logged out here: the next person starts on their own page
  if (!user) return <Navigate to="/anmelden" replace state={notice ? undefined : { from: location.pathname }} />;
  // a role that needs TOTP without it set up may do nothing else first (the API answers 403 TOTP_ENROLMENT_REQUIRED)
  if (user.totpEnrolmentRequired && location.pathname !== '/zwei-faktor') return <Navigate to="/zwei-faktor" replace />;
  return <Outlet />;
}

export function App() {
  const { user } = useSession();
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={user === undefined ? <Loading /> : <Navigate to={user ? '/aufgaben' : '/anmelden'} replace />} />
        <Route path="anmelden" element={<LoginPage />} />
        <Route path="passwort-vergessen" element={<ForgotPasswordPage />} />
        {/* the links in the invitation and password-reset mails: English paths, as in mails already sent */}
        <Route path="invitation" element={<LinkPasswordPage key="invitation" kind="invitation" />} />
        <Route path="password-reset" element={<LinkPasswordPage key="password-reset" kind="password-reset" />} />
        <Route path="aufrufe" element={<CallsPage />} />
        <Route path="bescheid-pruefen" element={<VerifyPage />} />
        <Route path="barrierefreiheit" element={<AccessibilityPage />} />
        <Route element={<SignedIn />}>
          <Route path="aufgaben" element={<TasksPage />} />
          <Route path="faelle/:id" element={<CasePage />} />
          <Route path="faelle/:id/skizze/:step" element={<ProposalEditorPage stage="concept" />} />
          <Route path="faelle/:id/antrag/:step" element={<ProposalEditorPage stage="application" />} />
          <Route path="faelle/:id/verwendungsnachweis" element={<ProofOfUsePage />} />
          <Route path="faelle/:id/verwendungsnachweis/pruefung" element={<ProofCheckPage />} />
          <Route path="faelle/:id/schlussabrechnung" element={<SettlementPage />} />
          <Route path="zwei-faktor" element={<TotpEnrolmentPage />} />
          <Route element={<RequireRole roles={['admin']} />}>
            <Route path="verwaltung" element={<AdminOverviewPage />} />
            <Route path="verwaltung/organisationen" element={<OrganisationsPage />} />
            <Route path="verwaltung/organisationen/neu" element={<OrganisationFormPage />} />
            <Route path="verwaltung/organisationen/:id" element={<OrganisationFormPage />} />
            <Route path="verwaltung/benutzer" element={<UsersPage />} />
            <Route path="verwaltung/benutzer/einladen" element={<InviteUserPage />} />
            <Route path="verwaltung/aufrufe" element={<AdminCallsPage />} />
            <Route path="verwaltung/aufrufe/neu" element={<OpenCallPage />} />
            <Route path="verwaltung/aufrufe/:code/:call" element={<SteerCallPage />} />
            <Route path="verwaltung/basiszinssatz" element={<BaseRatesPage />} />
          </Route>
          <Route element={<RequireRole roles={['auditor', 'admin']} />}>
            <Route path="pruefung/protokoll" element={<AuditPage />} />
            <Route path="pruefung/vorgaenge" element={<AuditCasesPage />} />
          </Route>
          <Route path="gutachten" element={<AssignmentsPage />} />
          <Route path="gutachten/:id" element={<ReviewPage />} />
          <Route path="jury" element={<JuryPage />} />
          <Route path="jury/:code/:call/zuweisung" element={<AssignmentPage />} />
          <Route path="jury/:code/:call/rangliste" element={<RankingPage />} />
          <Route path="faelle" element={<CaseListPage />} />
          <Route path="faelle/:id/bearbeitung" element={<CaseWorkPage />} />
          <Route path="schlusszeichnung" element={<SignOffPage />} />
          <Route element={<RequireRole roles={['applicant']} />}>
            <Route path="bankverbindung" element={<BankAccountPage />} />
          </Route>
          <Route element={<RequireRole roles={['caseworker', 'approver', 'finance', 'auditor']} />}>
            <Route path="kontoaenderungen" element={<AccountChangesPage />} />
            <Route path="rueckforderungen" element={<RecoveryClaimsPage />} />
          </Route>
          <Route element={<RequireRole roles={['caseworker', 'approver', 'finance', 'auditor', 'admin']} />}>
            <Route path="auswertungen" element={<ReportsStartPage />} />
            <Route path="auswertungen/budget" element={<BudgetReportPage />} />
            <Route path="auswertungen/trichter" element={<FunnelReportPage />} />
            <Route path="auswertungen/bearbeitungszeiten" element={<ProcessingTimesReportPage />} />
            <Route path="auswertungen/zahlungen" element={<PaymentsReportPage />} />
          </Route>
          <Route path="faelle/:id/mittelabruf/:requestId" element={<PaymentRequestPage />} />
          <Route path="mittelabrufe" element={<PaymentCertificationQueuePage />} />
          <Route path="mittelabrufe/:requestId" element={<PaymentCertificationPage />} />
          <Route path="zahlungen" element={<PaymentOrdersPage />} />
          <Route path="zahlungslaeufe" element={<PaymentRunsPage />} />
          <Route path="zahlungslaeufe/:id" element={<PaymentRunPage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
