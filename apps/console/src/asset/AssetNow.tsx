import type { AssetResponse } from '@hourglass/contracts-api';
import { useI18n } from '../i18n/I18nProvider';

/** The asset's state, last contact, and its latest risk and remaining useful life. */
export function AssetNow({ asset }: { asset: AssetResponse }) {
  const { t, formatDate, formatNumber } = useI18n();
  const risk = asset.risk;
  return (
    <section aria-labelledby="asset-now" className="cards">
      <h2 id="asset-now" className="visually-hidden">
        {t('asset.now')}
      </h2>
      <dl>
        <div className="card">
          <dt>{t('asset.state')}</dt>
          <dd>{asset.state ?? t('common.none')}</dd>
        </div>
        <div className="card">
          <dt>{t('asset.lastSeen')}</dt>
          <dd>{formatDate(asset.lastSeen)}</dd>
        </div>
        {risk ? (
          <>
            <div className="card">
              <dt>{t('asset.risk', { horizon: risk.horizon })}</dt>
              <dd
                className={risk.probability >= 0.5 ? 'risk-high' : undefined}
                data-testid="asset-risk"
              >
                {formatNumber(risk.probability * 100, 1)} %
              </dd>
            </div>
            <div className="card">
              <dt>{t('asset.rul')}</dt>
              <dd data-testid="asset-rul">
                {t('asset.rulValue', { rul: formatNumber(risk.rul, 0) })}
              </dd>
            </div>
            <div className="card">
              <dt>{t('asset.model')}</dt>
              <dd className="mono">{risk.modelVersion}</dd>
            </div>
          </>
        ) : (
          <div className="card">
            <dt>{t('asset.risk', { horizon: '—' })}</dt>
            <dd>{t('asset.notScored')}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
