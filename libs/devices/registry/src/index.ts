export * from './lib/password-hasher';
export * from './lib/device.repository';
export * from './lib/asset.repository';
export * from './lib/device-registry.service';
export * from './lib/device-errors';
export * from './lib/device-credential-events';
export * from './migrations';
export * from './lib/asset-activity.recorder';
