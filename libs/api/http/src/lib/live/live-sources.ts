import type { AssetRepository } from '@hourglass/devices-registry';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import type { ApiContext } from '../api-context';
import { LiveEventHub } from './live-event.hub';

/** The hub of `GET /api/events` over the registry's assets and the newest work orders. */
export function liveEventHub(context: ApiContext, assets: AssetRepository): LiveEventHub {
  return new LiveEventHub(
    {
      assets: () => assets.list(PROVIDER_SCOPE),
      newestOrders: async (limit) =>
        (await context.tasks.listPage(PROVIDER_SCOPE, {}, { limit })).items,
    },
    context.live,
  );
}
