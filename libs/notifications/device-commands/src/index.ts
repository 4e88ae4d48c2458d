export * from './lib/maintenance-command.publisher';
export * from './lib/equipment-event';
export * from './lib/equipment-event.receiver';
export * from './lib/equipment-event.repository';
export * from './migrations';
export * from './lib/device-command-outbox.repository';
export * from './lib/device-command-relay.job';
