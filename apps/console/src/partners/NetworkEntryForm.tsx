import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { EMPTY_FORM, type NetworkForm } from './partner-form';

/**
 * A form adding a partner or a technician: id, name, regions, skills, certification days.
 * `submit` sends it; the API's refusal is shown under the form and the fields are kept.
 */
export function NetworkEntryForm({
  title,
  submitLabel,
  extra,
  submit,
}: {
  title: string;
  submitLabel: string;
  /** Fields before the common ones (the technician's team). */
  extra?: ReactNode;
  submit(form: NetworkForm): Promise<void>;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const [form, setForm] = useState<NetworkForm>(EMPTY_FORM);
  const [state, setState] = useState<
    { status: 'idle' | 'busy' | 'saved' } | { status: 'failed'; message: string }
  >({ status: 'idle' });
  const field = (name: keyof NetworkForm) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ status: 'busy' });
    try {
      await submit(form);
      setState({ status: 'saved' });
      setForm(EMPTY_FORM);
    } catch (error) {
      setState({ status: 'failed', message: (error as Error).message });
    }
  };
  return (
    <form className="form panel network-form" aria-labelledby={titleId} onSubmit={onSubmit}>
      <h2 id={titleId}>{title}</h2>
      {extra}
      <label>
        {t('partners.field.id')}
        <input required {...field('id')} />
      </label>
      <label>
        {t('partners.field.name')}
        <input required {...field('name')} />
      </label>
      <label>
        {t('partners.field.regions')}
        <input {...field('regions')} placeholder="north, south" />
      </label>
      <label>
        {t('partners.field.skills')}
        <input {...field('skills')} placeholder="turbofan, turbofan/hpc-module" />
      </label>
      <label>
        {t('partners.field.certifiedFrom')}
        <input type="date" {...field('certifiedFrom')} />
      </label>
      <label>
        {t('partners.field.certifiedTo')}
        <input type="date" {...field('certifiedTo')} />
      </label>
      <button type="submit" disabled={state.status === 'busy'}>
        {submitLabel}
      </button>
      {state.status === 'saved' && <p role="status">{t('partners.added')}</p>}
      {state.status === 'failed' && (
        <p role="alert" className="state-error">
          {t('partners.failed', { message: state.message })}
        </p>
      )}
    </form>
  );
}
