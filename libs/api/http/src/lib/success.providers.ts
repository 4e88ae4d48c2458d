import type { Provider } from '@nestjs/common';
import {
  CustomerHealthService,
  NpsAnswerRepository,
  NpsService,
} from '@hourglass/success-customer';
import type { ApiContext } from './api-context';
import { completedOrderAdapter, customerHealthAdapters } from './success.adapters';

/** Providers of the customer-success routes: the success lib's services over the owners' APIs. */
export function successProviders(context: ApiContext): Provider[] {
  const { db } = context;
  const answers = new NpsAnswerRepository(db);
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
      useValue: new CustomerHealthService(
        { ...customerHealthAdapters(db, context.billing.stores), answers },
        { weights: context.healthWeights },
      ),
    },
  ];
}
