import type {
  BillingRecordResponse,
  ContractResponse,
  ListResponse,
} from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { BillingRecordTable } from './BillingRecordTable';
import { ContractHealthPanel } from './ContractHealthPanel';
import { ContractList } from './ContractList';

function ContractDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const enc = encodeURIComponent(id);
  const [contract, reloadContract] = useApiGet<ContractResponse>(`/api/contracts/${enc}`);
  const [records, reloadRecords] = useApiGet<ListResponse<BillingRecordResponse>>(
    `/api/contracts/${enc}/billing-records`,
  );
  return (
    <section aria-labelledby="contract-title">
      <p>
        <Link href="/contracts">← {t('nav.contracts')}</Link>
      </p>
      <AsyncState loadable={contract} onRetry={reloadContract}>
        {(c) => (
          <>
            <h1 id="contract-title">{c.name}</h1>
            <ContractHealthPanel contractId={c.id} />
            <h2>{t('contracts.records')}</h2>
            <AsyncState loadable={records} onRetry={reloadRecords}>
              {({ items }) => (
                <BillingRecordTable
                  contractId={c.id}
                  records={items}
                  target={Number(c.slaTarget)}
                />
              )}
            </AsyncState>
          </>
        )}
      </AsyncState>
    </section>
  );
}

/** The contracts list, or one contract's health and billing records per period. */
export default function ContractsScreen({ id }: { id?: string }) {
  const { t } = useI18n();
  const [contracts, reload] = useApiGet<ListResponse<ContractResponse>>(
    id ? null : '/api/contracts',
  );
  if (id) return <ContractDetail id={id} />;
  return (
    <section aria-labelledby="contracts-title">
      <h1 id="contracts-title">{t('contracts.title')}</h1>
      <AsyncState loadable={contracts} onRetry={reload}>
        {({ items }) => <ContractList contracts={items} />}
      </AsyncState>
    </section>
  );
}
