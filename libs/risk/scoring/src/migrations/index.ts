import type { MigrationPart } from '@hourglass/platform-sql';
import { coreSchema } from './001-core';
import { modelDeploymentsSchema } from './002-model-deployments';
import { riskScoreHistorySchema } from './072-risk-score-history';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const riskScoringMigrations: readonly MigrationPart[] = [
  coreSchema,
  modelDeploymentsSchema,
  riskScoreHistorySchema,
];
