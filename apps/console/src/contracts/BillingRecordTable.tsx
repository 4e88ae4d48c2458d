import type { BillingRecordResponse } from '@hourglass/contracts-api';
import { Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { BillingExportButtons } from './BillingExportButtons';

/** A contract's billing records, one row per period (latest revision), with its statement and exports. */
export function BillingRecordTable({
  contractId,
  records,
  target,
}: {
  contractId: string;
  records: BillingRecordResponse[];
  target: number | null;
}) {
  const { t } = useI18n();
  if (records.length === 0) return <Empty>{t('contracts.noRecords')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('contracts.records')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('contracts.col.period')}</th>
            <th scope="col">{t('contracts.col.availability')}</th>
            <th scope="col">{t('contracts.col.hours')}</th>
            <th scope="col">{t('contracts.col.billable')}</th>
            <th scope="col">{t('contracts.col.charges')}</th>
            <th scope="col">{t('contracts.col.credits')}</th>
            <th scope="col">{t('contracts.col.total')}</th>
            <th scope="col">{t('contracts.col.recordStatus')}</th>
            <th scope="col">{t('exports.col')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const below = target !== null && !r.noRequiredTime && Number(r.availability) < target;
            return (
              <tr key={r.period}>
                <th scope="row">{r.period}</th>
                <td className={below ? 'num risk-high' : 'num'}>
                  {r.noRequiredTime ? t('common.none') : `${r.availabilityPct} %`}
                </td>
                <td className="num">{Number(r.operatingHours).toFixed(2)}</td>
                <td className="num">{r.billableHours}</td>
                <td className="num">{r.charges}</td>
                <td className="num">{r.credits}</td>
                <td className="num">
                  {r.total} {r.currency}
                </td>
                <td>
                  {r.status} r{r.revision}
                </td>
                <td>
                  <BillingExportButtons contractId={contractId} period={r.period} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
