import { useMemo, useState } from 'react';
import type { KpiResponse } from '@hourglass/contracts-api';
import type { Me } from '../api/types';
import { useApiGet } from '../api/use-api';
import { isStaff } from '../auth/role-access';
import { AsyncState, Empty } from '../components/AsyncState';
import type { MessageKey } from '../i18n/messages-en';
import { useI18n } from '../i18n/I18nProvider';
import { KPI_FIGURES, KPI_PERIODS, kpiPath, kpiValue, type KpiPeriod } from './kpi-view';

function Figures({ report }: { report: KpiResponse }) {
  const { t, formatNumber } = useI18n();
  return (
    <dl className="kpi-grid">
      {KPI_FIGURES.map(({ key, unit }) => {
        const value = kpiValue(report[key], unit);
        return (
          <div key={key} className="kpi" data-testid={`kpi-${key}`}>
            <dt>{t(`kpi.${key}` as MessageKey)}</dt>
            <dd>
              {value === null
                ? t('common.none')
                : unit === 'percent'
                  ? `${formatNumber(value, 1)} %`
                  : t('kpi.hours', { value: formatNumber(value, 1) })}
            </dd>
          </div>
        );
      })}
      <div className="kpi">
        <dt>{t('kpi.failures')}</dt>
        <dd>{formatNumber(report.failures, 0)}</dd>
      </div>
      <div className="kpi">
        <dt>{t('kpi.uptime')}</dt>
        <dd>{t('kpi.hours', { value: formatNumber(report.uptimeHours, 0) })}</dd>
      </div>
    </dl>
  );
}

function Components({ report, staff }: { report: KpiResponse; staff: boolean }) {
  const { t, formatNumber } = useI18n();
  if (report.topFailingComponents.length === 0) return <Empty>{t('kpi.noFailures')}</Empty>;
  return (
    <table>
      <caption>{t('kpi.topFailing')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('kpi.assetType')}</th>
          <th scope="col">{t('orders.col.component')}</th>
          <th scope="col">{t('kpi.failures')}</th>
          {staff && <th scope="col">{t('kpi.replacementCost')}</th>}
        </tr>
      </thead>
      <tbody>
        {report.topFailingComponents.map((c) => (
          <tr key={`${c.assetType}/${c.component}`}>
            <td>{c.assetType}</td>
            <td>{c.component}</td>
            <td>{formatNumber(c.failures, 0)}</td>
            {staff && <td>{formatNumber(c.replacementCost ?? 0, 2)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Reliability KPIs of the caller's fleet over a period: availability, MTBF, MTTR, fix rates, top failures. */
export default function KpisScreen({ me }: { me: Me }) {
  const { t } = useI18n();
  const [days, setDays] = useState<KpiPeriod>(90);
  const [assetType, setAssetType] = useState('');
  const path = useMemo(() => kpiPath(days, Date.now(), assetType), [days, assetType]);
  const [report, reload] = useApiGet<KpiResponse>(path);
  return (
    <section aria-labelledby="kpi-title">
      <h1 id="kpi-title">{t('kpi.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend>{t('kpi.period')}</legend>
          {KPI_PERIODS.map((d) => (
            <button key={d} type="button" aria-pressed={d === days} onClick={() => setDays(d)}>
              {t('kpi.days', { days: d })}
            </button>
          ))}
        </fieldset>
        <label>
          <span>{t('kpi.assetType')}</span>
          <input value={assetType} onChange={(e) => setAssetType(e.target.value)} />
        </label>
      </form>
      <AsyncState loadable={report} onRetry={reload}>
        {(r) => (
          <>
            <Figures report={r} />
            <Components report={r} staff={isStaff(me.role)} />
          </>
        )}
      </AsyncState>
    </section>
  );
}
