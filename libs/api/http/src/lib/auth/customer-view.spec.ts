import type { BillingRun } from '@hourglass/billing-records';
import type { Caller } from './caller';
import { runForCaller } from './customer-view';

const run = {
  review: {
    reasons: ['meter jump'],
    notes: [],
    approvedBy: 'pat (provider staff)',
    approvedAt: '2026-07-03T00:00:00.000Z',
  },
} as unknown as BillingRun;
const customer = { role: 'customer' } as Caller;
const provider = { role: 'provider' } as Caller;

describe(runForCaller.name, () => {
  it('hides the staff member who approved a held run from customers, and keeps it for provider users', () => {
    expect(runForCaller(customer, run).review.approvedBy).toBe('provider');
    expect(runForCaller(provider, run).review.approvedBy).toBe('pat (provider staff)');
    // The stored run is not changed.
    expect(run.review.approvedBy).toBe('pat (provider staff)');
  });
});
