import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  TASK_STATUSES,
  type TaskResponse,
  type TaskPatchRequest,
  type TaskStatus,
} from '@hourglass/contracts-api';
import type { Me } from '../api/types';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';

/** Works one task through `PATCH /api/tasks/{id}`: status, outcome, and cost for provider users. */
export function TaskEditor({
  task,
  me,
  onSaved,
  onClose,
}: {
  task: TaskResponse;
  me: Me;
  onSaved(task: TaskResponse): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [outcome, setOutcome] = useState(task.outcome ?? '');
  const [cost, setCost] = useState(task.cost);
  const [state, setState] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => heading.current?.focus(), [task.id]);
  const provider = me.role !== 'customer';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const patch: TaskPatchRequest = {};
    if (status !== task.status) patch.status = status;
    if (outcome !== (task.outcome ?? '')) patch.outcome = outcome || null;
    if (provider && cost !== task.cost) patch.cost = cost;
    if (Object.keys(patch).length === 0) return onClose();
    setState({ kind: 'saving' });
    try {
      onSaved(await client.patch<TaskResponse>(`/api/tasks/${encodeURIComponent(task.id)}`, patch));
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: (err as Error).message });
    }
  };
  return (
    <form className="editor" onSubmit={submit} aria-labelledby="task-editor-title">
      <h2 id="task-editor-title" ref={heading} tabIndex={-1}>
        {t('orders.edit', { id: `${task.assetId} ${task.component}` })}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('orders.col.status')}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as TaskStatus)}
        >
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{t('orders.outcome')}</label>
        <textarea
          id={`${id}-outcome`}
          value={outcome}
          maxLength={500}
          rows={3}
          onChange={(e) => setOutcome(e.target.value)}
        />
      </div>
      {provider && (
        <div className="field">
          <label htmlFor={`${id}-cost`}>{t('orders.cost')}</label>
          <input
            id={`${id}-cost`}
            inputMode="decimal"
            pattern="\d+(\.\d{1,2})?"
            value={cost}
            onChange={(e) => setCost(e.target.value)}
            aria-describedby={`${id}-cost-help`}
          />
          <small id={`${id}-cost-help`}>{t('orders.costHelp')}</small>
        </div>
      )}
      <div className="actions">
        <button type="submit" disabled={state.kind === 'saving'}>
          {state.kind === 'saving' ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.back')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {state.kind === 'saved' && t('common.saved')}
      </p>
      {state.kind === 'error' && (
        <p className="state state-error" role="alert">
          {t('state.error', { message: state.message })}
        </p>
      )}
    </form>
  );
}
