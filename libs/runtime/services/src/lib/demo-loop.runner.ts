import { DeviceError, DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { DEFAULT_TENANT_ID, PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { PartnerRepository } from '@hourglass/service-network';
import {
  CustomerApiClient,
  CustomerVoice,
  DEFAULT_CMAPSS_FILE,
  DEMO_FLEET_UNITS,
  demoFleetDeviceIds,
  FIELD_TECHNICIAN_DEFAULTS,
  FieldTechnician,
  readCmapssFile,
  startDemoFleet,
  TechnicianApiClient,
  type DemoFleet,
  type DemoFleetOptions,
  type FieldTechnicianOptions,
} from '@hourglass/simulator-cmapss';
import type { CaseLibraryOptions } from '@hourglass/service-cases';
import type { RuntimeContext } from './runtime-context';
import { seedDemoCases } from './demo-cases.seed';
import { seedSuccessDemo } from './success-demo/success-demo.seed';

/** The demo fleet of `npm start`, the field technician working its orders and the customer answering the NPS question. */
export interface RunningDemoLoop {
  fleet: DemoFleet;
  technician?: FieldTechnician;
  customer?: CustomerVoice;
  stop(): Promise<void>;
}

/** The field technician's name: its user, and its technician record in the own team. */
const TECHNICIAN = 'field-technician';

/**
 * Overrides of the demo loop (tests: units, speed, delays); `technician: false` leaves it out,
 * `customers: false` the seeded customer-success year (see {@link seedDemoCustomers}) and
 * `cases: false` the fleet's seeded past cases (see {@link seedDemoPastCases}).
 */
export interface DemoLoopOptions {
  fleet?: Partial<DemoFleetOptions>;
  technician?: Partial<Omit<FieldTechnicianOptions, 'api' | 'fleet'>> | false;
  customers?: false;
  cases?: false;
}

/**
 * Seeds the customer-success demo (issue 15) once per database: three customers with a year of
 * hours, orders, visits, NPS answers and billed months, two partners and their technicians.
 */
export async function seedDemoCustomers(ctx: RuntimeContext): Promise<void> {
  const r = await seedSuccessDemo(ctx.db);
  ctx.log(
    r.seeded
      ? `demo: seeded 3 customers (${r.events} state events, ${r.orders} orders, ${r.visits} visits, ${r.answers} NPS answers, ${r.billingRuns} billed months) in ${r.ms} ms`
      : 'demo: the customer-success demo was seeded before',
  );
}

/**
 * Seeds the demo fleet's past service once per database (see {@link seedDemoCases}), so the case
 * library suggests from the first live order; `caseLibrary` are the live library's settings.
 */
export async function seedDemoPastCases(
  ctx: RuntimeContext,
  caseLibrary: CaseLibraryOptions,
  fleet: Partial<DemoFleetOptions> = {},
): Promise<void> {
  const r = await seedDemoCases(ctx.db, {
    deviceIds: demoFleetDeviceIds(fleet.fleetSize ?? ctx.config.HG_SIM_DEVICES, fleet.prefix),
    units: await readCmapssFile(DEFAULT_CMAPSS_FILE),
    speed: fleet.speed ?? ctx.config.HG_SIM_SPEED,
    caseLibrary,
  });
  ctx.log(
    r.seeded
      ? `demo: seeded ${r.cases} past cases of the fleet's engines in ${r.ms} ms`
      : "demo: the fleet's past cases were seeded before",
  );
}

/**
 * Starts the demo fleet on the broker at `mqttUrl` and, unless `HG_SIM_TECHNICIAN_DELAY_S=off`, the
 * field technician, who signs up as the `field-technician` user with the admin token and then works
 * orders through the REST API at `httpUrl` only.
 */
export async function startDemoLoop(
  ctx: RuntimeContext,
  urls: { mqttUrl: string; httpUrl: string },
  options: DemoLoopOptions = {},
): Promise<RunningDemoLoop> {
  const fleet = await startFleet(ctx, urls.mqttUrl, options.fleet);
  const delay = ctx.config.HG_SIM_TECHNICIAN_DELAY_S ?? FIELD_TECHNICIAN_DEFAULTS.delaySeconds;
  if (options.technician === false || delay === 'off') return { fleet, stop: () => fleet.stop() };
  try {
    const technician = await startTechnician(ctx, urls.httpUrl, fleet, delay, options);
    const customer = await startCustomer(ctx, urls.httpUrl);
    return {
      fleet,
      technician,
      customer,
      stop: async () => {
        await customer?.stop();
        await technician.stop();
        ctx.log(`simulator: ${technician.ledger.describeSummary()}`);
        await fleet.stop();
      },
    };
  } catch (error) {
    // The demo runs on without its technician rather than not at all.
    ctx.log(`simulator: the field technician did not start: ${(error as Error).message}`);
    return { fleet, stop: () => fleet.stop() };
  }
}

/** The field technician, who also reports its visits as the own team's technician `field-technician`. */
async function startTechnician(
  ctx: RuntimeContext,
  apiUrl: string,
  fleet: DemoFleet,
  delay: number,
  options: DemoLoopOptions,
): Promise<FieldTechnician> {
  await new PartnerRepository(ctx.db).insertTechnician({
    id: TECHNICIAN,
    name: 'Field technician (simulated)',
    partnerId: null,
    regions: ['north', 'south'],
    skills: ['turbofan'],
    certifiedFrom: null,
    certifiedTo: null,
  });
  const api = await TechnicianApiClient.signUp({
    apiUrl,
    adminToken: ctx.config.HG_ADMIN_TOKEN,
    name: TECHNICIAN,
  });
  return new FieldTechnician({
    api,
    fleet,
    name: TECHNICIAN,
    acknowledgeAfterMs: (delay * 1000) / 3,
    workAfterMs: (delay * 1000 * 2) / 3,
    visits: { technicianId: TECHNICIAN, region: 'north' },
    log: (line) => ctx.log(`simulator: ${line}`),
    ...options.technician,
  }).start();
}

/** The fleet's customer (a customer user of the default tenant) answering the NPS question; none when it cannot sign up. */
async function startCustomer(
  ctx: RuntimeContext,
  apiUrl: string,
): Promise<CustomerVoice | undefined> {
  try {
    const api = await CustomerApiClient.signUp({
      apiUrl,
      adminToken: ctx.config.HG_ADMIN_TOKEN,
      name: 'demo-customer',
      tenantId: DEFAULT_TENANT_ID,
    });
    return new CustomerVoice({ api, log: (line) => ctx.log(`simulator: ${line}`) }).start();
  } catch (error) {
    ctx.log(`simulator: the customer did not start: ${(error as Error).message}`);
    return undefined;
  }
}

async function startFleet(
  ctx: RuntimeContext,
  mqttUrl: string,
  overrides: Partial<DemoFleetOptions> = {},
): Promise<DemoFleet> {
  const registry = new DeviceRegistryService(new DeviceRepository(ctx.db));
  return startDemoFleet({
    mqttUrl,
    units: DEFAULT_CMAPSS_FILE,
    // The held-out units of the shipped file; a caller's own trajectories are run whole.
    ...(overrides.units ? {} : { unitIds: DEMO_FLEET_UNITS }),
    fleetSize: ctx.config.HG_SIM_DEVICES,
    speed: ctx.config.HG_SIM_SPEED,
    log: (line) => ctx.log(`simulator: ${line}`),
    provision: async (deviceId) => {
      try {
        return (await registry.provision(PROVIDER_SCOPE, { id: deviceId, type: 'turbofan' }))
          .credentials;
      } catch (error) {
        if (error instanceof DeviceError && error.code === 'DEVICE_EXISTS') {
          return registry.rotateCredentials(PROVIDER_SCOPE, deviceId);
        }
        throw error;
      }
    },
    ...overrides,
  });
}
