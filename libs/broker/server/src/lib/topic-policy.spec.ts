import type { ClientIdentity } from './broker-identity';
import {
  authorizePublish,
  authorizeSubscribe,
  deviceMayPublish,
  edgeNodeMayPublish,
  stripShare,
  topicMatches,
} from './topic-policy';

const device: ClientIdentity = { kind: 'device', deviceId: 'engine-1', tenantId: 't' };
const ingest: ClientIdentity = {
  kind: 'service',
  name: 'ingest',
  publish: ['devices/+/commands/#'],
  subscribe: ['devices/+/telemetry', 'devices/+/events'],
};

describe(topicMatches.name, () => {
  it.each([
    ['devices/+/telemetry', 'devices/a/telemetry', true],
    ['devices/+/telemetry', 'devices/a/b/telemetry', false],
    ['devices/#', 'devices', true],
    ['devices/#', 'devices/a/b', true],
    ['devices/a', 'devices/a/b', false],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

describe(authorizePublish.name, () => {
  it.each([
    ['devices/engine-1/telemetry', true],
    ['devices/engine-1/status', true],
    ['devices/engine-2/telemetry', false],
    ['devices/engine-1', false],
    ['devices/engine-1/', false],
    ['devices/engine-1/commands/replace', false],
    ['devices/+/telemetry', false],
    ['$SYS/x', false],
    ['', false],
  ])('device engine-1 publishing to %j: %s', (topic, expected) => {
    expect(authorizePublish(device, topic)).toBe(expected);
  });

  it('lets a service publish only within its scopes', () => {
    expect(authorizePublish(ingest, 'devices/engine-1/commands/replace')).toBe(true);
    expect(authorizePublish(ingest, 'devices/engine-1/telemetry')).toBe(false);
  });
});

describe(authorizeSubscribe.name, () => {
  it.each([
    ['devices/engine-1/commands/#', true],
    ['devices/engine-1/#', true],
    ['devices/engine-2/#', false],
    ['devices/+/telemetry', false],
    ['#', false],
    ['devices/engine-1', false],
  ])('device engine-1 subscribing to %j: %s', (filter, expected) => {
    expect(authorizeSubscribe(device, filter)).toBe(expected);
  });

  it('lets a service use shared subscriptions within its scopes', () => {
    expect(authorizeSubscribe(ingest, '$share/ingest/devices/+/telemetry')).toBe(true);
    expect(authorizeSubscribe(ingest, 'devices/+/telemetry')).toBe(true);
    expect(authorizeSubscribe(ingest, 'devices/x/telemetry')).toBe(true);
    expect(authorizeSubscribe(ingest, 'devices/#')).toBe(false);
  });

  it('strips only a well-formed share prefix', () => {
    expect(stripShare('$share/g/a/b')).toBe('a/b');
    expect(stripShare('$share/nogroup')).toBe('$share/nogroup');
  });
});

describe(deviceMayPublish.name, () => {
  it.each([
    ['engine-1', 'devices/engine-1/status', true],
    ['engine-1', 'devices/engine-2/commands/replace', false],
    ['engine-1', 'devices/engine-1/commands/replace', false],
    ['', 'devices//status', false],
    ['a/b', 'devices/a/b/status', false],
    ['engine-1', '$SYS/devices/engine-1/status', false],
  ])('owner %j publishing (or leaving a Will) on %j: %s', (owner, topic, expected) => {
    expect(deviceMayPublish(owner, topic)).toBe(expected);
  });
});

describe(edgeNodeMayPublish.name, () => {
  const edge = { kind: 'device' as const, deviceId: 'gw-1', tenantId: 'acme' };
  it.each([
    ['spBv1.0/acme/NBIRTH/gw-1', true],
    ['spBv1.0/acme/DDATA/gw-1/pump-1', true],
    ['spBv1.0/acme/NDEATH/gw-1', true],
    ['spBv1.0/other/NBIRTH/gw-1', false], // another tenant's group
    ['spBv1.0/acme/NBIRTH/gw-2', false], // another edge node
    ['spBv1.0/acme/NCMD/gw-1', false], // the host's command
    ['spBv1.0/acme/DCMD/gw-1/pump-1', false],
    ['spBv1.0/acme/DDATA/gw-1', false], // a device message without a device
    ['spBv1.0/STATE/host', false],
  ])('%s: %s', (topic, expected) => {
    expect(edgeNodeMayPublish(edge, topic)).toBe(expected);
    expect(authorizePublish(edge, topic)).toBe(expected);
  });

  it.each([
    ['spBv1.0/acme/NCMD/gw-1', true],
    ['spBv1.0/acme/DCMD/gw-1/#', true],
    ['spBv1.0/acme/NCMD/gw-2', false],
    ['spBv1.0/other/NCMD/gw-1', false],
    ['spBv1.0/acme/#', false],
  ])('subscribe %s: %s', (filter, expected) => {
    expect(authorizeSubscribe(edge, filter)).toBe(expected);
  });
});
