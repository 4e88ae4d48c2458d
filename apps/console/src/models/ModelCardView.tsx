import type { ModelListingResponse } from '@hourglass/contracts-api';
import type { ModelCardSummary } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

/** The parts of a model card an engineer reads first: summary, cross-validation, horizon, limits. */
export function ModelCardView({ model }: { model: ModelListingResponse }) {
  const { t, formatDate, formatNumber } = useI18n();
  const card = model.card as ModelCardSummary;
  const cv = card.crossValidation;
  return (
    <div className="model-card">
      {card.createdAt && (
        <p className="help">{t('models.created', { date: formatDate(card.createdAt) })}</p>
      )}
      {card.summary && <p>{card.summary}</p>}
      {cv && cv.rmse !== undefined && cv.scorePer100 !== undefined && (
        <p>
          {t('models.cv', {
            rmse: formatNumber(cv.rmse, 2),
            score: formatNumber(cv.scorePer100, 1),
          })}
        </p>
      )}
      {card.horizon !== undefined && <p>{t('models.horizon', { horizon: card.horizon })}</p>}
      {card.limitations && card.limitations.length > 0 && (
        <details>
          <summary>{t('models.limitations')}</summary>
          <ul>
            {card.limitations.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
