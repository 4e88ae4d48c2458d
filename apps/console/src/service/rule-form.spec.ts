import type { RuleResponse } from '@hourglass/contracts-api';
import { EMPTY_RULE_FORM, placeRuleErrors, ruleRequest, ruleToForm } from './rule-form';

const rule: RuleResponse = {
  id: 'r-1',
  tenantId: null,
  assetType: 'turbofan',
  name: 'EGT high',
  condition: {
    kind: 'HEALTH_INDEX',
    metric: 's11',
    operator: 'ABOVE',
    limit: 48.2,
    forSeconds: 600,
    clearMargin: 0.5,
    clearForSeconds: 60,
  },
  component: 'hpc-module',
  priority: 'HIGH',
  enabled: false,
  createdBy: 'alice',
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};

describe('ruleRequest and ruleToForm', () => {
  it('gives back the stored rule when a rule is edited without change', () => {
    expect(ruleRequest(ruleToForm(rule))).toEqual({
      name: 'EGT high',
      assetType: 'turbofan',
      tenantId: null,
      condition: rule.condition,
      component: 'hpc-module',
      priority: 'HIGH',
      enabled: false,
    });
  });

  it('trims text, sends a tenant when given and numbers as numbers', () => {
    const body = ruleRequest({
      ...EMPTY_RULE_FORM,
      name: ' Oil low ',
      assetType: 'pump',
      tenantId: ' acme ',
      metric: 'oil',
      operator: 'BELOW',
      limit: ' 1.5 ',
      forSeconds: '30',
      component: 'seal',
    });
    expect(body).toMatchObject({
      name: 'Oil low',
      tenantId: 'acme',
      condition: { kind: 'THRESHOLD', operator: 'BELOW', limit: 1.5, forSeconds: 30 },
    });
  });

  it('sends what is not a number as typed, for the API to refuse on its field', () => {
    const body = ruleRequest({ ...EMPTY_RULE_FORM, limit: '', forSeconds: 'ten' });
    expect(body.condition.limit).toBe('');
    expect(body.condition.forSeconds).toBe('ten');
  });
});

describe('placeRuleErrors', () => {
  it("puts each field's messages on its input and keeps the rest whole", () => {
    expect(
      placeRuleErrors(
        'condition.limit: Expected number, received string; name: Required; condition.limit: too big; tenantId.x: odd',
      ),
    ).toEqual({
      fields: { limit: 'Expected number, received string; too big', name: 'Required' },
      other: ['tenantId.x: odd'],
    });
  });

  it('keeps a message that names no field', () => {
    expect(placeRuleErrors('rules are provider configuration')).toEqual({
      fields: {},
      other: ['rules are provider configuration'],
    });
  });
});
