import type { MigrationPart } from '@hourglass/platform-sql';
import { coreSchema } from './001-core';
import { assetConnectionSchema } from './073-asset-connection';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const devicesRegistryMigrations: readonly MigrationPart[] = [
  coreSchema,
  assetConnectionSchema,
];
