import type {
  ChurnWarningResponse,
  CustomerHealthResponse,
  ListResponse,
  SegmentsResponse,
} from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { ChurnWarningList } from './ChurnWarningList';
import { useSegmentLabel } from './CustomerList';
import { warningsOf } from './customer-view';
import { HealthComponentsTable, ScoreText } from './HealthComponentsTable';

function Health({ health }: { health: CustomerHealthResponse }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      <p data-testid="customer-health-score">
        {t('health.score')}: <ScoreText health={health} />{' '}
        <span className="count">{t('churn.asOf', { at: formatDate(health.asOf) })}</span>
      </p>
      <HealthComponentsTable health={health} caption={t('health.components')} />
      <h3>{t('health.contracts')}</h3>
      {health.contracts.length === 0 ? (
        <Empty>{t('health.noContracts')}</Empty>
      ) : (
        health.contracts.map((c) => (
          <details key={c.contractId}>
            {/* A link inside <summary> would nest interactive controls: it goes below. */}
            <summary>
              {c.name}: <ScoreText health={c} />
            </summary>
            <p>
              <Link href={`/contracts/${encodeURIComponent(c.contractId)}`}>
                {t('health.openContract', { name: c.name })}
              </Link>
            </p>
            <HealthComponentsTable
              health={c}
              caption={t('health.componentsOf', { name: c.name })}
            />
          </details>
        ))
      )}
    </>
  );
}

function Rfm({ tenantId, segments }: { tenantId: string; segments: SegmentsResponse }) {
  const { t, formatNumber } = useI18n();
  const segment = useSegmentLabel();
  const entry = segments.items.find((e) => e.tenantId === tenantId);
  if (!entry) return <Empty>{t('rfm.none')}</Empty>;
  return (
    <dl className="kpi-grid">
      <div className="kpi" data-testid="rfm-segment">
        <dt>{t('customers.col.segment')}</dt>
        <dd>{segment(entry.segment)}</dd>
      </div>
      <div className="kpi">
        <dt>{t('customers.col.recency')}</dt>
        <dd>
          {entry.recencyDays === null
            ? t('common.none')
            : t('customers.days', { days: entry.recencyDays })}{' '}
          ({t('rfm.score', { score: entry.r })})
        </dd>
      </div>
      <div className="kpi">
        <dt>{t('customers.col.frequency')}</dt>
        <dd>
          {entry.frequency} ({t('rfm.score', { score: entry.f })})
        </dd>
      </div>
      <div className="kpi">
        <dt>{t('customers.col.monetary')}</dt>
        <dd>
          {formatNumber(entry.monetary, 2)} ({t('rfm.score', { score: entry.m })})
        </dd>
      </div>
    </dl>
  );
}

/** One customer: its health with every component and input, its churn warnings, its RFM segment. */
export function CustomerDetail({ tenantId }: { tenantId: string }) {
  const { t } = useI18n();
  const enc = encodeURIComponent(tenantId);
  const [health, reloadHealth] = useApiGet<CustomerHealthResponse>(`/api/customers/${enc}/health`);
  const [warnings, reloadWarnings] = useApiGet<ListResponse<ChurnWarningResponse>>(
    `/api/churn-warnings?tenantId=${enc}`,
  );
  const [segments, reloadSegments] = useApiGet<SegmentsResponse>('/api/segments');
  return (
    <section aria-labelledby="customer-title">
      <p>
        <Link href="/customers">← {t('nav.customers')}</Link>
      </p>
      <h1 id="customer-title">{t('customers.one', { id: tenantId })}</h1>
      <section aria-labelledby="health-title" className="panel">
        <h2 id="health-title">{t('health.title')}</h2>
        <AsyncState loadable={health} onRetry={reloadHealth}>
          {(h) => <Health health={h} />}
        </AsyncState>
      </section>
      <section aria-labelledby="churn-title" className="panel">
        <h2 id="churn-title">{t('churn.title')}</h2>
        <AsyncState loadable={warnings} onRetry={reloadWarnings}>
          {({ items }) => <ChurnWarningList warnings={warningsOf(tenantId, items)} />}
        </AsyncState>
      </section>
      <section aria-labelledby="rfm-title" className="panel">
        <h2 id="rfm-title">{t('rfm.title')}</h2>
        <AsyncState loadable={segments} onRetry={reloadSegments}>
          {(s) => <Rfm tenantId={tenantId} segments={s} />}
        </AsyncState>
      </section>
    </section>
  );
}
