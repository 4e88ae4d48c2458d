import type {
  ChurnWarningResponse,
  ListResponse,
  SegmentsResponse,
} from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { CustomerDetail } from './CustomerDetail';
import { CustomerList } from './CustomerList';
import { customerRows } from './customer-view';
import { NpsFigures } from './NpsFigures';

function Overview() {
  const { t } = useI18n();
  const [segments, reloadSegments] = useApiGet<SegmentsResponse>('/api/segments');
  const [warnings, reloadWarnings] =
    useApiGet<ListResponse<ChurnWarningResponse>>('/api/churn-warnings');
  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.title')}</h1>
      <AsyncState loadable={segments} onRetry={reloadSegments}>
        {(s) => (
          <AsyncState loadable={warnings} onRetry={reloadWarnings}>
            {({ items }) => <CustomerList rows={customerRows(s, items)} />}
          </AsyncState>
        )}
      </AsyncState>
      <NpsFigures />
    </section>
  );
}

/** The account manager's customers (churn risk, RFM segment, NPS), or one customer's health. */
export default function CustomersScreen({ id }: { id?: string }) {
  return id ? <CustomerDetail tenantId={id} /> : <Overview />;
}
