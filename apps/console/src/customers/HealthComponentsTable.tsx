import type { HealthComponentResponse, HealthScoreResponse } from '@hourglass/contracts-api';
import type { MessageKey } from '../i18n/messages-en';
import { MESSAGES_EN } from '../i18n/messages-en';
import { useI18n } from '../i18n/I18nProvider';
import { inputEntries, inputText, isRecordList } from './customer-view';

/** The label of an input the API names (`hoursLast90Days`); the name itself when unknown. */
export function useInputLabel(): (name: string) => string {
  const { t } = useI18n();
  return (name) => {
    const key = `health.input.${name}`;
    return key in MESSAGES_EN ? t(key as MessageKey) : name;
  };
}

/** A health score with its band, e.g. "62.5 (watch)". */
export function ScoreText({ health }: { health: HealthScoreResponse }) {
  const { t, formatNumber } = useI18n();
  if (health.score === null) return <>{t('health.noScore')}</>;
  return (
    <>
      {formatNumber(health.score, 1)}{' '}
      {health.band && (
        <span className={`badge band-${health.band.toLowerCase()}`}>
          {t(`health.band.${health.band}`)}
        </span>
      )}
    </>
  );
}

function Inputs({ component }: { component: HealthComponentResponse }) {
  const { formatNumber } = useI18n();
  const label = useInputLabel();
  const entries = inputEntries(component.inputs);
  if (entries.length === 0) return null;
  return (
    <dl className="inputs">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{label(name)}</dt>
          <dd>
            {isRecordList(value) ? (
              <ul>
                {value.map((record, i) => (
                  <li key={i}>{inputText(record, (n) => formatNumber(n, 2))}</li>
                ))}
              </ul>
            ) : (
              inputText(value, (n) => formatNumber(n, 2))
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Every component of a health score: its score, weight and the inputs it came from. */
export function HealthComponentsTable({
  health,
  caption,
}: {
  health: HealthScoreResponse;
  caption: string;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('health.col.component')}</th>
            <th scope="col">{t('health.col.score')}</th>
            <th scope="col">{t('health.col.weight')}</th>
            <th scope="col">{t('health.col.inputs')}</th>
          </tr>
        </thead>
        <tbody>
          {health.components.map((c) => (
            <tr key={c.name} data-component={c.name}>
              <th scope="row">{t(`health.component.${c.name}`)}</th>
              <td className="num">
                {c.score === null ? t('health.noInputs') : formatNumber(c.score, 1)}
              </td>
              <td className="num">{formatNumber(c.weight, 1)}</td>
              <td>
                <Inputs component={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
