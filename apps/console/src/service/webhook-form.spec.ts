import type { WebhookResponse } from '@hourglass/contracts-api';
import {
  EMPTY_WEBHOOK_FORM,
  placeWebhookErrors,
  toggleEventType,
  webhookCreateRequest,
  webhookPatchRequest,
  webhookToForm,
} from './webhook-form';

const ALL = ['plan.reminder', 'task.completed', 'work_order.raised'];
const hook: WebhookResponse = {
  id: 'w-1',
  tenantId: 'acme',
  url: 'https://cmms.example.com/hooks',
  eventTypes: ['work_order.raised'],
  description: null,
  enabled: false,
  consecutiveFailures: 3,
  disabledReason: 'failing',
  createdBy: 'alice',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('webhook form bodies', () => {
  it('creates a subscription with the ticked types in the API order and no blank description', () => {
    let form = { ...EMPTY_WEBHOOK_FORM, tenantId: ' acme ', url: ' https://x.example/h ' };
    form = toggleEventType(form, 'work_order.raised', ALL);
    form = toggleEventType(form, 'plan.reminder', ALL);
    form = toggleEventType(form, 'task.completed', ALL);
    form = toggleEventType(form, 'task.completed', ALL);
    expect(webhookCreateRequest(form)).toEqual({
      tenantId: 'acme',
      url: 'https://x.example/h',
      eventTypes: ['plan.reminder', 'work_order.raised'],
      description: null,
      enabled: true,
    });
  });

  it('edits a subscription without its tenant, giving back what is stored', () => {
    expect(webhookPatchRequest(webhookToForm(hook))).toEqual({
      url: 'https://cmms.example.com/hooks',
      eventTypes: ['work_order.raised'],
      description: null,
      enabled: false,
    });
  });
});

describe('placeWebhookErrors', () => {
  it("puts the schema's paths and the service's URL and event-type wording on their fields", () => {
    expect(placeWebhookErrors('tenantId: Required; description: too long')).toEqual({
      fields: { tenantId: 'Required', description: 'too long' },
      other: [],
    });
    expect(placeWebhookErrors('url must be http or https')).toEqual({
      fields: { url: 'url must be http or https' },
      other: [],
    });
    expect(placeWebhookErrors('eventTypes must name at least one event type')).toEqual({
      fields: { eventTypes: 'eventTypes must name at least one event type' },
      other: [],
    });
    expect(placeWebhookErrors('no webhook w-9')).toEqual({ fields: {}, other: ['no webhook w-9'] });
  });
});
