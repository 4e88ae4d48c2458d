import type { MigrationPart } from '@hourglass/platform-sql';
import { maintenanceRulesSchema } from './030-maintenance-rules';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const maintenanceRulesMigrations: readonly MigrationPart[] = [maintenanceRulesSchema];
