import { apiHttpMigrations } from '@hourglass/api-http';
import { billingRecordsMigrations } from '@hourglass/billing-records';
import { devicesRegistryMigrations } from '@hourglass/devices-registry';
import { maintenancePlansMigrations } from '@hourglass/maintenance-plans';
import { maintenanceRulesMigrations } from '@hourglass/maintenance-rules';
import { maintenanceTasksMigrations } from '@hourglass/maintenance-tasks';
import { notificationsDeviceCommandsMigrations } from '@hourglass/notifications-device-commands';
import { notificationsWebhooksMigrations } from '@hourglass/notifications-webhooks';
import { composeMigrations, type Migration, type MigrationPart } from '@hourglass/platform-sql';
import { tenancyMigrations } from '@hourglass/platform-tenancy';
import { riskScoringMigrations } from '@hourglass/risk-scoring';
import { serviceCasesMigrations } from '@hourglass/service-cases';
import { serviceNetworkMigrations } from '@hourglass/service-network';
import { successCustomerMigrations } from '@hourglass/success-customer';
import { telemetryIngestMigrations } from '@hourglass/telemetry-ingest';

/** Every lib's parts of the schema: each table is created by the lib that owns it. */
export const PLATFORM_MIGRATION_PARTS: readonly MigrationPart[] = [
  ...tenancyMigrations,
  ...devicesRegistryMigrations,
  ...telemetryIngestMigrations,
  ...riskScoringMigrations,
  ...maintenanceTasksMigrations,
  ...maintenanceRulesMigrations,
  ...maintenancePlansMigrations,
  ...billingRecordsMigrations,
  ...serviceNetworkMigrations,
  ...apiHttpMigrations,
  ...notificationsWebhooksMigrations,
  ...notificationsDeviceCommandsMigrations,
  ...successCustomerMigrations,
  ...serviceCasesMigrations,
];

/** The platform's schema, one migration per version, in the order `migrate` applies them. */
export const PLATFORM_MIGRATIONS: readonly Migration[] =
  composeMigrations(PLATFORM_MIGRATION_PARTS);
