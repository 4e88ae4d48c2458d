import type { PlatformConfig } from '@hourglass/platform-config';

/**
 * The start banner's admin token line: the token itself only when it was generated (nobody knows it
 * otherwise); a configured HG_ADMIN_TOKEN is never printed, since banners end up in logs.
 */
export function adminTokenLine(
  config: Pick<PlatformConfig, 'HG_ADMIN_TOKEN' | 'adminTokenGenerated'>,
): string {
  return config.adminTokenGenerated
    ? `${config.HG_ADMIN_TOKEN}   (generated; set HG_ADMIN_TOKEN to keep one)`
    : 'the one set in HG_ADMIN_TOKEN (not printed)';
}
