import { useState } from 'react';
import type {
  MaintenancePlanResponse,
  MaintenancePlanScheduleResponse,
} from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { PlanEditor } from './PlanEditor';

/** The due dates of one plan's assets as of the last plan round. */
function Schedule({ plan }: { plan: MaintenancePlanResponse }) {
  const { t, formatDate } = useI18n();
  const [schedule, reload] = useApiGet<MaintenancePlanScheduleResponse>(
    `/api/maintenance-plans/${encodeURIComponent(plan.id)}/schedule`,
  );
  return (
    <AsyncState loadable={schedule} onRetry={reload}>
      {(s) =>
        s.assets.length === 0 ? (
          <Empty>{t('plans.noAssets')}</Empty>
        ) : (
          <table>
            <caption>{t('plans.scheduleOf', { name: plan.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orders.col.asset')}</th>
                <th scope="col">{t('plans.due')}</th>
                <th scope="col">{t('plans.orderOn')}</th>
                <th scope="col">{t('plans.order')}</th>
              </tr>
            </thead>
            <tbody>
              {s.assets.map((a) => (
                <tr key={a.assetId}>
                  <td>{a.assetId}</td>
                  <td>{a.dueDate ?? formatDate(a.projectedAt)}</td>
                  <td>{a.orderDate ?? t('common.none')}</td>
                  <td className="mono">{a.orderId ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </AsyncState>
  );
}

/** Maintenance plans (every N days or operating hours, whichever first) and their due dates. */
export default function PlansScreen() {
  const { t } = useI18n();
  const [plans, reload] = useApiGet<{ items: MaintenancePlanResponse[] }>('/api/maintenance-plans');
  const [open, setOpen] = useState<string | null>(null);
  // null: no editor open; 'new': a new plan; else the plan being edited.
  const [editing, setEditing] = useState<MaintenancePlanResponse | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const interval = (p: MaintenancePlanResponse) =>
    [
      p.intervalDays !== null ? t('plans.everyDays', { n: p.intervalDays }) : null,
      p.intervalHours !== null ? t('plans.everyHours', { n: p.intervalHours }) : null,
    ]
      .filter(Boolean)
      .join(t('plans.orFirst'));
  return (
    <section aria-labelledby="plans-title">
      <h1 id="plans-title">{t('plans.title')}</h1>
      <p role="status">{saved && t('plans.saved', { name: saved })}</p>
      {editing === null ? (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            {t('plans.new')}
          </button>
        </p>
      ) : (
        <PlanEditor
          key={editing === 'new' ? 'new' : editing.id}
          plan={editing === 'new' ? undefined : editing}
          onSaved={(p) => {
            setEditing(null);
            setSaved(p.name);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <AsyncState loadable={plans} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('plans.none')}</Empty>
          ) : (
            <ul className="plan-list">
              {items.map((p) => (
                <li key={p.id} className="panel">
                  <h2>{p.name}</h2>
                  <p>
                    {t('plans.summary', {
                      tenant: p.tenantId,
                      target: 'assetType' in p.target ? p.target.assetType : p.target.assetId,
                      component: p.component,
                      interval: interval(p),
                      lead: p.leadDays,
                    })}
                    {!p.enabled && ` (${t('plans.disabled')})`}
                  </p>
                  <button
                    type="button"
                    aria-expanded={open === p.id}
                    onClick={() => setOpen(open === p.id ? null : p.id)}
                  >
                    {t('plans.showSchedule')}
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => setEditing(p)}
                    aria-label={t('plans.editOf', { name: p.name })}
                  >
                    {t('rules.edit')}
                  </button>
                  {open === p.id && <Schedule plan={p} />}
                </li>
              ))}
            </ul>
          )
        }
      </AsyncState>
    </section>
  );
}
