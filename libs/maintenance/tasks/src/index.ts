export * from './lib/task.repository';
export * from './lib/replacement-task.service';
export * from './lib/warning-policy.repository';
export * from './lib/warning-policies';
export * from './lib/task-cost';
export * from './migrations';
