import type { MigrationPart } from '@hourglass/platform-sql';
import { maintenancePlansSchema } from './031-maintenance-plans';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const maintenancePlansMigrations: readonly MigrationPart[] = [maintenancePlansSchema];
