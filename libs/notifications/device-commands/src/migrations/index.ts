import type { MigrationPart } from '@hourglass/platform-sql';
import { equipmentEventsSchema } from './041-equipment-events';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const notificationsDeviceCommandsMigrations: readonly MigrationPart[] = [
  equipmentEventsSchema,
];
