import { useEffect } from 'react';
import type { ListResponse, TaskHistoryEntryResponse } from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';

/** An order's history, oldest first: who moved it where and when. `version` re-reads it. */
export function TaskHistory({ taskId, version }: { taskId: string; version: string }) {
  const { t, formatDate } = useI18n();
  const [history, reload] = useApiGet<ListResponse<TaskHistoryEntryResponse>>(
    `/api/tasks/${encodeURIComponent(taskId)}/history`,
  );
  // A saved change is a new entry: read again when the order's `updatedAt` moves.
  useEffect(() => reload(), [version, reload]);
  return (
    <section aria-labelledby="task-history-title" className="history">
      <h3 id="task-history-title">{t('orders.history')}</h3>
      <AsyncState loadable={history} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty />
          ) : (
            <ol>
              {items.map((e, i) => (
                <li key={`${e.at}-${i}`}>
                  <time dateTime={e.at}>{formatDate(e.at)}</time>{' '}
                  {t('orders.historyEntry', {
                    from: e.from ? t(`status.${e.from}`) : '—',
                    to: t(`status.${e.to}`),
                    actor: e.actor,
                  })}
                  {e.kind !== 'TRANSITION' && ` (${t(`orders.kind.${e.kind}`)})`}
                </li>
              ))}
            </ol>
          )
        }
      </AsyncState>
    </section>
  );
}
