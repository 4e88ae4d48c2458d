import { useMemo, useState } from 'react';
import type { DeviceCredentialsResponse } from '@hourglass/contracts-api';
import { useI18n } from '../i18n/I18nProvider';
import { brokerHost, DEFAULT_MQTT_PORT, mosquittoPubLine } from './device-provisioning';

function CopyButton({ text }: { text: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <button type="button" onClick={copy}>
      {copied ? t('devices.copied') : t('devices.copy')}
    </button>
  );
}

/**
 * A device's MQTT credentials, shown this once, with a `mosquitto_pub` line to test them. The
 * broker's host is the page's; its port is the platform's default unless the operator changes it
 * (the API does not say which port the broker listens on).
 */
export function DeviceCredentials({
  deviceId,
  credentials,
  heading,
  onDismiss,
}: {
  deviceId: string;
  credentials: DeviceCredentialsResponse;
  heading: string;
  onDismiss(): void;
}) {
  const { t } = useI18n();
  const [host, setHost] = useState(() => brokerHost(window.location));
  const [port, setPort] = useState(String(DEFAULT_MQTT_PORT));
  const line = useMemo(
    () =>
      mosquittoPubLine({
        host: host.trim() || brokerHost(window.location),
        port: Number(port) || DEFAULT_MQTT_PORT,
        deviceId,
        username: credentials.username,
        password: credentials.password,
      }),
    [host, port, deviceId, credentials],
  );
  return (
    <div className="device-credentials" role="region" aria-labelledby="device-creds-title">
      <h3 id="device-creds-title">{heading}</h3>
      <p className="state state-error" role="alert">
        {t('devices.once')}
      </p>
      <dl>
        <dt>{t('devices.username')}</dt>
        <dd>
          <code>{credentials.username}</code>
        </dd>
        <dt>{t('devices.password')}</dt>
        <dd>
          <code data-testid="device-password">{credentials.password}</code>{' '}
          <CopyButton text={credentials.password} />
        </dd>
      </dl>
      <h4>{t('devices.testTitle')}</h4>
      <div className="inline-form">
        <label htmlFor="device-mqtt-host">{t('devices.mqttHost')}</label>
        <input id="device-mqtt-host" value={host} onChange={(e) => setHost(e.target.value)} />
        <label htmlFor="device-mqtt-port">{t('devices.mqttPort')}</label>
        <input
          id="device-mqtt-port"
          inputMode="numeric"
          value={port}
          onChange={(e) => setPort(e.target.value)}
        />
      </div>
      <p className="help">{t('devices.testHelp', { id: deviceId })}</p>
      <pre className="mono" tabIndex={0} aria-label={t('devices.testTitle')}>
        {line}
      </pre>
      <CopyButton text={line} />{' '}
      <button type="button" onClick={onDismiss}>
        {t('devices.dismiss')}
      </button>
    </div>
  );
}
