import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, onSessionChange, refreshSession, Schemas, setAccessToken } from '../api/client';

type User = Schemas['MeDto'];
interface Session {
  /** undefined while the refresh cookie is being tried on page load */
  user: User | null | undefined;
  signIn: (token: string) => Promise<void>;
  signOut: (everywhere: boolean) => Promise<void>;
  /** Reads the user again (after a change of their own account, e.g. TOTP set up). */
  reload: () => Promise<void>;
  /** What the login page says after signing out (kept here: the redirect of the left page would drop router state). */
  notice: string | null;
}

const SessionContext = createContext<Session | null>(null);

async function currentUser(): Promise<User | null> {
  const { data } = await api.GET('/api/v1/auth/me');
  return data ?? null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const queries = useQueryClient();

  // Silent sign-in on page load: the httpOnly refresh cookie, if there is one, brings a new access token.
  useEffect(() => {
    refreshSession().then(async (ok) => setUser(ok ? await currentUser() : null));
    // A refresh that fails later (session ended elsewhere) signs out here too.
    return onSessionChange((signedIn) => {
      if (!signedIn) setUser(null);
    });
  }, []);

  const signIn = useCallback(async (token: string) => {
    setAccessToken(token);
    setNotice(null);
    setUser(await currentUser());
  }, []);

  const signOut = useCallback(
    async (everywhere: boolean) => {
      // first: a request of the page still open can meet the ended session (401) while the log-out is under way and
      // sign out before it; the login page it leads to must know already that this was a log-out
      setNotice(everywhere ? 'Sie sind auf allen Geräten abgemeldet.' : 'Sie sind abgemeldet.');
      if (everywhere) await api.POST('/api/v1/auth/logout-all');
      else await api.POST('/api/v1/auth/logout', { body: {} });
      setAccessToken(null);
      queries.clear();
    },
    [queries],
  );

  const reload = useCallback(async () => setUser(await currentUser()), []);

  const value = useMemo(() => ({ user, signIn, signOut, reload, notice }), [user, signIn, signOut, reload, notice]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
