import {
  brokerHost,
  canProvision,
  EMPTY_DEVICE_FORM,
  isDeviceId,
  mosquittoPubLine,
  provisionRequest,
  shellWord,
} from './device-provisioning';

const publish = {
  host: 'hourglass.example',
  port: 1883,
  deviceId: 'pump-7',
  username: 'pump-7',
  password: '-143sn7I6J1sG8riHFVqoeZib2Zl9xwT',
};

/**
 * The `-m` argument as a POSIX shell passes it: one double-quoted word (a bare quote inside would
 * end it), backslash escapes removed, `$(date +%s)` given as `epochSeconds`.
 */
function messageOf(line: string, epochSeconds: number): unknown {
  const quoted = /-m "(.*)"$/s.exec(line)?.[1];
  if (quoted === undefined) throw new Error(`no -m "..." in ${line}`);
  let word = '';
  for (let i = 0; i < quoted.length; i++) {
    if (quoted[i] === '"') throw new Error(`the shell ends the message at ${i}: ${quoted}`);
    if (quoted[i] === '\\' && '"\\$`'.includes(quoted[i + 1])) i++;
    word += quoted[i];
  }
  return JSON.parse(word.replace('$(date +%s)', String(epochSeconds)));
}

describe('device provisioning', () => {
  it('is offered to the provider and its operators, not to customers, partners or others', () => {
    expect(canProvision('provider-admin')).toBe(true);
    expect(canProvision('provider')).toBe(true);
    expect(canProvision('operator')).toBe(true);
    expect(canProvision('customer')).toBe(false);
    expect(canProvision('partner')).toBe(false);
    expect(canProvision('account-manager')).toBe(false);
    expect(canProvision('reliability-engineer')).toBe(false);
  });

  it('accepts the ids the API accepts: one topic level of letters, digits, _ . -, up to 64', () => {
    expect(isDeviceId(' pump-7 ')).toBe(true);
    expect(isDeviceId('a'.repeat(64))).toBe(true);
    expect(isDeviceId('a'.repeat(65))).toBe(false);
    expect(isDeviceId('pump/7')).toBe(false);
    expect(isDeviceId('pump+')).toBe(false);
    expect(isDeviceId('')).toBe(false);
  });

  it('sends the form trimmed, with the customer only when one is given', () => {
    expect(provisionRequest({ id: ' pump-7 ', type: ' pump ', tenantId: ' acme ' })).toEqual({
      id: 'pump-7',
      type: 'pump',
      tenantId: 'acme',
    });
    expect(provisionRequest({ ...EMPTY_DEVICE_FORM, id: 'p', type: 't', tenantId: '  ' })).toEqual({
      id: 'p',
      type: 't',
    });
  });

  it("takes the broker host from the page's host name", () => {
    expect(brokerHost({ hostname: 'hourglass.example' })).toBe('hourglass.example');
    expect(brokerHost({ hostname: '[::1]' })).toBe('::1');
    expect(brokerHost({ hostname: '' })).toBe('127.0.0.1');
  });

  it('quotes a shell word only when it needs it, closing around a single quote', () => {
    expect(shellWord('pump-7')).toBe('pump-7');
    expect(shellWord("a b'c$")).toBe(`'a b'\\''c$'`);
  });

  it("publishes one sample to the device's telemetry topic with its credentials, QoS 1", () => {
    const line = mosquittoPubLine(publish);
    expect(line).toContain('mosquitto_pub -h hourglass.example -p 1883 -q 1');
    expect(line).toContain('-i pump-7 -u pump-7 -P -143sn7I6J1sG8riHFVqoeZib2Zl9xwT');
    expect(line).toContain('-t devices/pump-7/telemetry');
    expect(messageOf(line, 1_765_000_000)).toEqual({
      ts: 1_765_000_000_000,
      seq: 1,
      metrics: { temperature: 71.5, vibration: 0.42 },
      state: 'RUN',
    });
  });

  it('quotes a password the shell would otherwise split or expand', () => {
    const line = mosquittoPubLine({ ...publish, password: 'a$b c' });
    expect(line).toContain("-P 'a$b c'");
  });
});
