import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Where the parts a technician brought on a visit came from (issue 15): the order's case-library
 * suggestion or a default kit; null when not said. The first visit's source splits the first-time
 * fix rate, so the demo can show first-time fix with suggestions beside it without them.
 */
export const visitPartsSourceSchema: MigrationPart = {
  version: 80,
  name: 'visit-parts-source',
  owner: 'service-network',
  sql: `
alter table service_visits add column parts_source text
  check (parts_source in ('SUGGESTION', 'DEFAULT_KIT'));
`,
};
