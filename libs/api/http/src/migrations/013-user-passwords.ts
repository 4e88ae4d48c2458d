import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Passwords of named users and the sessions they sign in to. `password_hash` is the scrypt hash
 * with its own salt (`PasswordHasher`); null: the user signs in by token only. A sign-in issues a
 * token of kind `session` (it expires) beside the user's `api` token: changing the password ends
 * the sessions, rotating the API token ends both.
 */
export const userPasswordsSchema: MigrationPart = {
  version: 13,
  name: 'user-passwords',
  owner: 'api-http',
  sql: `
alter table users add column password_hash text;
alter table users add column password_changed_at timestamptz;
alter table user_tokens add column kind text not null default 'api' check (kind in ('api', 'session'));
`,
};
