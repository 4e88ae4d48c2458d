import type { TaskResponse } from '@hourglass/contracts-api';
import { Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';

/** Tasks as a table; `onWork` adds a button per row that opens the task's editor. */
export function TaskTable({
  tasks,
  caption,
  onWork,
}: {
  tasks: TaskResponse[];
  caption: string;
  onWork?(task: TaskResponse): void;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  if (tasks.length === 0) return <Empty>{t('orders.empty')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orders.col.asset')}</th>
            <th scope="col">{t('orders.col.component')}</th>
            <th scope="col">{t('orders.col.status')}</th>
            <th scope="col">{t('orders.col.priority')}</th>
            <th scope="col">{t('orders.col.risk')}</th>
            <th scope="col">{t('orders.col.rul')}</th>
            <th scope="col">{t('orders.col.replaceBy')}</th>
            <th scope="col">{t('orders.col.created')}</th>
            <th scope="col">{t('orders.col.cost')}</th>
            {onWork && (
              <th scope="col">
                <span className="visually-hidden">{t('orders.col.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-task-id={task.id}>
              <td>
                <Link href={`/assets/${encodeURIComponent(task.assetId)}`}>{task.assetId}</Link>
              </td>
              <td>{task.component}</td>
              <td>
                <span className={`badge status-${task.status.toLowerCase()}`}>
                  {t(`status.${task.status}`)}
                </span>
              </td>
              <td>
                <span className={`badge priority-${task.priority.toLowerCase()}`}>
                  {t(`priority.${task.priority}`)}
                </span>
              </td>
              <td>
                {task.risk === null ? t('common.none') : `${formatNumber(task.risk * 100, 1)} %`}
              </td>
              <td>
                {task.predictedRul === null ? t('common.none') : formatNumber(task.predictedRul, 0)}
              </td>
              <td>{formatDate(task.replaceBy)}</td>
              <td>{formatDate(task.createdAt)}</td>
              <td className="num">{task.cost}</td>
              {onWork && (
                <td>
                  <button
                    type="button"
                    onClick={() => onWork(task)}
                    aria-label={t('orders.edit', { id: `${task.assetId} ${task.component}` })}
                  >
                    {t('orders.work')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
