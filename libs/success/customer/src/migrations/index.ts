import type { MigrationPart } from '@hourglass/platform-sql';
import { customerVoiceSchema } from './060-customer-voice';
import { segmentRulesSchema } from './061-segment-rules';
import { matrixThresholdsSchema } from './062-matrix-thresholds';
import { touchOutcomesSchema } from './063-touch-outcomes';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const successCustomerMigrations: readonly MigrationPart[] = [
  customerVoiceSchema,
  segmentRulesSchema,
  matrixThresholdsSchema,
  touchOutcomesSchema,
];
