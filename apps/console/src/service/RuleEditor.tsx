import type { RuleResponse } from '@hourglass/contracts-api';
import { useId } from 'react';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import { CheckboxRow, EditorFooter, PrioritySelect, useEditorForm } from './editor-form';
import {
  EMPTY_RULE_FORM,
  placeRuleErrors,
  ruleRequest,
  ruleToForm,
  type RuleField,
  type RuleForm,
} from './rule-form';

/**
 * Creates a rule (`rule` undefined) or replaces one (`PUT`). The API validates; its 400 is shown
 * on the fields it names (`aria-invalid`, the message under the input), the rest under the form.
 */
export function RuleEditor({
  rule,
  onSaved,
  onCancel,
}: {
  rule?: RuleResponse;
  onSaved(rule: RuleResponse): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const titleId = useId();
  const { form, set, errors, busy, onSubmit, field } = useEditorForm({
    initial: rule ? ruleToForm(rule) : EMPTY_RULE_FORM,
    save: (f: RuleForm) =>
      rule
        ? client.put<RuleResponse>(`/api/rules/${encodeURIComponent(rule.id)}`, ruleRequest(f))
        : client.post<RuleResponse>('/api/rules', ruleRequest(f)),
    placeErrors: placeRuleErrors,
    onSaved,
  });
  const text = (name: Exclude<RuleField, 'operator' | 'priority' | 'enabled'>, label: string) =>
    field(name, label, (props) => (
      <input {...props} value={form[name]} onChange={(e) => set(name, e.target.value)} />
    ));
  return (
    <form className="form panel editor rule-editor" aria-labelledby={titleId} onSubmit={onSubmit}>
      <h2 id={titleId}>{rule ? t('rules.edit.title', { name: rule.name }) : t('rules.new')}</h2>
      {text('name', t('rules.name'))}
      {text('assetType', t('kpi.assetType'))}
      {text('tenantId', t('rules.field.tenant'))}
      {text('metric', t('rules.field.metric'))}
      {field('operator', t('rules.field.operator'), (props) => (
        <select
          {...props}
          value={form.operator}
          onChange={(e) => set('operator', e.target.value as RuleForm['operator'])}
        >
          <option value="ABOVE">{t('rules.field.above')}</option>
          <option value="BELOW">{t('rules.field.below')}</option>
        </select>
      ))}
      {text('limit', t('rules.field.limit'))}
      {text('forSeconds', t('rules.field.forSeconds'))}
      {text('clearMargin', t('rules.field.clearMargin'))}
      {text('clearForSeconds', t('rules.field.clearForSeconds'))}
      {text('component', t('orders.col.component'))}
      {field('priority', t('orders.col.priority'), (props) => (
        <PrioritySelect {...props} value={form.priority} onChange={(v) => set('priority', v)} />
      ))}
      <CheckboxRow
        checked={form.enabled}
        onChange={(v) => set('enabled', v)}
        label={t('rules.enabled')}
      />
      <EditorFooter busy={busy} saveLabel={t('rules.save')} onCancel={onCancel} errors={errors} />
    </form>
  );
}
