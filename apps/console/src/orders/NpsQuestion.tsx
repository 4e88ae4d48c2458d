import type { TaskResponse } from '@hourglass/contracts-api';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-client';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import { markAnswered, NPS_SCORES, npsAnswerBody } from './nps-question';

type AskState =
  | { kind: 'asking' | 'sending' }
  | { kind: 'thanks' }
  | { kind: 'refused'; message: string }
  | { kind: 'error'; message: string };

/** The one question after a completed order (`POST /api/nps`), sent once. */
export function NpsQuestion({ task }: { task: TaskResponse }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<AskState>({ kind: 'asking' });
  const body = npsAnswerBody(task.id, score, comment);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body || state.kind === 'sending') return;
    setState({ kind: 'sending' });
    try {
      await client.post('/api/nps', body);
      markAnswered(task.id);
      setState({ kind: 'thanks' });
    } catch (err) {
      const message = (err as Error).message;
      // 409: answered already (or not done after all); either way, not to be asked again.
      if (err instanceof ApiError && err.status === 409) {
        markAnswered(task.id);
        setState({ kind: 'refused', message });
      } else setState({ kind: 'error', message: t('state.error', { message }) });
    }
  };
  if (state.kind === 'thanks')
    return (
      <p className="panel" role="status">
        {t('npsQuestion.thanks')}
      </p>
    );
  if (state.kind === 'refused')
    return (
      <p className="panel" role="status">
        {t('npsQuestion.refused', { message: state.message })}
      </p>
    );
  return (
    <form className="panel nps-question" onSubmit={submit} aria-labelledby="nps-question-title">
      <h3 id="nps-question-title">{t('npsQuestion.title')}</h3>
      <fieldset className="nps-scores">
        <legend>{t('npsQuestion.question')}</legend>
        {NPS_SCORES.map((s) => (
          <label key={s}>
            <input
              type="radio"
              name={`nps-${task.id}`}
              value={s}
              checked={score === s}
              onChange={() => setScore(s)}
            />
            <span>{s}</span>
          </label>
        ))}
        <p className="count">{t('npsQuestion.scale')}</p>
      </fieldset>
      <label className="field">
        <span>{t('npsQuestion.comment')}</span>
        <textarea value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" disabled={!body || state.kind === 'sending'}>
          {state.kind === 'sending' ? t('common.saving') : t('npsQuestion.send')}
        </button>
      </div>
      {state.kind === 'error' && (
        <p className="state state-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
