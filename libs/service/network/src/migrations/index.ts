import type { MigrationPart } from '@hourglass/platform-sql';
import { serviceNetworkSchema } from './050-service-network';
import { visitPartsSourceSchema } from './080-visit-parts-source';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const serviceNetworkMigrations: readonly MigrationPart[] = [
  serviceNetworkSchema,
  visitPartsSourceSchema,
];
