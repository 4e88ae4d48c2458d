import type { RuleConditionBody, RuleResponse } from '@hourglass/contracts-api';
import { placeFieldErrors, type FieldErrors } from '../api/field-errors';

/** What the rule form holds: text as typed (numbers are read when the body is built). */
export interface RuleForm {
  name: string;
  assetType: string;
  /** Empty: the rule applies to every tenant. */
  tenantId: string;
  /** Kept as stored when editing; new rules are thresholds. */
  kind: RuleConditionBody['kind'];
  metric: string;
  operator: 'ABOVE' | 'BELOW';
  limit: string;
  forSeconds: string;
  clearMargin: string;
  clearForSeconds: string;
  component: string;
  priority: RuleResponse['priority'];
  enabled: boolean;
}

/** The fields an API error can be shown on. */
export type RuleField = Exclude<keyof RuleForm, 'kind'>;

/** An empty form for a new rule. */
export const EMPTY_RULE_FORM: RuleForm = {
  name: '',
  assetType: '',
  tenantId: '',
  kind: 'THRESHOLD',
  metric: '',
  operator: 'ABOVE',
  limit: '',
  forSeconds: '0',
  clearMargin: '0',
  clearForSeconds: '0',
  component: '',
  priority: 'MEDIUM',
  enabled: true,
};

/** A stored rule in the form, for editing. */
export function ruleToForm(rule: RuleResponse): RuleForm {
  const c = rule.condition;
  return {
    name: rule.name,
    assetType: rule.assetType,
    tenantId: rule.tenantId ?? '',
    kind: c.kind,
    metric: c.metric,
    operator: c.operator,
    limit: String(c.limit),
    forSeconds: String(c.forSeconds),
    clearMargin: String(c.clearMargin),
    clearForSeconds: String(c.clearForSeconds),
    component: rule.component,
    priority: rule.priority,
    enabled: rule.enabled,
  };
}

/**
 * A number field as sent: the number typed, or the text itself when it is none (blank included),
 * so that the API's 400 names the field and the console does not second-guess its rules.
 */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : trimmed;
}

/** The `POST /api/rules` / `PUT /api/rules/{id}` body of the form. */
export function ruleRequest(form: RuleForm) {
  return {
    name: form.name.trim(),
    assetType: form.assetType.trim(),
    tenantId: form.tenantId.trim() || null,
    condition: {
      kind: form.kind,
      metric: form.metric.trim(),
      operator: form.operator,
      limit: numberOrText(form.limit),
      forSeconds: numberOrText(form.forSeconds),
      clearMargin: numberOrText(form.clearMargin),
      clearForSeconds: numberOrText(form.clearForSeconds),
    },
    component: form.component.trim(),
    priority: form.priority,
    enabled: form.enabled,
  };
}

const FIELD_OF_PATH: Record<string, RuleField> = {
  name: 'name',
  assetType: 'assetType',
  tenantId: 'tenantId',
  'condition.metric': 'metric',
  'condition.operator': 'operator',
  'condition.limit': 'limit',
  'condition.forSeconds': 'forSeconds',
  'condition.clearMargin': 'clearMargin',
  'condition.clearForSeconds': 'clearForSeconds',
  component: 'component',
  priority: 'priority',
  enabled: 'enabled',
};

/** The API's refusal split onto the rule form. */
export type RuleErrors = FieldErrors<RuleField>;

/** Places a 400's message on the rule form's fields (see {@link placeFieldErrors}). */
export function placeRuleErrors(message: string): RuleErrors {
  return placeFieldErrors(message, FIELD_OF_PATH);
}
