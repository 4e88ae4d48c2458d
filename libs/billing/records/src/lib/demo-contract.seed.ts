import { withDefaultTerms } from '@hourglass/billing-uptime';
import { DEFAULT_TENANT_ID } from '@hourglass/platform-tenancy';
import type { BillingStores } from './billing-stores';
import { ContractService } from './contract.service';

/** The contract `npm start` bills the demo fleet under: every asset of the default tenant. */
export const DEMO_CONTRACT = {
  id: 'demo-power-by-the-hour',
  tenantId: DEFAULT_TENANT_ID,
  name: 'Demo fleet: power by the hour',
  currency: 'EUR',
  ratePerHour: '120.00',
  slaTarget: '0.97',
  tz: 'UTC',
  heartbeatTimeoutSeconds: 900,
  fleet: true,
};

/**
 * Creates the demo contract unless it exists: its header, and version 1 with the header's terms and
 * the spec's defaults for the rest. An existing contract keeps its versions.
 */
export async function seedDemoContract(stores: BillingStores): Promise<void> {
  const { tz, currency, ratePerHour, slaTarget, heartbeatTimeoutSeconds } = DEMO_CONTRACT;
  await new ContractService(stores).ensure(
    DEMO_CONTRACT,
    withDefaultTerms({ tz, currency, ratePerHour, slaTarget, heartbeatTimeoutSeconds }),
  );
}
