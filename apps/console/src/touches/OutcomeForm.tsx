import { useId, useState, type FormEvent } from 'react';
import type {
  TouchOutcomeName,
  TouchOutcomeRequest,
  TouchResponse,
} from '@hourglass/contracts-api';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';

const OUTCOMES: readonly TouchOutcomeName[] = ['DONE', 'NO_RESPONSE', 'DECLINED', 'NOT_NEEDED'];

/** Records (or replaces) the outcome of one touch; the API's refusal is shown beside it. */
export function OutcomeForm({ touch, onSaved }: { touch: TouchResponse; onSaved(): void }) {
  const { t } = useI18n();
  const client = useApiClient();
  const id = useId();
  const [outcome, setOutcome] = useState<TouchOutcomeName>(touch.outcome?.outcome ?? 'DONE');
  const [note, setNote] = useState(touch.outcome?.note ?? '');
  const [state, setState] = useState<
    { status: 'idle' | 'busy' } | { status: 'failed'; message: string }
  >({ status: 'idle' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ status: 'busy' });
    const body: TouchOutcomeRequest = { outcome, note: note.trim() || null };
    try {
      await client.put(`/api/touches/${encodeURIComponent(touch.id)}/outcome`, body);
      setState({ status: 'idle' });
      onSaved();
    } catch (error) {
      setState({ status: 'failed', message: (error as Error).message });
    }
  };
  return (
    <form className="outcome-form" onSubmit={submit} data-touch-id={touch.id}>
      <label htmlFor={`${id}-outcome`} className="visually-hidden">
        {t('touch.outcomeOf', { id: touch.id })}
      </label>
      <select
        id={`${id}-outcome`}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as TouchOutcomeName)}
      >
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`touch.outcome.${o}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`} className="visually-hidden">
        {t('touch.noteOf', { id: touch.id })}
      </label>
      <input
        id={`${id}-note`}
        value={note}
        maxLength={2000}
        placeholder={t('touch.note')}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" disabled={state.status === 'busy'}>
        {touch.outcome ? t('touch.change') : t('touch.record')}
      </button>
      {state.status === 'failed' && (
        <p role="alert" className="state-error">
          {t('touch.failed', { message: state.message })}
        </p>
      )}
    </form>
  );
}
