import { useState, type FormEvent } from 'react';
import {
  USER_ROLES,
  type CreateUserRequest,
  type UserResponse,
  type UserRole,
  type UserWithTokenResponse,
} from '@hourglass/contracts-api';
import { usePagedList } from '../api/use-paged';
import { useApiClient } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { LoadMore } from '../components/LoadMore';
import { useI18n } from '../i18n/I18nProvider';

function NewUserForm({ onCreated }: { onCreated(user: UserWithTokenResponse): void }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('operator');
  const [tenantId, setTenantId] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body: CreateUserRequest = { name: name.trim(), role };
    if (role === 'customer') body.tenantId = tenantId.trim();
    if (role === 'partner') body.partnerId = partnerId.trim();
    if (password) body.password = password;
    try {
      onCreated(await client.route('POST /api/users', {}, { body }));
      setName('');
      setPassword('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.new')}</h2>
      <label htmlFor="new-user-name">{t('signIn.name')}</label>
      <input id="new-user-name" required value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="new-user-role">{t('users.role')}</label>
      <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
        {USER_ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {role === 'customer' && (
        <>
          <label htmlFor="new-user-tenant">{t('users.tenant')}</label>
          <input
            id="new-user-tenant"
            required
            value={tenantId}
            onChange={(e) => setTenantId(e.target.value)}
          />
        </>
      )}
      {role === 'partner' && (
        <>
          <label htmlFor="new-user-partner">{t('users.partner')}</label>
          <input
            id="new-user-partner"
            required
            value={partnerId}
            onChange={(e) => setPartnerId(e.target.value)}
          />
        </>
      )}
      <label htmlFor="new-user-password">{t('users.password')}</label>
      <input
        id="new-user-password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {error && (
        <p className="state state-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('users.create')}</button>
    </form>
  );
}

function SetPassword({ user, onDone }: { user: UserResponse; onDone(): void }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await client.put(`/api/users/${encodeURIComponent(user.id)}/password`, { password });
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const id = `password-${user.id}`;
  return (
    <form onSubmit={submit} className="inline-form">
      <label htmlFor={id}>{t('users.passwordFor', { name: user.name })}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit">{t('common.save')}</button>
      {error && <span className="state-error">{error}</span>}
    </form>
  );
}

/** Named users (provider-admin): roles, passwords, disabling; a new user's token is shown once. */
export default function UsersScreen() {
  const { t, formatDate } = useI18n();
  const client = useApiClient();
  const users = usePagedList<UserResponse>('/api/users');
  const [created, setCreated] = useState<UserWithTokenResponse | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const disable = async (user: UserResponse) => {
    await client.delete(`/api/users/${encodeURIComponent(user.id)}`).catch(() => undefined);
    users.reload();
  };
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <NewUserForm
        onCreated={(u) => {
          setCreated(u);
          users.reload();
        }}
      />
      {created && (
        <p className="panel" role="status">
          {t('users.tokenOnce', { name: created.name })} <code>{created.token}</code>
        </p>
      )}
      <AsyncState loadable={users.first} onRetry={users.reload}>
        {() =>
          users.items.length === 0 ? (
            <Empty />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('signIn.name')}</th>
                    <th scope="col">{t('users.role')}</th>
                    <th scope="col">{t('users.tenant')}</th>
                    <th scope="col">{t('users.hasPassword')}</th>
                    <th scope="col">{t('users.created')}</th>
                    <th scope="col">{t('orders.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.items.map((u) => (
                    <tr key={u.id}>
                      <td>{u.name}</td>
                      <td>{u.role}</td>
                      <td>{u.tenantId ?? t('common.none')}</td>
                      <td>{u.hasPassword ? t('common.yes') : t('common.no')}</td>
                      <td>{formatDate(u.createdAt)}</td>
                      <td>
                        {u.disabledAt ? (
                          t('users.disabled', { date: formatDate(u.disabledAt) })
                        ) : editing === u.id ? (
                          <SetPassword
                            user={u}
                            onDone={() => {
                              setEditing(null);
                              users.reload();
                            }}
                          />
                        ) : (
                          <>
                            <button type="button" onClick={() => setEditing(u.id)}>
                              {t('users.setPassword')}
                            </button>{' '}
                            <button type="button" onClick={() => disable(u)}>
                              {t('users.disable')}
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AsyncState>
      <LoadMore list={users} />
    </section>
  );
}
