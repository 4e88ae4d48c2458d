import { useState, type FormEvent } from 'react';
import type {
  DeviceCredentialsResponse,
  ProvisionedDeviceResponse,
  RotatedCredentialsResponse,
} from '@hourglass/contracts-api';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import { DeviceCredentials } from './DeviceCredentials';
import { EMPTY_DEVICE_FORM, isDeviceId, provisionRequest } from './device-provisioning';

/** Credentials just issued, and whether by provisioning or rotation. */
interface Issued {
  deviceId: string;
  credentials: DeviceCredentialsResponse;
  rotated: boolean;
}

/** Submits once at a time; the API's refusal is shown as it words it. */
function useSubmit(run: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await run();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}

function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="state state-error" role="alert">
      {error}
    </p>
  );
}

function ProvisionForm({ onIssued }: { onIssued(issued: Issued): void }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [form, setForm] = useState(EMPTY_DEVICE_FORM);
  const { busy, error, setError, submit } = useSubmit(async () => {
    if (!isDeviceId(form.id)) return setError(t('devices.badId'));
    const body = provisionRequest(form);
    const device = await client.post<ProvisionedDeviceResponse>('/api/devices', body);
    onIssued({ deviceId: device.id, credentials: device.credentials, rotated: false });
    setForm(EMPTY_DEVICE_FORM);
  });
  const field = (key: keyof typeof form) => ({
    id: `device-${key}`,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  return (
    <form className="form" onSubmit={submit} aria-labelledby="device-new-title">
      <h3 id="device-new-title">{t('devices.title')}</h3>
      <label htmlFor="device-id">{t('devices.id')}</label>
      <input {...field('id')} required maxLength={64} autoComplete="off" />
      <label htmlFor="device-type">{t('devices.type')}</label>
      <input {...field('type')} required />
      <label htmlFor="device-tenantId">{t('devices.tenant')}</label>
      <input {...field('tenantId')} />
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('devices.provisioning') : t('devices.provision')}
      </button>
    </form>
  );
}

function RotateForm({ onIssued }: { onIssued(issued: Issued): void }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [id, setId] = useState('');
  const { busy, error, setError, submit } = useSubmit(async () => {
    if (!isDeviceId(id)) return setError(t('devices.badId'));
    const deviceId = id.trim();
    const path = `/api/devices/${encodeURIComponent(deviceId)}/credentials`;
    const { credentials } = await client.post<RotatedCredentialsResponse>(path);
    onIssued({ deviceId, credentials, rotated: true });
    setId('');
  });
  return (
    <form className="form" onSubmit={submit} aria-labelledby="device-rotate-title">
      <h3 id="device-rotate-title">{t('devices.rotateTitle')}</h3>
      <label htmlFor="device-rotate-id">{t('devices.rotateId')}</label>
      <input
        id="device-rotate-id"
        required
        autoComplete="off"
        value={id}
        onChange={(e) => setId(e.target.value)}
      />
      <p className="help">{t('devices.rotateHelp')}</p>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('devices.rotating') : t('devices.rotate')}
      </button>
    </form>
  );
}

/**
 * Provisioning a device and rotating a device's password, for operators on the fleet screen. The
 * credentials the API answers are kept only in this component's state: shown once, gone when it
 * is dismissed or the page is left.
 */
export function ProvisionDevicePanel({ onProvisioned }: { onProvisioned(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const onIssued = (next: Issued) => {
    setIssued(next);
    if (!next.rotated) onProvisioned();
  };
  if (!open && !issued)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('devices.open')}
      </button>
    );
  return (
    <section className="panel" aria-label={t('devices.title')}>
      {issued ? (
        <DeviceCredentials
          deviceId={issued.deviceId}
          credentials={issued.credentials}
          heading={t(issued.rotated ? 'devices.rotated' : 'devices.provisioned', {
            id: issued.deviceId,
          })}
          onDismiss={() => setIssued(null)}
        />
      ) : (
        <div className="device-forms">
          <ProvisionForm onIssued={onIssued} />
          <RotateForm onIssued={onIssued} />
        </div>
      )}
      {!issued && (
        <button type="button" onClick={() => setOpen(false)}>
          {t('devices.close')}
        </button>
      )}
    </section>
  );
}
