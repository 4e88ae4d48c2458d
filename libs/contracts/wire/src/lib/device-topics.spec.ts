import { maintenanceCommandTopic } from './maintenance-messages';
import {
  commandTopic,
  deviceCommandsPrefix,
  deviceIdFromTelemetryTopic,
  deviceIdOfTopic,
  deviceTopicPrefix,
  eventsTopic,
  parseDeviceTopic,
  statusTopic,
  telemetryTopic,
  TELEMETRY_FILTER,
} from './device-topics';

describe('device topics', () => {
  const ids = ['engine-1', 'a', 'A_b.c-9', 'x'.repeat(64)];

  it('builds the topics of the interface', () => {
    expect(telemetryTopic('engine-1')).toBe('devices/engine-1/telemetry');
    expect(statusTopic('engine-1')).toBe('devices/engine-1/status');
    expect(eventsTopic('engine-1')).toBe('devices/engine-1/events');
    expect(commandTopic('engine-1', 'replace')).toBe('devices/engine-1/commands/replace');
    expect(deviceTopicPrefix('engine-1')).toBe('devices/engine-1/');
    expect(deviceCommandsPrefix('engine-1')).toBe('devices/engine-1/commands/');
    expect(TELEMETRY_FILTER).toBe('devices/+/telemetry');
  });

  it.each(ids)('round-trips every topic of %s through parseDeviceTopic', (id) => {
    expect(parseDeviceTopic(telemetryTopic(id))).toEqual({ kind: 'telemetry', deviceId: id });
    expect(parseDeviceTopic(statusTopic(id))).toEqual({ kind: 'status', deviceId: id });
    expect(parseDeviceTopic(eventsTopic(id))).toEqual({ kind: 'events', deviceId: id });
    expect(parseDeviceTopic(commandTopic(id, 'replace'))).toEqual({
      kind: 'command',
      deviceId: id,
      command: 'replace',
    });
    expect(deviceIdFromTelemetryTopic(telemetryTopic(id))).toBe(id);
    expect(deviceIdOfTopic(commandTopic(id, 'replace'))).toBe(id);
  });

  it.each(['', 'a/b', 'a+b', 'a#', 'a b', 'a,b', 'a=b', 'é', 'x'.repeat(65), 'a\n'])(
    'builders refuse the device id %j',
    (id) => {
      expect(() => telemetryTopic(id)).toThrow(RangeError);
      expect(() => statusTopic(id)).toThrow(RangeError);
      expect(() => eventsTopic(id)).toThrow(RangeError);
      expect(() => commandTopic(id, 'replace')).toThrow(RangeError);
      expect(() => deviceTopicPrefix(id)).toThrow(RangeError);
    },
  );

  it.each(['', 'a/b', '#', '+', 'x'.repeat(65)])(
    'commandTopic refuses the command name %j',
    (name) => {
      expect(() => commandTopic('engine-1', name)).toThrow(RangeError);
    },
  );

  it.each([
    'devices/engine-1/telemetry/extra',
    'devices/engine-1/status/x',
    'devices/engine-1/commands',
    'devices/engine-1/commands/',
    'devices/engine-1/commands/replace/now',
    'devices/engine-1/commands/+',
    'devices/engine-1/commands/#',
    'devices/engine-1',
    'devices/engine-1/',
    'devices//telemetry',
    'devices/+/telemetry',
    'devices/a b/telemetry',
    'devices/engine-1/metrics',
    'Devices/engine-1/telemetry',
    '/devices/engine-1/telemetry',
    'other/engine-1/telemetry',
    `devices/${'x'.repeat(65)}/telemetry`,
  ])('parseDeviceTopic refuses %j', (topic) => {
    expect(parseDeviceTopic(topic)).toBeNull();
  });

  it.each([
    'devices/engine-1/telemetry/extra',
    'devices//telemetry',
    'devices/a/b/telemetry',
    'devices/+/telemetry',
    'devices/engine-1/status',
    'x/engine-1/telemetry',
  ])('deviceIdFromTelemetryTopic refuses %j', (topic) => {
    expect(deviceIdFromTelemetryTopic(topic)).toBeNull();
  });

  it.each([
    'devices/engine-1',
    'devices/engine-1/',
    'devices//status',
    'devices/+/status',
    'other/engine-1/status',
    '$SYS/devices/x/y',
  ])('deviceIdOfTopic finds no owner in %j', (topic) => {
    expect(deviceIdOfTopic(topic)).toBeNull();
  });
});

describe('maintenance command topic', () => {
  it('is devices/{id}/commands/maintenance and parses back as that command', () => {
    expect(maintenanceCommandTopic('engine-1')).toBe('devices/engine-1/commands/maintenance');
    expect(parseDeviceTopic(maintenanceCommandTopic('engine-1'))).toEqual({
      kind: 'command',
      deviceId: 'engine-1',
      command: 'maintenance',
    });
    expect(() => maintenanceCommandTopic('a/b')).toThrow(RangeError);
  });
});
