import { useState, type FormEvent } from 'react';
import type { ChangePasswordRequest } from '@hourglass/contracts-api';
import type { Me } from '../api/types';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';

const MIN_LENGTH = 10;

/** One's own account: who, which role, and setting or changing one's password. */
export default function AccountScreen({
  me,
  onTokenChanged,
}: {
  me: Me;
  onTokenChanged(token: string): void;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = repeat.length > 0 && next !== repeat;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const body: ChangePasswordRequest = { password: next };
      if (current) body.currentPassword = current;
      const session = await client.route('PUT /api/me/password', {}, { body });
      // Every session of the user ended, this one too: carry on with the new one.
      onTokenChanged(session.token);
      setCurrent('');
      setNext('');
      setRepeat('');
      setOutcome({ ok: true, message: t('account.changed') });
    } catch (err) {
      setOutcome({ ok: false, message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  if (me.name === 'admin' && me.role === 'provider-admin' && !me.tenantId) {
    return (
      <section aria-labelledby="account-title">
        <h1 id="account-title">{t('account.title')}</h1>
        <p>{t('account.adminToken')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <p>{t('session.signedInAs', { name: me.name, role: me.role })}</p>
      <form className="panel form" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password')}</h2>
        <label htmlFor="current-password">{t('account.current')}</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-describedby="current-help"
        />
        <p id="current-help" className="help">
          {t('account.currentHelp')}
        </p>
        <label htmlFor="new-password">{t('account.new')}</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <label htmlFor="repeat-password">{t('account.repeat')}</label>
        <input
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          aria-invalid={mismatch}
        />
        {mismatch && <p className="state-error">{t('account.mismatch')}</p>}
        {outcome && (
          <p
            className={outcome.ok ? 'state' : 'state state-error'}
            role={outcome.ok ? 'status' : 'alert'}
          >
            {outcome.message}
          </p>
        )}
        <button type="submit" disabled={busy || mismatch || next.length < MIN_LENGTH}>
          {busy ? t('common.saving') : t('account.save')}
        </button>
      </form>
    </section>
  );
}
