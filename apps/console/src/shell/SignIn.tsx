import { useState, type FormEvent } from 'react';
import { ApiClient } from '../api/api-client';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

/** The token form: checks the token against `GET /api/me` before keeping it. */
export function SignIn({ onSignedIn }: { onSignedIn(token: string, me: Me): void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await new ApiClient(token.trim()).get<Me>('/api/me');
      onSignedIn(token.trim(), me);
    } catch (err) {
      setError(t('signIn.invalid', { message: (err as Error).message }));
      setBusy(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>{t('app.title')}</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        <label htmlFor="token">{t('signIn.token')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby="token-help"
        />
        <p id="token-help" className="help">
          {t('signIn.help')}
        </p>
        {error && (
          <p className="state state-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? t('signIn.checking') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
