import { useMemo, useState } from 'react';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskResponse,
  type TaskPriority,
  type TaskStatus,
} from '@hourglass/contracts-api';
import type { Me } from '../api/types';
import { usePagedList } from '../api/use-paged';
import { LoadMore } from '../components/LoadMore';
import { AsyncState } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { TaskEditor } from './TaskEditor';
import { TaskTable } from './TaskTable';
import { useLiveEvents } from '../api/LiveUpdates';

/** The work list: tasks filtered by status (by the API) and priority, each workable in place. */
export default function OrdersScreen({ me }: { me: Me }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const [priority, setPriority] = useState<TaskPriority | ''>('');
  const [editing, setEditing] = useState<TaskResponse | null>(null);
  const tasks = usePagedList<TaskResponse>(status ? `/api/tasks?status=${status}` : '/api/tasks');
  const [arrived, setArrived] = useState(0);
  useLiveEvents((event) => {
    if (event.type === 'order.raised') setArrived((n) => n + 1);
  });
  const reload = () => {
    setArrived(0);
    tasks.reload();
  };
  const filter = useMemo(
    () => (list: TaskResponse[]) => (priority ? list.filter((x) => x.priority === priority) : list),
    [priority],
  );
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t('orders.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('orders.filter.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')}>
            <option value="">{t('common.all')}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('orders.filter.priority')}</span>
          <select
            value={priority}
            onChange={(e) => setPriority(e.target.value as TaskPriority | '')}
          >
            <option value="">{t('common.all')}</option>
            {TASK_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {editing && (
        <TaskEditor
          key={editing.id}
          task={editing}
          me={me}
          onSaved={(task) => {
            setEditing(task);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {arrived > 0 && (
        <p className="live-banner" role="status">
          {t('orders.newLive', { count: arrived })}{' '}
          <button type="button" onClick={reload}>
            {t('orders.showNew')}
          </button>
        </p>
      )}
      <AsyncState loadable={tasks.first} onRetry={reload}>
        {() => (
          <>
            <TaskTable
              tasks={filter(tasks.items)}
              caption={t('orders.title')}
              onWork={setEditing}
            />
            <LoadMore list={tasks} />
          </>
        )}
      </AsyncState>
    </section>
  );
}
