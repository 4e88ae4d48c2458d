import type { MigrationPart } from '@hourglass/platform-sql';
import { caseLibrarySchema } from './051-case-library';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const serviceCasesMigrations: readonly MigrationPart[] = [caseLibrarySchema];
