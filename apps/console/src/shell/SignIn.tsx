import { useState, type FormEvent } from 'react';
import { ApiClient } from '../api/api-client';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

/** What the form was given: a name and password, or a token (a token wins when both are filled). */
function credentials(name: string, password: string, token: string) {
  if (token.trim()) return { kind: 'token' as const, token: token.trim() };
  if (name.trim() && password) return { kind: 'password' as const, name: name.trim(), password };
  return null;
}

/**
 * Sign-in with a user name and password (`POST /api/sessions`, a session that expires) or with an
 * API token (checked against `GET /api/me` before it is kept).
 */
export function SignIn({ onSignedIn }: { onSignedIn(token: string, me: Me): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const given = credentials(name, password, token);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!given) return;
    setBusy(true);
    setError(null);
    try {
      if (given.kind === 'password') {
        const session = await ApiClient.signIn({ name: given.name, password: given.password });
        onSignedIn(session.token, session.user);
      } else {
        onSignedIn(given.token, await new ApiClient(given.token).route('GET /api/me', {}));
      }
    } catch (err) {
      const key = given.kind === 'password' ? 'signIn.refused' : 'signIn.invalid';
      setError(t(key, { message: (err as Error).message }));
      setBusy(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>{t('app.title')}</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        <fieldset>
          <legend>{t('signIn.withPassword')}</legend>
          <label htmlFor="user-name">{t('signIn.name')}</label>
          <input
            id="user-name"
            name="username"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('signIn.orToken')}</legend>
          <label htmlFor="token">{t('signIn.token')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="token-help"
          />
          <p id="token-help" className="help">
            {t('signIn.help')}
          </p>
        </fieldset>
        {error && (
          <p className="state state-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !given}>
          {busy ? t('signIn.checking') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
