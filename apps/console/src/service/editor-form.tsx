import { TASK_PRIORITIES, type TaskPriority } from '@hourglass/contracts-api';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '../api/field-errors';
import { useI18n } from '../i18n/I18nProvider';

/** What an editor saves and how the API's refusal lands on its fields. */
export interface EditorFormOptions<F, K extends string, R> {
  initial: F;
  save(form: F): Promise<R>;
  placeErrors(message: string): FieldErrors<K>;
  onSaved(saved: R): void;
}

/**
 * The state of an editor form shared by the rule, plan and webhook editors: the form, the API's
 * refusal placed on the fields it names (`aria-invalid`, `aria-describedby`, the message under the
 * input) and the rest kept for under the form, and a submit that is busy while the request runs.
 */
export function useEditorForm<F extends object, K extends string, R>(
  options: EditorFormOptions<F, K, R>,
) {
  const idBase = useId();
  const [form, setForm] = useState<F>(options.initial);
  const [errors, setErrors] = useState<FieldErrors<K>>({ fields: {}, other: [] });
  const [busy, setBusy] = useState(false);
  const set = <P extends keyof F>(name: P, value: F[P]) =>
    setForm((f) => ({ ...f, [name]: value }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({ fields: {}, other: [] });
    try {
      options.onSaved(await options.save(form));
    } catch (error) {
      setErrors(options.placeErrors((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const errorId = (name: K) => `${idBase}-${name}-error`;
  /** The attributes that tie an input to its field's message. */
  const aria = (name: K) => ({
    'aria-invalid': errors.fields[name] !== undefined,
    'aria-describedby': errors.fields[name] !== undefined ? errorId(name) : undefined,
  });
  /** The field's message, when the API named it. */
  const message = (name: K): ReactNode =>
    errors.fields[name] !== undefined && (
      <span id={errorId(name)} className="state-error">
        {errors.fields[name]}
      </span>
    );
  /** A labelled field: `input` gets the aria attributes, its message follows it. */
  const field = (name: K, label: string, input: (props: object) => ReactNode) => (
    <label className="field">
      {label}
      {input(aria(name))}
      {message(name)}
    </label>
  );
  return { form, setForm, set, errors, busy, onSubmit, aria, message, field };
}

/** A priority `<select>` of the task priorities, labelled in the current language. */
export function PrioritySelect({
  value,
  onChange,
  ...props
}: {
  value: TaskPriority;
  onChange(priority: TaskPriority): void;
}) {
  const { t } = useI18n();
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value as TaskPriority)}>
      {TASK_PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {t(`priority.${p}`)}
        </option>
      ))}
    </select>
  );
}

/** An editor's checkbox row (e.g. "enabled"). */
export function CheckboxRow({
  checked,
  onChange,
  label,
}: {
  checked: boolean;
  onChange(checked: boolean): void;
  label: string;
}) {
  return (
    <label>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {label}
    </label>
  );
}

/** Save and cancel, then what the API refused that names no field, and a hint to fix the fields. */
export function EditorFooter<K extends string>({
  busy,
  saveLabel,
  onCancel,
  errors,
}: {
  busy: boolean;
  saveLabel: string;
  onCancel(): void;
  errors: FieldErrors<K>;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
      {errors.other.length > 0 && (
        <p role="alert" className="state-error">
          {t('form.refused', { message: errors.other.join('; ') })}
        </p>
      )}
      {Object.keys(errors.fields).length > 0 && (
        <p role="alert" className="state-error">
          {t('form.fixFields')}
        </p>
      )}
    </>
  );
}
