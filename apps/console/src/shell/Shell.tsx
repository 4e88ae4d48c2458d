import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import { canSee, homeScreen, type ScreenName } from '../auth/role-access';
import type { MessageKey } from '../i18n/messages-en';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import type { Route } from './router';

const NAV: Array<{ href: string; screen: ScreenName; label: MessageKey }> = [
  { href: '/fleet', screen: 'fleet', label: 'nav.fleet' },
  { href: '/orders', screen: 'orders', label: 'nav.orders' },
  { href: '/contracts', screen: 'contracts', label: 'nav.contracts' },
  { href: '/customers', screen: 'customers', label: 'nav.customers' },
  { href: '/portfolio', screen: 'portfolio', label: 'nav.portfolio' },
  { href: '/touches', screen: 'touches', label: 'nav.touches' },
  { href: '/segments', screen: 'segments', label: 'nav.segments' },
  { href: '/kpis', screen: 'kpis', label: 'nav.kpis' },
  { href: '/network', screen: 'network', label: 'nav.network' },
  { href: '/partners', screen: 'partners', label: 'nav.partners' },
  { href: '/cases', screen: 'cases', label: 'nav.cases' },
  { href: '/models', screen: 'models', label: 'nav.models' },
  { href: '/rules', screen: 'rules', label: 'nav.rules' },
  { href: '/plans', screen: 'plans', label: 'nav.plans' },
  { href: '/parts', screen: 'parts', label: 'nav.parts' },
  { href: '/webhooks', screen: 'webhooks', label: 'nav.webhooks' },
  { href: '/users', screen: 'users', label: 'nav.users' },
];

/** The screen a route shows for this caller (`/` is the role's home). */
export function currentScreen(route: Route, me: Me): ScreenName | null {
  if (route.screen === 'home') return homeScreen(me.role);
  if (route.screen === 'asset') return 'fleet';
  return route.screen === 'not-found' ? null : route.screen;
}

/** Header with the role's navigation, the language switch, the account and sign-out around the current screen. */
export function Shell({
  me,
  route,
  onSignOut,
  live,
  children,
}: {
  me: Me;
  route: Route;
  onSignOut(): void;
  /** The live-updates indicator. */
  live?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const current = currentScreen(route, me);
  const home = homeScreen(me.role);
  const nav = NAV.filter((n) => canSee(me.role, n.screen)).sort(
    (a, b) => Number(b.screen === home) - Number(a.screen === home),
  );
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav.map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={current === n.screen ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          {live}
          <LanguageSwitch />
          <Link href="/account" className="who">
            {t('session.signedInAs', { name: me.name, role: me.role })}
          </Link>
          <button type="button" onClick={onSignOut}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
