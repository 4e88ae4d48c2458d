import { TASK_PRIORITIES, type MaintenancePlanResponse } from '@hourglass/contracts-api';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '../api/field-errors';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import {
  EMPTY_PLAN_FORM,
  placePlanErrors,
  planCreateRequest,
  planPatchRequest,
  planToForm,
  type PlanField,
  type PlanForm,
} from './plan-form';

const NO_ERRORS: FieldErrors<PlanField> = { fields: {}, other: [] };
type TextField = Exclude<PlanField, 'targetKind' | 'priority' | 'enabled'>;

/**
 * Creates a maintenance plan (`plan` undefined) or changes one (`PATCH`: the tenant and target
 * stay). The API validates; its 400 is shown on the fields it names, the rest under the form.
 */
export function PlanEditor({
  plan,
  onSaved,
  onCancel,
}: {
  plan?: MaintenancePlanResponse;
  onSaved(plan: MaintenancePlanResponse): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const titleId = useId();
  const idBase = useId();
  const [form, setForm] = useState<PlanForm>(plan ? planToForm(plan) : EMPTY_PLAN_FORM);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PlanForm>(name: K, value: PlanForm[K]) =>
    setForm((f) => ({ ...f, [name]: value }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = plan
        ? await client.patch<MaintenancePlanResponse>(
            `/api/maintenance-plans/${encodeURIComponent(plan.id)}`,
            planPatchRequest(form),
          )
        : await client.post<MaintenancePlanResponse>(
            '/api/maintenance-plans',
            planCreateRequest(form),
          );
      onSaved(saved);
    } catch (error) {
      setErrors(placePlanErrors((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const field = (name: PlanField, label: string, input: (props: object) => ReactNode) => {
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
  const text = (name: TextField, label: string, disabled = false) =>
    field(name, label, (props) => (
      <input
        {...props}
        disabled={disabled}
        value={form[name]}
        onChange={(e) => set(name, e.target.value)}
      />
    ));
  return (
    <form className="form panel editor plan-editor" aria-labelledby={titleId} onSubmit={onSubmit}>
      <h2 id={titleId}>{plan ? t('plans.edit.title', { name: plan.name }) : t('plans.new')}</h2>
      {text('tenantId', t('plans.field.tenant'), plan !== undefined)}
      {field('targetKind', t('plans.field.targetKind'), (props) => (
        <select
          {...props}
          disabled={plan !== undefined}
          value={form.targetKind}
          onChange={(e) => set('targetKind', e.target.value as PlanForm['targetKind'])}
        >
          <option value="assetType">{t('plans.field.byType')}</option>
          <option value="assetId">{t('plans.field.byAsset')}</option>
        </select>
      ))}
      {text('target', t('plans.field.target'), plan !== undefined)}
      {text('name', t('plans.field.name'))}
      {text('component', t('orders.col.component'))}
      {text('intervalDays', t('plans.field.intervalDays'))}
      {text('intervalHours', t('plans.field.intervalHours'))}
      {text('leadDays', t('plans.field.leadDays'))}
      {text('reminderDays', t('plans.field.reminderDays'))}
      {text('timeZone', t('plans.field.timeZone'))}
      {field('priority', t('orders.col.priority'), (props) => (
        <select
          {...props}
          value={form.priority}
          onChange={(e) => set('priority', e.target.value as PlanForm['priority'])}
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
        {t('plans.field.enabled')}
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('plans.save')}
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
