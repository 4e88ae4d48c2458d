import { useMemo, useState } from 'react';
import type { NpsFigureResponse, NpsReportResponse } from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { NPS_PERIODS, npsPath, type NpsPeriod } from './customer-view';

type Group = NpsFigureResponse & { name: string | null };

function GroupTable({
  caption,
  groups,
  nullLabel,
}: {
  caption: string;
  groups: Group[];
  /** What a group without a name is (no partner: the own team). */
  nullLabel: string;
}) {
  const { t, formatNumber } = useI18n();
  if (groups.length === 0) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nps.col.group')}</th>
            <th scope="col">{t('nps.col.nps')}</th>
            <th scope="col">{t('nps.col.answers')}</th>
            <th scope="col">{t('nps.col.promoters')}</th>
            <th scope="col">{t('nps.col.passives')}</th>
            <th scope="col">{t('nps.col.detractors')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.name ?? ''}>
              <th scope="row">{g.name ?? nullLabel}</th>
              <td className="num">{g.nps === null ? t('common.none') : formatNumber(g.nps, 1)}</td>
              <td className="num">{g.answers}</td>
              <td className="num">{g.promoters}</td>
              <td className="num">{g.passives}</td>
              <td className="num">{g.detractors}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ report }: { report: NpsReportResponse }) {
  const { t, formatNumber } = useI18n();
  const o = report.overall;
  if (o.answers === 0) return <Empty>{t('nps.noAnswers')}</Empty>;
  return (
    <>
      <p data-testid="nps-overall">
        {t('nps.overall', {
          nps: o.nps === null ? t('common.none') : formatNumber(o.nps, 1),
          answers: o.answers,
          promoters: o.promoters,
          detractors: o.detractors,
        })}
      </p>
      <GroupTable
        caption={t('nps.byTenant')}
        groups={report.byTenant.map((g) => ({ ...g, name: g.tenantId }))}
        nullLabel={t('common.none')}
      />
      <GroupTable
        caption={t('nps.byPartner')}
        groups={report.byPartner.map((g) => ({ ...g, name: g.partnerId }))}
        nullLabel={t('nps.ownTeam')}
      />
      <GroupTable
        caption={t('nps.byRegion')}
        groups={report.byRegion.map((g) => ({ ...g, name: g.region }))}
        nullLabel={t('nps.noRegion')}
      />
    </>
  );
}

/** NPS over the last 90 or 365 days: overall and per customer, partner and region. */
export function NpsFigures() {
  const { t } = useI18n();
  const [days, setDays] = useState<NpsPeriod>(90);
  const path = useMemo(() => npsPath(days, Date.now()), [days]);
  const [report, reload] = useApiGet<NpsReportResponse>(path);
  return (
    <section aria-labelledby="nps-title" className="panel">
      <h2 id="nps-title">{t('nps.title')}</h2>
      <fieldset className="segmented">
        <legend>{t('kpi.period')}</legend>
        {NPS_PERIODS.map((d) => (
          <button key={d} type="button" aria-pressed={d === days} onClick={() => setDays(d)}>
            {t('kpi.days', { days: d })}
          </button>
        ))}
      </fieldset>
      <AsyncState loadable={report} onRetry={reload}>
        {(r) => <Report report={r} />}
      </AsyncState>
    </section>
  );
}
