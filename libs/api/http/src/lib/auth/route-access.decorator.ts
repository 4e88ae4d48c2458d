import { SetMetadata } from '@nestjs/common';
import type { RouteAccess } from './caller';

/** Metadata key of {@link Access}. */
export const ROUTE_ACCESS_KEY = 'hourglass:route-access';

/**
 * Who a handler or controller lets in beyond reads (see {@link RouteAccess}); without it, changes
 * need a provider role, so a new write route is closed to customers until it opts in.
 */
export const Access = (access: RouteAccess) => SetMetadata(ROUTE_ACCESS_KEY, access);
