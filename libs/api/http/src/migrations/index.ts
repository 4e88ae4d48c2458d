import type { MigrationPart } from '@hourglass/platform-sql';
import { usersSchema } from './006-users';
import { userTokenExpirySchema } from './010-user-token-expiry';
import { userPasswordsSchema } from './013-user-passwords';
import { providerRolesSchema } from './014-provider-roles';
import { partnerUsersSchema } from './050-partner-users';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const apiHttpMigrations: readonly MigrationPart[] = [
  usersSchema,
  userTokenExpirySchema,
  userPasswordsSchema,
  providerRolesSchema,
  partnerUsersSchema,
];
