import { TASK_PRIORITIES, type RuleResponse } from '@hourglass/contracts-api';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import {
  EMPTY_RULE_FORM,
  placeRuleErrors,
  ruleRequest,
  ruleToForm,
  type RuleErrors,
  type RuleField,
  type RuleForm,
} from './rule-form';

const NO_ERRORS: RuleErrors = { fields: {}, other: [] };

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
  const idBase = useId();
  const [form, setForm] = useState<RuleForm>(rule ? ruleToForm(rule) : EMPTY_RULE_FORM);
  const [errors, setErrors] = useState<RuleErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof RuleForm>(name: K, value: RuleForm[K]) =>
    setForm((f) => ({ ...f, [name]: value }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body = ruleRequest(form);
      const saved = rule
        ? await client.put<RuleResponse>(`/api/rules/${encodeURIComponent(rule.id)}`, body)
        : await client.post<RuleResponse>('/api/rules', body);
      onSaved(saved);
    } catch (error) {
      setErrors(placeRuleErrors((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const field = (name: RuleField, label: string, input: (props: object) => ReactNode) => {
    const message = errors.fields[name];
    const errorId = `${idBase}-${name}-error`;
    return (
      <label className="field">
        {label}
        {input({
          'aria-invalid': message !== undefined,
          'aria-describedby': message !== undefined ? errorId : undefined,
        })}
        {message !== undefined && (
          <span id={errorId} className="state-error">
            {message}
          </span>
        )}
      </label>
    );
  };
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
        <select
          {...props}
          value={form.priority}
          onChange={(e) => set('priority', e.target.value as RuleForm['priority'])}
        >
          {TASK_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      ))}
      <label>
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />{' '}
        {t('rules.enabled')}
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('rules.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
      {errors.other.length > 0 && (
        <p role="alert" className="state-error">
          {t('form.refused', { message: errors.other.join('; ') })}
        </p>
      )}
      {Object.keys(errors.fields).length > 0 && (
        <p role="alert" className="state-error">
          {t('form.fixFields')}
        </p>
      )}
    </form>
  );
}
