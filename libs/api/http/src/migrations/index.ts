import type { MigrationPart } from '@hourglass/platform-sql';
import { usersSchema } from './006-users';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const apiHttpMigrations: readonly MigrationPart[] = [usersSchema];
