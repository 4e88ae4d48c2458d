import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import type { MessageKey } from '../i18n/messages-en';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import type { Route } from './router';

const NAV: Array<{ href: string; screen: Route['screen']; label: MessageKey }> = [
  { href: '/', screen: 'fleet', label: 'nav.fleet' },
  { href: '/orders', screen: 'orders', label: 'nav.orders' },
  { href: '/contracts', screen: 'contracts', label: 'nav.contracts' },
  { href: '/models', screen: 'models', label: 'nav.models' },
];

/** Header with the navigation, the language switch and sign-out around the current screen. */
export function Shell({
  me,
  route,
  onSignOut,
  children,
}: {
  me: Me;
  route: Route;
  onSignOut(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const current = route.screen === 'asset' ? 'fleet' : route.screen;
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={current === n.screen ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          <LanguageSwitch />
          <span className="who">{t('session.signedInAs', { name: me.name, role: me.role })}</span>
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
