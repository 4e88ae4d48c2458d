export * from './lib/contract.repository';
export * from './lib/billing-record.service';
