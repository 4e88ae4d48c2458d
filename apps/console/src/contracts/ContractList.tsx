import type { ContractResponse } from '@hourglass/contracts-api';
import { Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';

/** Every contract the caller sees, each linking to its records. */
export function ContractList({ contracts }: { contracts: ContractResponse[] }) {
  const { t, formatNumber } = useI18n();
  if (contracts.length === 0) return <Empty />;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('contracts.title')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('contracts.col.name')}</th>
            <th scope="col">{t('contracts.col.tenant')}</th>
            <th scope="col">{t('contracts.col.rate')}</th>
            <th scope="col">{t('contracts.col.target')}</th>
            <th scope="col">{t('contracts.col.assets')}</th>
            <th scope="col">{t('contracts.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/contracts/${encodeURIComponent(c.id)}`}>{c.name}</Link>
              </td>
              <td>{c.tenantId}</td>
              <td className="num">
                {c.ratePerHour} {c.currency}
              </td>
              <td className="num">{formatNumber(Number(c.slaTarget) * 100, 3)} %</td>
              <td>{c.fleet ? t('contracts.fleet') : c.assetIds.length}</td>
              <td>{c.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
