export * from './lib/task.repository';
export * from './lib/replacement-task.service';
