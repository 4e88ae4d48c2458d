export * from './lib/maintenance-command.publisher';
