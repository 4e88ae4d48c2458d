import type { ContractHealth } from '../api/types';
import { useRouteGet } from '../api/use-api';
import { AsyncState } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';

function HealthFigures({ health }: { health: ContractHealth }) {
  const { t, formatNumber } = useI18n();
  const c = health.current;
  const margin = health.margin;
  return (
    <>
      <p data-testid="contract-availability">
        {t('contracts.health.availability', { value: c.availabilityPct, target: c.targetPct })}{' '}
        <strong className={c.meetsTarget ? 'ok' : 'risk-high'}>
          {c.meetsTarget ? t('contracts.health.meets') : t('contracts.health.misses')}
        </strong>
      </p>
      <p>{t('contracts.health.hours', { value: Number(c.runHours).toFixed(2) })}</p>
      <p>
        {t('contracts.health.credit', {
          value: c.creditSoFar,
          expected: health.expectedCredit,
          currency: health.currency,
        })}
      </p>
      {margin && (
        // Customers get no margin (the provider's revenue against its task cost).
        <p>
          {t('contracts.health.margin', {
            margin: margin.margin,
            currency: health.currency,
            pct: margin.marginPct === null ? t('common.none') : `${margin.marginPct} %`,
          })}
        </p>
      )}
      <h3>{t('contracts.health.atRisk')}</h3>
      {health.atRisk.length === 0 ? (
        <p>{t('contracts.health.noneAtRisk')}</p>
      ) : (
        <ul>
          {health.atRisk.map((a) => (
            <li key={a.assetId}>
              <Link href={`/assets/${encodeURIComponent(a.assetId)}`}>{a.assetId}</Link>:{' '}
              {formatNumber(a.probability * 100, 1)} %, RUL {formatNumber(a.rul, 0)},{' '}
              {a.creditIfFails} {health.currency}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** `GET /api/contracts/{id}/health`: availability so far, credits, margin, assets at risk. */
export function ContractHealthPanel({ contractId }: { contractId: string }) {
  const { t } = useI18n();
  const [health, reload] = useRouteGet('GET /api/contracts/{id}/health', { id: contractId });
  return (
    <section aria-labelledby="health-title" className="panel">
      <h2 id="health-title">{t('contracts.health')}</h2>
      <AsyncState loadable={health} onRetry={reload}>
        {(h) => <HealthFigures health={h} />}
      </AsyncState>
    </section>
  );
}
