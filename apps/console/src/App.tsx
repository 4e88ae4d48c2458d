import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client';
import type { Me } from './api/types';
import { ApiContext } from './api/use-api';
import { loadToken, saveToken } from './auth/token-storage';
import { ErrorState, Loading } from './components/AsyncState';
import { useI18n } from './i18n/I18nProvider';
import { useRoute, type Route } from './shell/router';
import { Shell } from './shell/Shell';
import { SignIn } from './shell/SignIn';

// One chunk per screen: signing in downloads none of them, the fleet screen not the chart code.
const FleetScreen = lazy(() => import('./fleet/FleetScreen'));
const AssetScreen = lazy(() => import('./asset/AssetScreen'));
const OrdersScreen = lazy(() => import('./orders/OrdersScreen'));
const ContractsScreen = lazy(() => import('./contracts/ContractsScreen'));
const ModelsScreen = lazy(() => import('./models/ModelsScreen'));

type Session =
  | { status: 'checking' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; token: string; me: Me }
  | { status: 'error'; error: Error };

/** Restores the session of this tab from its stored token (re-checked against the API). */
function useSession() {
  const [session, setSession] = useState<Session>(() =>
    loadToken() ? { status: 'checking' } : { status: 'signed-out' },
  );
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const token = loadToken();
    if (!token) return;
    new ApiClient(token).get<Me>('/api/me').then(
      (me) => setSession({ status: 'signed-in', token, me }),
      (error: Error & { status?: number }) => {
        if (error.status === 401) {
          saveToken(null);
          setSession({ status: 'signed-out' });
        } else setSession({ status: 'error', error });
      },
    );
  }, [attempt]);
  const signIn = useCallback((token: string, me: Me) => {
    saveToken(token);
    setSession({ status: 'signed-in', token, me });
  }, []);
  const signOut = useCallback(() => {
    saveToken(null);
    setSession({ status: 'signed-out' });
  }, []);
  return { session, signIn, signOut, retry: () => setAttempt((a) => a + 1) };
}

function Screen({ route, me }: { route: Route; me: Me }) {
  const { t } = useI18n();
  switch (route.screen) {
    case 'fleet':
      return <FleetScreen />;
    case 'asset':
      return <AssetScreen id={route.id} />;
    case 'orders':
      return <OrdersScreen me={me} />;
    case 'contracts':
      return <ContractsScreen id={route.id} />;
    case 'models':
      return <ModelsScreen me={me} />;
    default:
      return <p className="state">{t('state.notFound')}</p>;
  }
}

/** The console: sign-in, then the screen of the current path inside the shell. */
export function App() {
  const { session, signIn, signOut, retry } = useSession();
  const route = useRoute();
  const client = useMemo(
    () => (session.status === 'signed-in' ? new ApiClient(session.token) : null),
    [session],
  );
  if (session.status === 'checking') return <Loading />;
  if (session.status === 'error') return <ErrorState error={session.error} onRetry={retry} />;
  if (session.status === 'signed-out' || !client) return <SignIn onSignedIn={signIn} />;
  return (
    <ApiContext.Provider value={client}>
      <Shell me={session.me} route={route} onSignOut={signOut}>
        <Suspense fallback={<Loading />}>
          <Screen route={route} me={session.me} />
        </Suspense>
      </Shell>
    </ApiContext.Provider>
  );
}
