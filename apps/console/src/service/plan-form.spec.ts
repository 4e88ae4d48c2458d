import type { MaintenancePlanResponse } from '@hourglass/contracts-api';
import {
  EMPTY_PLAN_FORM,
  placePlanErrors,
  planCreateRequest,
  planPatchRequest,
  planToForm,
} from './plan-form';

const plan: MaintenancePlanResponse = {
  id: 'p-1',
  tenantId: 'acme',
  name: 'Borescope',
  target: { assetId: 'acme-1' },
  component: 'hpc-module',
  intervalDays: null,
  intervalHours: 500,
  leadDays: 14,
  reminderDays: [7, 0],
  timeZone: 'Europe/Berlin',
  priority: 'HIGH',
  startsAt: '2026-01-01T00:00:00Z',
  enabled: false,
  createdBy: 'alice',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('plan form bodies', () => {
  it('creates a plan for an asset type, blank intervals as none and reminders as numbers', () => {
    expect(
      planCreateRequest({
        ...EMPTY_PLAN_FORM,
        tenantId: ' acme ',
        target: 'turbofan',
        name: 'Oil change',
        component: 'oil',
        intervalDays: '90',
      }),
    ).toEqual({
      tenantId: 'acme',
      assetType: 'turbofan',
      name: 'Oil change',
      component: 'oil',
      intervalDays: 90,
      intervalHours: null,
      leadDays: 0,
      reminderDays: [30, 15, 7, 0],
      timeZone: 'UTC',
      priority: 'MEDIUM',
      enabled: true,
    });
  });

  it('edits a stored plan without its tenant and target, giving back what is stored', () => {
    expect(planPatchRequest(planToForm(plan))).toEqual({
      name: 'Borescope',
      component: 'hpc-module',
      intervalDays: null,
      intervalHours: 500,
      leadDays: 14,
      reminderDays: [7, 0],
      timeZone: 'Europe/Berlin',
      priority: 'HIGH',
      enabled: false,
    });
    expect(planCreateRequest(planToForm(plan))).toMatchObject({ assetId: 'acme-1' });
  });

  it('sends what is not a number as typed, for the API to refuse on its field', () => {
    const body = planPatchRequest({
      ...EMPTY_PLAN_FORM,
      intervalDays: 'monthly',
      reminderDays: '7, x',
    });
    expect(body.intervalDays).toBe('monthly');
    expect(body.reminderDays).toEqual([7, 'x']);
  });
});

describe('placePlanErrors', () => {
  it('puts the target, interval and reminder messages on their fields', () => {
    expect(
      placePlanErrors(
        'assetType: exactly one of assetType and assetId; intervalDays: intervalDays or intervalHours (or both); reminderDays.1: Expected number, received string; startsAt: bad',
      ),
    ).toEqual({
      fields: {
        target: 'exactly one of assetType and assetId',
        intervalDays: 'intervalDays or intervalHours (or both)',
        reminderDays: 'Expected number, received string',
      },
      other: ['startsAt: bad'],
    });
  });
});
