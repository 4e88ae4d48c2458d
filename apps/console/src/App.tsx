import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client';
import type { Me } from './api/types';
import { ApiContext } from './api/use-api';
import { loadToken, saveToken } from './auth/token-storage';
import { ErrorState, Loading } from './components/AsyncState';
import { useI18n } from './i18n/I18nProvider';
import { useRoute, type Route } from './shell/router';
import { currentScreen, Shell } from './shell/Shell';
import { canSee } from './auth/role-access';
import { LiveIndicator, LiveUpdatesProvider } from './api/LiveUpdates';
import { SignIn } from './shell/SignIn';

// One chunk per screen: signing in downloads none of them, the fleet screen not the chart code.
const FleetScreen = lazy(() => import('./fleet/FleetScreen'));
const AssetScreen = lazy(() => import('./asset/AssetScreen'));
const OrdersScreen = lazy(() => import('./orders/OrdersScreen'));
const ContractsScreen = lazy(() => import('./contracts/ContractsScreen'));
const CustomersScreen = lazy(() => import('./customers/CustomersScreen'));
const PortfolioScreen = lazy(() => import('./portfolio/PortfolioScreen'));
const NetworkScreen = lazy(() => import('./network/NetworkScreen'));
const TouchesScreen = lazy(() => import('./touches/TouchesScreen'));
const SegmentsScreen = lazy(() => import('./segments/SegmentsScreen'));
const PartnersScreen = lazy(() => import('./partners/PartnersScreen'));
const CasesScreen = lazy(() => import('./cases/CasesScreen'));
const ModelsScreen = lazy(() => import('./models/ModelsScreen'));
const KpisScreen = lazy(() => import('./kpis/KpisScreen'));
const PartsScreen = lazy(() => import('./kpis/PartsScreen'));
const RulesScreen = lazy(() => import('./service/RulesScreen'));
const PlansScreen = lazy(() => import('./service/PlansScreen'));
const WebhooksScreen = lazy(() => import('./service/WebhooksScreen'));
const UsersScreen = lazy(() => import('./users/UsersScreen'));
const AccountScreen = lazy(() => import('./users/AccountScreen'));

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
    new ApiClient(token).route('GET /api/me', {}).then(
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
    const token = loadToken();
    // Ends a password session on the server too (an API token is left as it is).
    if (token) new ApiClient(token).delete('/api/sessions/current').catch(() => undefined);
    saveToken(null);
    setSession({ status: 'signed-out' });
  }, []);
  const replaceToken = useCallback((token: string) => {
    saveToken(token);
    setSession((s) => (s.status === 'signed-in' ? { ...s, token } : s));
  }, []);
  return { session, signIn, signOut, replaceToken, retry: () => setAttempt((a) => a + 1) };
}

function Screen({
  route,
  me,
  onTokenChanged,
}: {
  route: Route;
  me: Me;
  onTokenChanged(token: string): void;
}) {
  const { t } = useI18n();
  const screen = currentScreen(route, me);
  if (screen === null) return <p className="state">{t('state.notFound')}</p>;
  if (!canSee(me.role, screen))
    return <p className="state">{t('state.notForRole', { role: me.role })}</p>;
  if (route.screen === 'home')
    // Homes are screens without parameters (role-access.spec checks which).
    return <Screen route={{ screen } as Route} me={me} onTokenChanged={onTokenChanged} />;
  switch (route.screen) {
    case 'fleet':
      return <FleetScreen me={me} />;
    case 'asset':
      return <AssetScreen id={route.id} />;
    case 'orders':
      return <OrdersScreen me={me} />;
    case 'contracts':
      return <ContractsScreen id={route.id} />;
    case 'customers':
      return <CustomersScreen id={route.id} />;
    case 'portfolio':
      return <PortfolioScreen />;
    case 'network':
      return <NetworkScreen me={me} />;
    case 'touches':
      return <TouchesScreen />;
    case 'segments':
      return <SegmentsScreen />;
    case 'partners':
      return <PartnersScreen />;
    case 'cases':
      return <CasesScreen me={me} />;
    case 'models':
      return <ModelsScreen me={me} />;
    case 'kpis':
      return <KpisScreen me={me} />;
    case 'parts':
      return <PartsScreen />;
    case 'rules':
      return <RulesScreen />;
    case 'plans':
      return <PlansScreen />;
    case 'webhooks':
      return <WebhooksScreen />;
    case 'users':
      return <UsersScreen />;
    case 'account':
      return <AccountScreen me={me} onTokenChanged={onTokenChanged} />;
    default:
      return <p className="state">{t('state.notFound')}</p>;
  }
}

/** The console: sign-in, then the screen of the current path inside the shell. */
export function App() {
  const { session, signIn, signOut, replaceToken, retry } = useSession();
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
      <LiveUpdatesProvider>
        <Shell me={session.me} route={route} onSignOut={signOut} live={<LiveIndicator />}>
          <Suspense fallback={<Loading />}>
            <Screen route={route} me={session.me} onTokenChanged={replaceToken} />
          </Suspense>
        </Shell>
      </LiveUpdatesProvider>
    </ApiContext.Provider>
  );
}
