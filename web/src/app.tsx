import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from './auth/session';
import { Layout, Loading, NotFound } from './components/layout';
import { AccessibilityPage } from './pages/accessibility';
import { CallsPage } from './pages/calls';
import { CasePage } from './pages/case';
import { ForgotPasswordPage } from './pages/forgot-password';
import { LoginPage } from './pages/login';
import { TasksPage } from './pages/tasks';
import { VerifyPage } from './pages/verify';
import { CaseListPage } from './pages/casework/case-list';
import { CaseWorkPage } from './pages/casework/case-work';
import { SignOffPage } from './pages/casework/sign-off';

/** Pages behind the login: wait for the silent sign-in, then send the signed-out to the login page. */
function SignedIn() {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  return user ? <Outlet /> : <Navigate to="/anmelden" replace state={{ from: location.pathname }} />;
}

export function App() {
  const { user } = useSession();
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={user === undefined ? <Loading /> : <Navigate to={user ? '/aufgaben' : '/anmelden'} replace />} />
        <Route path="anmelden" element={<LoginPage />} />
        <Route path="passwort-vergessen" element={<ForgotPasswordPage />} />
        <Route path="aufrufe" element={<CallsPage />} />
        <Route path="bescheid-pruefen" element={<VerifyPage />} />
        <Route path="barrierefreiheit" element={<AccessibilityPage />} />
        <Route element={<SignedIn />}>
          <Route path="aufgaben" element={<TasksPage />} />
          <Route path="faelle/:id" element={<CasePage />} />
          <Route path="faelle" element={<CaseListPage />} />
          <Route path="faelle/:id/bearbeitung" element={<CaseWorkPage />} />
          <Route path="schlusszeichnung" element={<SignOffPage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
