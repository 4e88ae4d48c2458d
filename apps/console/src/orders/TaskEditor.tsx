import type { TaskResponse, TaskStatus } from '@hourglass/contracts-api';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-client';
import type { Me } from '../api/types';
import { useApiClient } from '../api/use-api';
import { isStaff } from '../auth/role-access';
import { DiagnosisPanel, SuggestionPanel } from '../cases/OrderEvidence';
import { useI18n, type I18n } from '../i18n/I18nProvider';
import { FailureReportFields } from './FailureReportFields';
import { asksNps } from './nps-question';
import { NpsQuestion } from './NpsQuestion';
import { ScheduleFields } from './ScheduleFields';
import { TaskHistory } from './TaskHistory';
import {
  nextStatuses,
  transitionPatch,
  type ReportForm,
  type ScheduleForm,
} from './order-lifecycle';

type SaveState = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };

/** Statuses whose move needs a form first; the others are one click. */
const NEEDS_FORM: readonly TaskStatus[] = ['SCHEDULED', 'DONE'];
/** Statuses with no diagnosis (the API answers 409: the case is in the library). */
const CLOSED: readonly TaskStatus[] = ['DONE', 'CANCELLED'];

/** A 409 names the allowed moves and a 400 the missing field: both shown as the API words them. */
function errorText(t: I18n['t'], err: unknown): string {
  const message = (err as Error).message;
  if (err instanceof ApiError && err.status === 409) return t('orders.conflict', { message });
  if (err instanceof ApiError && err.status === 400) return t('orders.invalid', { message });
  return t('state.error', { message });
}

/** Works one order through its lifecycle (`PATCH /api/tasks/{id}`) and shows its history. */
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
  const { t, formatDate } = useI18n();
  const client = useApiClient();
  const [pending, setPending] = useState<TaskStatus | null>(null);
  const [schedule, setSchedule] = useState<ScheduleForm>({
    plannedFor: task.plannedFor?.slice(0, 10) ?? '',
    assignee: task.assignee ?? '',
  });
  const [report, setReport] = useState<ReportForm>(() => ({
    outcome: '',
    failureCode: '',
    labourHours: '',
    parts: task.partsNeeded.map((p) => ({
      partNumber: p.partNumber,
      quantity: String(p.quantity),
      unitCost: p.unitCost ?? '',
    })),
  }));
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [task.id]);
  const move = async (to: TaskStatus) => {
    setState({ kind: 'saving' });
    try {
      const patch = transitionPatch(to, schedule, report);
      onSaved(await client.patch<TaskResponse>(`/api/tasks/${encodeURIComponent(task.id)}`, patch));
      setPending(null);
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: errorText(t, err) });
    }
  };
  const choose = (to: TaskStatus) => (NEEDS_FORM.includes(to) ? setPending(to) : void move(to));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pending) void move(pending);
  };
  const saving = state.kind === 'saving';
  return (
    <div className="editor" role="region" aria-labelledby="task-editor-title">
      <h2 id="task-editor-title" ref={heading} tabIndex={-1}>
        {t('orders.edit', { id: `${task.assetId} ${task.component}` })}
      </h2>
      <p>
        {t('orders.now', { status: t(`status.${task.status}`) })}
        {task.plannedFor && ` · ${t('orders.plannedFor')}: ${formatDate(task.plannedFor)}`}
        {task.assignee && ` · ${t('orders.assignee')}: ${task.assignee}`}
        {task.failureReport &&
          ` · ${t(`outcome.${task.failureReport.outcome}`)} (${task.failureReport.failureCode})`}
      </p>
      <div className="actions" role="group" aria-label={t('orders.actions')}>
        {nextStatuses(task).map((to) => (
          <button
            key={to}
            type="button"
            disabled={saving}
            aria-pressed={pending === to}
            onClick={() => choose(to)}
          >
            {t(`action.${to}`)}
          </button>
        ))}
        <button type="button" onClick={onClose}>
          {t('common.back')}
        </button>
      </div>
      {pending && (
        <form onSubmit={submit} aria-label={t(`action.${pending}`)}>
          {pending === 'SCHEDULED' && <ScheduleFields value={schedule} onChange={setSchedule} />}
          {pending === 'DONE' && (
            <FailureReportFields
              assetType={task.assetType}
              value={report}
              provider={isStaff(me.role)}
              onChange={setReport}
            />
          )}
          <div className="actions">
            <button type="submit" disabled={saving}>
              {saving
                ? t('common.saving')
                : t('orders.confirm', { action: t(`action.${pending}`) })}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              {t('orders.cancelForm')}
            </button>
          </div>
        </form>
      )}
      <p role="status" aria-live="polite">
        {state.kind === 'saved' && t('common.saved')}
      </p>
      {state.kind === 'error' && (
        <p className="state state-error" role="alert">
          {state.message}
        </p>
      )}
      {/* The case library's evidence: for service staff and partners (customers are refused it). */}
      {me.role !== 'customer' && <SuggestionPanel task={task} />}
      {me.role !== 'customer' && !CLOSED.includes(task.status) && <DiagnosisPanel task={task} />}
      {asksNps(task, me.role) && <NpsQuestion task={task} />}
      <TaskHistory taskId={task.id} version={task.updatedAt} />
    </div>
  );
}
