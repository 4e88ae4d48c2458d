import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Optional expiry of user tokens (`expiresAt` / `ttlDays` at creation or rotation): past it, the
 * token is refused like a revoked one. Null: the token does not expire (tokens issued before).
 */
export const userTokenExpirySchema: MigrationPart = {
  version: 10,
  name: 'user-token-expiry',
  owner: 'api-http',
  sql: `
alter table user_tokens add column expires_at timestamptz;
`,
};
