import type { RfmEntryResponse, SegmentsResponse } from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useSegmentLabel } from '../customers/CustomerList';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { segmentCounts } from './segment-rules';
import { SegmentRulesEditor } from './SegmentRulesEditor';

function Scores({ items }: { items: readonly RfmEntryResponse[] }) {
  const { t, formatNumber } = useI18n();
  const segment = useSegmentLabel();
  if (items.length === 0) return <Empty>{t('segments.none')}</Empty>;
  const rows = [...items].sort(
    (a, b) => a.segment.localeCompare(b.segment) || a.tenantId.localeCompare(b.tenantId),
  );
  return (
    <>
      <dl className="kpi-grid">
        {segmentCounts(items).map(([name, count]) => (
          <div className="kpi" key={name} data-segment={name}>
            <dt>{segment(name)}</dt>
            <dd>{t('segments.customers', { count })}</dd>
          </div>
        ))}
      </dl>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('segments.table')}>
        <table>
          <caption>{t('segments.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('customers.col.customer')}</th>
              <th scope="col">{t('customers.col.segment')}</th>
              <th scope="col">{t('segments.score.r')}</th>
              <th scope="col">{t('segments.score.f')}</th>
              <th scope="col">{t('segments.score.m')}</th>
              <th scope="col">{t('customers.col.recency')}</th>
              <th scope="col">{t('customers.col.frequency')}</th>
              <th scope="col">{t('customers.col.monetary')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.tenantId} data-tenant-id={r.tenantId}>
                <th scope="row">
                  <Link href={`/customers/${encodeURIComponent(r.tenantId)}`}>{r.tenantId}</Link>
                </th>
                <td>{segment(r.segment)}</td>
                <td className="num">{r.r}</td>
                <td className="num">{r.f}</td>
                <td className="num">{r.m}</td>
                <td className="num">
                  {r.recencyDays === null
                    ? t('common.none')
                    : t('customers.days', { days: r.recencyDays })}
                </td>
                <td className="num">{r.frequency}</td>
                <td className="num">{formatNumber(r.monetary, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** RFM segments: each customer's R, F and M scores and segment, and the rules that segment them. */
export default function SegmentsScreen() {
  const { t, formatDate } = useI18n();
  const [segments, reload] = useApiGet<SegmentsResponse>('/api/segments');
  return (
    <section aria-labelledby="segments-title">
      <h1 id="segments-title">{t('segments.title')}</h1>
      <AsyncState loadable={segments} onRetry={reload}>
        {(s) => (
          <>
            <p className="help">
              {t('segments.window', { from: formatDate(s.from), asOf: formatDate(s.asOf) })}
            </p>
            <div className="panel">
              <Scores items={s.items} />
            </div>
            <div className="panel">
              {/* Mounted once: a reload after saving keeps the editor (and its "saved") as it is. */}
              <SegmentRulesEditor rules={s.rules} onSaved={reload} />
            </div>
          </>
        )}
      </AsyncState>
    </section>
  );
}
