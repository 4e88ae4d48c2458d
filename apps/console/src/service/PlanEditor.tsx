import type { MaintenancePlanResponse } from '@hourglass/contracts-api';
import { useId } from 'react';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import { CheckboxRow, EditorFooter, PrioritySelect, useEditorForm } from './editor-form';
import {
  EMPTY_PLAN_FORM,
  placePlanErrors,
  planCreateRequest,
  planPatchRequest,
  planToForm,
  type PlanField,
  type PlanForm,
} from './plan-form';

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
  const { form, set, errors, busy, onSubmit, field } = useEditorForm({
    initial: plan ? planToForm(plan) : EMPTY_PLAN_FORM,
    save: (f: PlanForm) =>
      plan
        ? client.patch<MaintenancePlanResponse>(
            `/api/maintenance-plans/${encodeURIComponent(plan.id)}`,
            planPatchRequest(f),
          )
        : client.post<MaintenancePlanResponse>('/api/maintenance-plans', planCreateRequest(f)),
    placeErrors: placePlanErrors,
    onSaved,
  });
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
        <PrioritySelect {...props} value={form.priority} onChange={(v) => set('priority', v)} />
      ))}
      <CheckboxRow
        checked={form.enabled}
        onChange={(v) => set('enabled', v)}
        label={t('plans.field.enabled')}
      />
      <EditorFooter busy={busy} saveLabel={t('plans.save')} onCancel={onCancel} errors={errors} />
    </form>
  );
}
