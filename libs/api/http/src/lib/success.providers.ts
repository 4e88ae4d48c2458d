import type { Provider } from '@nestjs/common';
import {
  ChurnWarningService,
  CustomerHealthService,
  MatrixThresholdRepository,
  NpsAnswerRepository,
  NpsService,
  RfmService,
  SegmentRuleRepository,
  TouchCalendarService,
  TouchOutcomeRepository,
  ValueMatrixService,
} from '@hourglass/success-customer';
import type { ApiContext } from './api-context';
import {
  billingPaidEvents,
  completedOrderAdapter,
  contractEconomics,
  customerHealthAdapters,
  customerStandings,
  lifecycleAssets,
} from './success.adapters';

/** Providers of the customer-success routes: the success lib's services over the owners' APIs. */
export function successProviders(context: ApiContext): Provider[] {
  const { db } = context;
  const answers = new NpsAnswerRepository(db);
  const rules = new SegmentRuleRepository(db);
  const thresholds = new MatrixThresholdRepository(db);
  const ports = { ...customerHealthAdapters(db, context.billing.stores), answers };
  const health = new CustomerHealthService(ports, { weights: context.healthWeights });
  return [
    {
      provide: NpsService,
      useValue: new NpsService({
        answers,
        orders: completedOrderAdapter(db),
        attribution: context.orderAttribution,
      }),
    },
    { provide: CustomerHealthService, useValue: health },
    {
      provide: ValueMatrixService,
      useValue: new ValueMatrixService({
        health,
        economics: contractEconomics(db, context.billing.stores),
        thresholds,
      }),
    },
    { provide: ChurnWarningService, useValue: new ChurnWarningService(ports) },
    {
      provide: TouchCalendarService,
      useValue: new TouchCalendarService({
        assets: lifecycleAssets(db),
        standing: customerStandings(health, answers),
        orders: ports.orders,
        contracts: ports.contracts,
        outcomes: new TouchOutcomeRepository(db),
      }),
    },
    { provide: SegmentRuleRepository, useValue: rules },
    { provide: MatrixThresholdRepository, useValue: thresholds },
    {
      provide: RfmService,
      useValue: new RfmService({
        fleet: ports.fleet,
        paid: billingPaidEvents(context.billing.stores),
        rules,
      }),
    },
  ];
}
