import { useMemo } from 'react';
import type {
  LifecycleStagesResponse,
  ListResponse,
  TouchResponse,
} from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { LifecyclePanel } from './LifecyclePanel';
import { TouchList } from './TouchList';
import { calendarPaths } from './touch-view';

/** The account manager's touch calendar as a to-do list, with the lifecycle stages beside it. */
export default function TouchesScreen() {
  const { t } = useI18n();
  const nowMs = useMemo(() => Date.now(), []);
  const paths = useMemo(() => calendarPaths(nowMs), [nowMs]);
  const [touches, reloadTouches] = useApiGet<ListResponse<TouchResponse>>(paths.touches);
  const [stages, reloadStages] = useApiGet<LifecycleStagesResponse>(paths.stages);
  return (
    <section aria-labelledby="touches-title">
      <h1 id="touches-title">{t('touch.title')}</h1>
      <p className="help">{t('touch.help')}</p>
      {/* Side by side on a wide screen; the short stage table above the list otherwise. */}
      <div className="touch-layout">
        <section aria-labelledby="lifecycle-title" className="panel">
          <h2 id="lifecycle-title">{t('lifecycle.title')}</h2>
          <AsyncState loadable={stages} onRetry={reloadStages}>
            {(report) => <LifecyclePanel report={report} />}
          </AsyncState>
        </section>
        <section aria-labelledby="todo-title" className="panel">
          <h2 id="todo-title">{t('touch.todo')}</h2>
          <AsyncState loadable={touches} onRetry={reloadTouches}>
            {({ items }) => <TouchList touches={items} nowMs={nowMs} onSaved={reloadTouches} />}
          </AsyncState>
        </section>
      </div>
    </section>
  );
}
