export * from './lib/api-context';
export * from './lib/http-api';
export * from './lib/domain-error.filter';
export * from './lib/auth/caller';
export * from './lib/auth/user.repository';
export * from './lib/auth/user.service';
export * from './lib/domain-error-codes';
export * from './lib/auth/auth-failure.throttle';
