import type { AssetResponse, ListResponse, TaskResponse } from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { TaskTable } from '../orders/TaskTable';
import { AssetNow } from './AssetNow';
import { AssetRiskHistory } from './AssetRiskHistory';
import { AssetTelemetry } from './AssetTelemetry';
import { HealthReportButtons } from './HealthReportButtons';

const NO_ORDERS: TaskResponse[] = [];

/** One asset: its health report, risk and RUL now and over time, its telemetry from an hour to a year, its tasks. */
export default function AssetScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const enc = encodeURIComponent(id);
  const [asset, reloadAsset] = useApiGet<AssetResponse>(`/api/assets/${enc}`);
  const [tasks, reloadTasks] = useApiGet<ListResponse<TaskResponse>>(`/api/tasks?assetId=${enc}`);
  return (
    <section aria-labelledby="asset-title">
      <p>
        <Link href="/">← {t('nav.fleet')}</Link>
      </p>
      <h1 id="asset-title">{t('asset.title', { id })}</h1>
      <HealthReportButtons assetId={id} />
      <AsyncState loadable={asset} onRetry={reloadAsset}>
        {(a) => (
          <>
            <AssetNow asset={a} />
            <AssetRiskHistory
              assetId={a.id}
              orders={tasks.status === 'ready' ? tasks.data.items : NO_ORDERS}
            />
            <AssetTelemetry assetId={a.id} />
          </>
        )}
      </AsyncState>
      <section aria-labelledby="asset-tasks">
        <h2 id="asset-tasks">{t('asset.tasks')}</h2>
        <AsyncState loadable={tasks} onRetry={reloadTasks}>
          {({ items }) => <TaskTable tasks={items} caption={t('asset.tasks')} />}
        </AsyncState>
      </section>
    </section>
  );
}
