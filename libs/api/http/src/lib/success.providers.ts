import type { Provider } from '@nestjs/common';
import {
  ChurnWarningService,
  CustomerHealthService,
  NpsAnswerRepository,
  NpsService,
  RfmService,
  SegmentRuleRepository,
} from '@hourglass/success-customer';
import type { ApiContext } from './api-context';
import {
  billingPaidEvents,
  completedOrderAdapter,
  customerHealthAdapters,
} from './success.adapters';

/** Providers of the customer-success routes: the success lib's services over the owners' APIs. */
export function successProviders(context: ApiContext): Provider[] {
  const { db } = context;
  const answers = new NpsAnswerRepository(db);
  const rules = new SegmentRuleRepository(db);
  const ports = { ...customerHealthAdapters(db, context.billing.stores), answers };
  return [
    {
      provide: NpsService,
      useValue: new NpsService({
        answers,
        orders: completedOrderAdapter(db),
        attribution: context.orderAttribution,
      }),
    },
    {
      provide: CustomerHealthService,
      useValue: new CustomerHealthService(ports, { weights: context.healthWeights }),
    },
    { provide: ChurnWarningService, useValue: new ChurnWarningService(ports) },
    { provide: SegmentRuleRepository, useValue: rules },
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
