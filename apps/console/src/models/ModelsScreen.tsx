import { lazy, Suspense, useState } from 'react';
import type { ModelListingResponse } from '@hourglass/contracts-api';
import type { Me } from '../api/types';
import { useApiClient, useRouteGet } from '../api/use-api';
import { AsyncState, Empty, Loading } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { ModelCardView } from './ModelCardView';

// ECharts and the report's views load only when an engineer opens a report.
const ModelEvaluationPanel = lazy(() =>
  import('./ModelEvaluationPanel').then((m) => ({ default: m.ModelEvaluationPanel })),
);

/** The evaluation report, read only once the engineer opens it. */
function EvaluationDetails({ version }: { version: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('evaluation.open')}</summary>
      {open && (
        <Suspense fallback={<Loading />}>
          <ModelEvaluationPanel version={version} />
        </Suspense>
      )}
    </details>
  );
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; action: string }
  | { kind: 'error'; message: string };

function ModelActions({
  model,
  run,
}: {
  model: ModelListingResponse;
  run(label: string, path: string, method: 'POST' | 'DELETE'): void;
}) {
  const { t } = useI18n();
  const v = encodeURIComponent(model.version);
  return (
    <div className="actions">
      {!model.active && (
        <button
          type="button"
          onClick={() =>
            run(`${t('models.promote')} ${model.version}`, `/api/models/${v}/promote`, 'POST')
          }
        >
          {t('models.promote')}
        </button>
      )}
      {!model.active && !model.shadow && (
        <button
          type="button"
          onClick={() =>
            run(`${t('models.shadowIt')} ${model.version}`, `/api/models/${v}/shadow`, 'POST')
          }
        >
          {t('models.shadowIt')}
        </button>
      )}
      {model.shadow && (
        <button
          type="button"
          onClick={() => run(t('models.unshadow'), '/api/models/shadow', 'DELETE')}
        >
          {t('models.unshadow')}
        </button>
      )}
    </div>
  );
}

/** Model versions with their cards; provider users promote, shadow and roll back. */
export default function ModelsScreen({ me }: { me: Me }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [models, reload] = useRouteGet('GET /api/models', {});
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const provider = me.role !== 'customer';
  const run = async (label: string, path: string, method: 'POST' | 'DELETE') => {
    setOutcome({ kind: 'busy' });
    try {
      await (method === 'POST' ? client.post(path) : client.delete(path));
      setOutcome({ kind: 'done', action: label });
      reload();
    } catch (err) {
      setOutcome({ kind: 'error', message: (err as Error).message });
    }
  };
  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">{t('models.title')}</h1>
      {provider ? (
        <p>
          <button
            type="button"
            onClick={() => run(t('models.rollback'), '/api/models/rollback', 'POST')}
            disabled={outcome.kind === 'busy'}
          >
            {t('models.rollback')}
          </button>
        </p>
      ) : (
        <p className="help">{t('models.providerOnly')}</p>
      )}
      <p role="status" aria-live="polite">
        {outcome.kind === 'done' && t('models.done', { action: outcome.action })}
      </p>
      {outcome.kind === 'error' && (
        <p className="state state-error" role="alert">
          {t('state.error', { message: outcome.message })}
        </p>
      )}
      <AsyncState loadable={models} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty />
          ) : (
            <ul className="model-list">
              {items.map((m) => (
                <li key={m.version} className={m.active ? 'model active' : 'model'}>
                  <h2>
                    <span className="mono">{m.version}</span>{' '}
                    {m.active && <span className="badge status-done">{t('models.active')}</span>}{' '}
                    {m.shadow && (
                      <span className="badge status-in_progress">{t('models.shadow')}</span>
                    )}
                  </h2>
                  <ModelCardView model={m} />
                  {provider && <EvaluationDetails version={m.name} />}
                  {provider && <ModelActions model={m} run={run} />}
                </li>
              ))}
            </ul>
          )
        }
      </AsyncState>
    </section>
  );
}
