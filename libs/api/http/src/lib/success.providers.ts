import type { Provider } from '@nestjs/common';
import { NpsAnswerRepository, NpsService } from '@hourglass/success-customer';
import type { ApiContext } from './api-context';
import { completedOrderAdapter } from './success.adapters';

/** Providers of the customer-success routes: the success lib's services over the owners' APIs. */
export function successProviders(context: ApiContext): Provider[] {
  const { db } = context;
  return [
    {
      provide: NpsService,
      useValue: new NpsService({
        answers: new NpsAnswerRepository(db),
        orders: completedOrderAdapter(db),
        attribution: context.orderAttribution,
      }),
    },
  ];
}
