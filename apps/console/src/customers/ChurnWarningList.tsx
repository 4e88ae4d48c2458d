import type { ChurnWarningResponse } from '@hourglass/contracts-api';
import { Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { inputEntries, inputText } from './customer-view';

/** Churn warnings with each reason (signal), its weight and the evidence behind it. */
export function ChurnWarningList({ warnings }: { warnings: readonly ChurnWarningResponse[] }) {
  const { t, formatNumber, formatDate } = useI18n();
  if (warnings.length === 0) return <Empty>{t('churn.none')}</Empty>;
  return (
    <ul className="warning-list">
      {warnings.map((w) => (
        <li key={`${w.tenantId}/${w.contractId ?? ''}`} className="panel">
          <h3>
            {w.contractId
              ? t('churn.contract', { id: w.contractId })
              : t('churn.customer', { id: w.tenantId })}{' '}
            <span className={`badge risk-${w.risk.toLowerCase()}`}>
              {t(`churn.risk.${w.risk}`)}
            </span>
          </h3>
          <p className="count">
            {t('churn.points', { points: w.points })} ·{' '}
            {t('churn.asOf', { at: formatDate(w.asOf) })}
          </p>
          {w.signals.length === 0 ? (
            <p>{t('churn.noSignals')}</p>
          ) : (
            <ul>
              {w.signals.map((s) => (
                <li key={s.kind}>
                  <strong>{t(`churn.signal.${s.kind}`)}</strong> (
                  {t('churn.weight', { weight: s.weight })}):{' '}
                  {inputEntries(s.evidence)
                    .map(([k, v]) => `${k} ${inputText(v, (n) => formatNumber(n, 2))}`)
                    .join(' · ')}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
