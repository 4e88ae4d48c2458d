import type { MigrationPart } from '@hourglass/platform-sql';
import { deviceCommandOutboxSchema } from './025-device-command-outbox';
import { equipmentEventsSchema } from './041-equipment-events';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const notificationsDeviceCommandsMigrations: readonly MigrationPart[] = [
  deviceCommandOutboxSchema,
  equipmentEventsSchema,
];
