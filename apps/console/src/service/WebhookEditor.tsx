import type { WebhookResponse } from '@hourglass/contracts-api';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '../api/field-errors';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import {
  EMPTY_WEBHOOK_FORM,
  placeWebhookErrors,
  toggleEventType,
  webhookCreateRequest,
  webhookPatchRequest,
  webhookToForm,
  type WebhookField,
  type WebhookForm,
} from './webhook-form';

const NO_ERRORS: FieldErrors<WebhookField> = { fields: {}, other: [] };

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
  const idBase = useId();
  const [form, setForm] = useState<WebhookForm>(hook ? webhookToForm(hook) : EMPTY_WEBHOOK_FORM);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = hook
        ? await client.patch<SavedWebhook>(
            `/api/webhooks/${encodeURIComponent(hook.id)}`,
            webhookPatchRequest(form),
          )
        : await client.post<SavedWebhook>('/api/webhooks', webhookCreateRequest(form));
      onSaved(saved);
    } catch (error) {
      setErrors(placeWebhookErrors((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const message = (name: WebhookField): ReactNode =>
    errors.fields[name] !== undefined && (
      <span id={`${idBase}-${name}-error`} className="state-error">
        {errors.fields[name]}
      </span>
    );
  const aria = (name: WebhookField) => ({
    'aria-invalid': errors.fields[name] !== undefined,
    'aria-describedby': errors.fields[name] !== undefined ? `${idBase}-${name}-error` : undefined,
  });
  const text = (name: 'tenantId' | 'url' | 'description', label: string, disabled = false) => (
    <label className="field">
      {label}
      <input
        {...aria(name)}
        disabled={disabled}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
      {message(name)}
    </label>
  );
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
      <label>
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
        />{' '}
        {t('rules.enabled')}
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('webhooks.save')}
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
