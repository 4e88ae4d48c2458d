import type { Provider } from '@nestjs/common';
import { AssetRepository } from '@hourglass/devices-registry';
import {
  AssignmentRepository,
  PartnerRepository,
  RegistryAssetSource,
  ServiceNetworkService,
  TaskOrderSource,
  VisitRepository,
} from '@hourglass/service-network';
import type { ApiContext } from './api-context';

/** The service network the API routes to (and resolves partner users' scopes with). */
export function serviceNetworkService(context: ApiContext): ServiceNetworkService {
  const { db } = context;
  return new ServiceNetworkService(
    {
      partners: new PartnerRepository(db),
      assignments: new AssignmentRepository(db),
      visits: new VisitRepository(db),
    },
    {
      orders: new TaskOrderSource(context.tasks),
      assets: new RegistryAssetSource(new AssetRepository(db)),
    },
  );
}

/** Providers of the service-network routes. */
export function serviceNetworkProviders(network: ServiceNetworkService): Provider[] {
  return [{ provide: ServiceNetworkService, useValue: network }];
}
