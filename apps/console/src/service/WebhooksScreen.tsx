import { useState } from 'react';
import type { WebhookListResponse, WebhookResponse } from '@hourglass/contracts-api';
import { useApiClient, useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { WebhookEditor, type SavedWebhook } from './WebhookEditor';

function TestButton({ hook }: { hook: WebhookResponse }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [state, setState] = useState<'idle' | 'busy' | 'queued' | 'failed'>('idle');
  const send = async () => {
    setState('busy');
    try {
      await client.post(`/api/webhooks/${encodeURIComponent(hook.id)}/test`);
      setState('queued');
    } catch {
      setState('failed');
    }
  };
  return (
    <span aria-live="polite">
      <button
        type="button"
        onClick={send}
        disabled={state === 'busy'}
        aria-label={t('webhooks.testOf', { url: hook.url })}
      >
        {t('webhooks.test')}
      </button>{' '}
      {state === 'queued' && t('webhooks.queued')}
      {state === 'failed' && <span className="state-error">{t('webhooks.failed')}</span>}
    </span>
  );
}

/** Signed webhook subscriptions per tenant: where they go, what they carry, their health. */
export default function WebhooksScreen() {
  const { t } = useI18n();
  const [hooks, reload] = useApiGet<WebhookListResponse>('/api/webhooks');
  // null: no editor open; 'new': a new subscription; else the one being edited.
  const [editing, setEditing] = useState<WebhookResponse | 'new' | null>(null);
  const [saved, setSaved] = useState<SavedWebhook | null>(null);
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">{t('webhooks.title')}</h1>
      <AsyncState loadable={hooks} onRetry={reload}>
        {({ items, eventTypes }) => (
          <>
            <p className="help">{t('webhooks.types', { types: eventTypes.join(', ') })}</p>
            <div role="status">
              {saved && <p>{t('webhooks.saved', { url: saved.url })}</p>}
              {saved?.secret && (
                <p>
                  {t('webhooks.secretOnce')} <code className="mono">{saved.secret}</code>
                </p>
              )}
            </div>
            {editing === null ? (
              <p>
                <button type="button" onClick={() => setEditing('new')}>
                  {t('webhooks.new')}
                </button>
              </p>
            ) : (
              <WebhookEditor
                key={editing === 'new' ? 'new' : editing.id}
                hook={editing === 'new' ? undefined : editing}
                eventTypes={eventTypes}
                onSaved={(h) => {
                  setEditing(null);
                  setSaved(h);
                  reload();
                }}
                onCancel={() => setEditing(null)}
              />
            )}
            {items.length === 0 ? (
              <Empty>{t('webhooks.none')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('webhooks.url')}</th>
                      <th scope="col">{t('contracts.col.tenant')}</th>
                      <th scope="col">{t('webhooks.events')}</th>
                      <th scope="col">{t('rules.enabled')}</th>
                      <th scope="col">{t('webhooks.failures')}</th>
                      <th scope="col">{t('orders.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((h) => (
                      <tr key={h.id}>
                        <td className="mono">{h.url}</td>
                        <td>{h.tenantId}</td>
                        <td>{h.eventTypes.join(', ')}</td>
                        <td>
                          {h.enabled ? t('common.yes') : t('common.no')}
                          {h.disabledReason && ` (${h.disabledReason})`}
                        </td>
                        <td>{h.consecutiveFailures}</td>
                        <td>
                          <TestButton hook={h} />{' '}
                          <button
                            type="button"
                            onClick={() => setEditing(h)}
                            aria-label={t('webhooks.editOf', { url: h.url })}
                          >
                            {t('rules.edit')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </AsyncState>
    </section>
  );
}
