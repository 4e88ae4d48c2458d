import type { Migration } from '../lib/migration';

/**
 * Optional expiry of user tokens (`expiresAt` / `ttlDays` at creation or rotation): past it, the
 * token is refused like a revoked one. Null: the token does not expire (tokens issued before).
 * Owned by api/http (users, user_tokens).
 */
export const userTokenExpirySchema: Migration = {
  version: 10,
  name: 'user-token-expiry',
  sql: `
alter table user_tokens add column expires_at timestamptz;
`,
};
