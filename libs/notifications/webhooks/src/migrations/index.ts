import type { MigrationPart } from '@hourglass/platform-sql';
import { webhooksSchema } from './040-webhooks';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const notificationsWebhooksMigrations: readonly MigrationPart[] = [webhooksSchema];
