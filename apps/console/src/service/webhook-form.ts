import type { WebhookResponse } from '@hourglass/contracts-api';
import { placeFieldErrors, type FieldErrors } from '../api/field-errors';

/** What the webhook form holds. */
export interface WebhookForm {
  tenantId: string;
  url: string;
  /** The event types ticked, in the order the API lists them. */
  eventTypes: string[];
  description: string;
  enabled: boolean;
}

export type WebhookField = keyof WebhookForm;

export const EMPTY_WEBHOOK_FORM: WebhookForm = {
  tenantId: '',
  url: '',
  eventTypes: [],
  description: '',
  enabled: true,
};

/** A stored subscription in the form, for editing. */
export function webhookToForm(hook: WebhookResponse): WebhookForm {
  return {
    tenantId: hook.tenantId,
    url: hook.url,
    eventTypes: [...hook.eventTypes],
    description: hook.description ?? '',
    enabled: hook.enabled,
  };
}

/** Ticks or unticks `type`, keeping the API's order of `all`. */
export function toggleEventType(
  form: WebhookForm,
  type: string,
  all: readonly string[],
): WebhookForm {
  const ticked = new Set(form.eventTypes);
  if (ticked.has(type)) ticked.delete(type);
  else ticked.add(type);
  return { ...form, eventTypes: all.filter((t) => ticked.has(t)) };
}

/** The fields create and edit both send; a blank description is none. */
function common(form: WebhookForm) {
  return {
    url: form.url.trim(),
    eventTypes: form.eventTypes,
    description: form.description.trim() || null,
    enabled: form.enabled,
  };
}

/** The `POST /api/webhooks` body. */
export function webhookCreateRequest(form: WebhookForm) {
  return { tenantId: form.tenantId.trim(), ...common(form) };
}

/** The `PATCH /api/webhooks/{id}` body (the tenant stays). */
export function webhookPatchRequest(form: WebhookForm) {
  return common(form);
}

const FIELD_OF_PATH: Record<string, WebhookField> = {
  tenantId: 'tenantId',
  url: 'url',
  eventTypes: 'eventTypes',
  description: 'description',
  enabled: 'enabled',
};

/**
 * Places a refusal on the webhook form: the schema's `path: message` parts, and the service's
 * own wording about the URL or the event types (which names no path) on those fields.
 */
export function placeWebhookErrors(message: string): FieldErrors<WebhookField> {
  const placed = placeFieldErrors(message, FIELD_OF_PATH);
  const other: string[] = [];
  for (const part of placed.other) {
    const field = /event type/i.test(part) ? 'eventTypes' : /\burl\b/i.test(part) ? 'url' : null;
    if (field && placed.fields[field] === undefined) placed.fields[field] = part;
    else other.push(part);
  }
  return { fields: placed.fields, other };
}
