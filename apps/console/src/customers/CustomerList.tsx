import { Empty } from '../components/AsyncState';
import { MESSAGES_EN, type MessageKey } from '../i18n/messages-en';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import type { CustomerRow } from './customer-view';

/** A segment's name in the language (a segment of a custom rule as the rule names it). */
export function useSegmentLabel(): (segment: string) => string {
  const { t } = useI18n();
  return (segment) => {
    const key = `segment.${segment}`;
    return key in MESSAGES_EN ? t(key as MessageKey) : segment;
  };
}

/** The account manager's customers, riskiest first, each linking to its health. */
export function CustomerList({ rows }: { rows: readonly CustomerRow[] }) {
  const { t, formatNumber } = useI18n();
  const segment = useSegmentLabel();
  if (rows.length === 0) return <Empty>{t('customers.none')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('customers.list')}>
      <table>
        <caption>{t('customers.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('customers.col.customer')}</th>
            <th scope="col">{t('customers.col.churn')}</th>
            <th scope="col">{t('customers.col.segment')}</th>
            <th scope="col">{t('customers.col.recency')}</th>
            <th scope="col">{t('customers.col.frequency')}</th>
            <th scope="col">{t('customers.col.monetary')}</th>
            <th scope="col">{t('customers.col.rfm')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.tenantId} data-tenant-id={r.tenantId}>
              <th scope="row">
                <Link href={`/customers/${encodeURIComponent(r.tenantId)}`}>{r.tenantId}</Link>
              </th>
              <td>
                {r.risk ? (
                  <span className={`badge risk-${r.risk.toLowerCase()}`}>
                    {t(`churn.risk.${r.risk}`)} ({r.points})
                  </span>
                ) : (
                  t('churn.noWarning')
                )}
              </td>
              <td>{r.rfm ? segment(r.rfm.segment) : t('common.none')}</td>
              <td className="num">
                {r.rfm?.recencyDays == null
                  ? t('common.none')
                  : t('customers.days', { days: r.rfm.recencyDays })}
              </td>
              <td className="num">{r.rfm ? r.rfm.frequency : t('common.none')}</td>
              <td className="num">{r.rfm ? formatNumber(r.rfm.monetary, 2) : t('common.none')}</td>
              <td>{r.rfm ? `${r.rfm.r}-${r.rfm.f}-${r.rfm.m}` : t('common.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
