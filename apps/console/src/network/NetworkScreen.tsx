import { useMemo, useState } from 'react';
import type { ServiceFiguresResponse, ServiceGroupFiguresResponse } from '@hourglass/contracts-api';
import type { Me } from '../api/types';
import { useApiGet } from '../api/use-api';
import { isStaff } from '../auth/role-access';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import {
  figuresPath,
  groupRows,
  NETWORK_PERIODS,
  OWN_TEAM,
  type NetworkPeriod,
} from './network-view';

function Overall({ figures, staff }: { figures: ServiceGroupFiguresResponse; staff: boolean }) {
  const { t, formatNumber } = useI18n();
  const { firstTimeFix: ftf, responseTime: rt } = figures;
  return (
    <dl className="kpi-grid">
      <div className="kpi" data-testid="network-ftf">
        <dt>{t('network.ftf')}</dt>
        <dd>
          {ftf.rate === null ? t('common.none') : `${formatNumber(ftf.rate * 100, 1)} %`}{' '}
          <span className="count">
            {t('network.ftfOf', { fixed: ftf.fixedFirstTime, attempted: ftf.attempted })}
          </span>
        </dd>
      </div>
      <div className="kpi" data-testid="network-response">
        <dt>{t('network.response')}</dt>
        <dd>
          {rt.meanHours === null
            ? t('common.none')
            : t('kpi.hours', { value: formatNumber(rt.meanHours, 1) })}{' '}
          <span className="count">{t('network.orders', { orders: rt.orders })}</span>
        </dd>
      </div>
      {staff && (
        <>
          <div className="kpi">
            <dt>{t('network.revenuePerEngineer')}</dt>
            <dd>{figures.revenuePerEngineer.value ?? t('common.none')}</dd>
          </div>
          <div className="kpi">
            <dt>{t('network.inputOutput')}</dt>
            <dd>
              {figures.inputOutput.ratio === null
                ? t('common.none')
                : formatNumber(figures.inputOutput.ratio, 2)}
            </dd>
          </div>
        </>
      )}
    </dl>
  );
}

/** First-time fix of orders whose first visit brought the suggested parts, beside the default kit. */
function PartsSourceSplit({
  split,
}: {
  split: ServiceFiguresResponse['firstTimeFixByPartsSource'];
}) {
  const { t, formatNumber } = useI18n();
  if (split.SUGGESTION.attempted === 0 && split.DEFAULT_KIT.attempted === 0) return null;
  const arms = [
    ['SUGGESTION', 'network.ftfSuggested'],
    ['DEFAULT_KIT', 'network.ftfDefaultKit'],
  ] as const;
  return (
    <dl className="kpi-grid" data-testid="network-ftf-split">
      {arms.map(([source, label]) => {
        const f = split[source];
        return (
          <div className="kpi" key={source}>
            <dt>{t(label)}</dt>
            <dd>
              {f.rate === null ? t('common.none') : `${formatNumber(f.rate * 100, 1)} %`}{' '}
              <span className="count">
                {t('network.ftfOf', { fixed: f.fixedFirstTime, attempted: f.attempted })};{' '}
                {t('network.firstVisitFixed', { fixed: f.firstVisitFixed })}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function GroupTable({
  caption,
  groups,
}: {
  caption: string;
  groups: Readonly<Record<string, ServiceGroupFiguresResponse>>;
}) {
  const { t, formatNumber } = useI18n();
  const rows = groupRows(groups);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('network.col.group')}</th>
            <th scope="col">{t('network.ftf')}</th>
            <th scope="col">{t('network.col.fixedAttempted')}</th>
            <th scope="col">{t('network.response')}</th>
            <th scope="col">{t('network.col.orders')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name === OWN_TEAM ? t('nps.ownTeam') : r.name}</th>
              <td className="num">
                {r.firstTimeFixPct === null
                  ? t('common.none')
                  : `${formatNumber(r.firstTimeFixPct, 1)} %`}
              </td>
              <td className="num">
                {r.fixedFirstTime} / {r.attempted}
              </td>
              <td className="num">
                {r.meanResponseHours === null
                  ? t('common.none')
                  : t('kpi.hours', { value: formatNumber(r.meanResponseHours, 1) })}
              </td>
              <td className="num">{r.orders}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Figures({ figures, staff }: { figures: ServiceFiguresResponse; staff: boolean }) {
  const { t } = useI18n();
  const empty =
    figures.overall.firstTimeFix.attempted === 0 && figures.overall.responseTime.orders === 0;
  if (empty) return <Empty>{t('network.none')}</Empty>;
  return (
    <>
      <Overall figures={figures.overall} staff={staff} />
      <PartsSourceSplit split={figures.firstTimeFixByPartsSource} />
      <GroupTable caption={t('network.byPartner')} groups={figures.byPartner} />
      <GroupTable caption={t('network.byRegion')} groups={figures.byRegion} />
    </>
  );
}

/** Orders by partner and region with first-time fix and response times, over a period. */
export default function NetworkScreen({ me }: { me: Me }) {
  const { t } = useI18n();
  const [days, setDays] = useState<NetworkPeriod>(90);
  const path = useMemo(() => figuresPath(days, Date.now()), [days]);
  const [figures, reload] = useApiGet<ServiceFiguresResponse>(path);
  return (
    <section aria-labelledby="network-title">
      <h1 id="network-title">{t('network.title')}</h1>
      <fieldset className="segmented">
        <legend>{t('kpi.period')}</legend>
        {NETWORK_PERIODS.map((d) => (
          <button key={d} type="button" aria-pressed={d === days} onClick={() => setDays(d)}>
            {t('kpi.days', { days: d })}
          </button>
        ))}
      </fieldset>
      <AsyncState loadable={figures} onRetry={reload}>
        {(f) => <Figures figures={f} staff={isStaff(me.role)} />}
      </AsyncState>
    </section>
  );
}
