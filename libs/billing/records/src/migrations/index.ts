import type { MigrationPart } from '@hourglass/platform-sql';
import { coreSchema } from './001-core';
import { billingRunsSchema } from './004-billing-runs';
import { meterCorrectionsSchema } from './005-meter-corrections';
import { contractEndSchema } from './008-contract-end';
import { contractCoverageSchema } from './009-contract-coverage';
import { lateStateEventsSchema, stateEventDaysSchema } from './078-state-event-days';
import { stateEventRunDaysSchema } from './085-state-event-run-days';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const billingRecordsMigrations: readonly MigrationPart[] = [
  coreSchema,
  billingRunsSchema,
  meterCorrectionsSchema,
  contractEndSchema,
  contractCoverageSchema,
  stateEventDaysSchema,
  lateStateEventsSchema,
  stateEventRunDaysSchema,
];
