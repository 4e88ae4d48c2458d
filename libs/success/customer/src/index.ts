export * from './lib/success.error';
export * from './lib/nps/nps';
export * from './lib/nps/nps.ports';
export * from './lib/nps/nps-answer.repository';
export * from './lib/nps/nps.service';
export * from './migrations';
