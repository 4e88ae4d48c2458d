export * from './fleet-lives';
export * from './fleet-records';
