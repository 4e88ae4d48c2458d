import type { WebhookResponse } from '@hourglass/contracts-api';
import { useId } from 'react';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import { CheckboxRow, EditorFooter, useEditorForm } from './editor-form';
import {
  EMPTY_WEBHOOK_FORM,
  placeWebhookErrors,
  toggleEventType,
  webhookCreateRequest,
  webhookPatchRequest,
  webhookToForm,
  type WebhookForm,
} from './webhook-form';

/** A saved subscription; `secret` only when it was just created (shown once). */
export type SavedWebhook = WebhookResponse & { secret?: string };

/**
 * Subscribes a URL (`hook` undefined) or changes a subscription (`PATCH`: the tenant stays). The
 * API validates; its refusal is shown on the field it is about, the rest under the form.
 */
export function WebhookEditor({
  hook,
  eventTypes,
  onSaved,
  onCancel,
}: {
  hook?: WebhookResponse;
  eventTypes: readonly string[];
  onSaved(hook: SavedWebhook): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const titleId = useId();
  const { form, setForm, set, errors, busy, onSubmit, aria, message, field } = useEditorForm({
    initial: hook ? webhookToForm(hook) : EMPTY_WEBHOOK_FORM,
    save: (f: WebhookForm) =>
      hook
        ? client.patch<SavedWebhook>(
            `/api/webhooks/${encodeURIComponent(hook.id)}`,
            webhookPatchRequest(f),
          )
        : client.post<SavedWebhook>('/api/webhooks', webhookCreateRequest(f)),
    placeErrors: placeWebhookErrors,
    onSaved,
  });
  const text = (name: 'tenantId' | 'url' | 'description', label: string, disabled = false) =>
    field(name, label, (props) => (
      <input
        {...props}
        disabled={disabled}
        value={form[name]}
        onChange={(e) => set(name, e.target.value)}
      />
    ));
  return (
    <form
      className="form panel editor webhook-editor"
      aria-labelledby={titleId}
      onSubmit={onSubmit}
    >
      <h2 id={titleId}>{hook ? t('webhooks.edit.title', { url: hook.url }) : t('webhooks.new')}</h2>
      {text('tenantId', t('contracts.col.tenant'), hook !== undefined)}
      {text('url', t('webhooks.url'))}
      <fieldset {...aria('eventTypes')}>
        <legend>{t('webhooks.events')}</legend>
        {eventTypes.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              checked={form.eventTypes.includes(type)}
              onChange={() => setForm(toggleEventType(form, type, eventTypes))}
            />{' '}
            <span className="mono">{type}</span>
          </label>
        ))}
        {message('eventTypes')}
      </fieldset>
      {text('description', t('webhooks.description'))}
      <CheckboxRow
        checked={form.enabled}
        onChange={(v) => set('enabled', v)}
        label={t('rules.enabled')}
      />
      <EditorFooter
        busy={busy}
        saveLabel={t('webhooks.save')}
        onCancel={onCancel}
        errors={errors}
      />
    </form>
  );
}
