import {
  deviceIdFromTopic,
  isValidDeviceId,
  isValidMetricName,
  quoteForDetail,
} from './telemetry-names';

describe(deviceIdFromTopic.name, () => {
  it.each([
    ['devices/engine-1/telemetry', 'engine-1'],
    ['devices/A.b_c-9/telemetry', 'A.b_c-9'],
    [`devices/${'x'.repeat(64)}/telemetry`, 'x'.repeat(64)],
  ])('reads %s', (topic, id) => {
    expect(deviceIdFromTopic(topic)).toBe(id);
  });

  it.each([
    'devices/engine-1/status',
    'devices/engine-1/telemetry/extra',
    'devices//telemetry',
    'devices/a/b/telemetry',
    'devices/+/telemetry',
    'devices/#/telemetry',
    'devices/a b/telemetry',
    'devices/a,b/telemetry',
    `devices/${'x'.repeat(65)}/telemetry`,
    '/devices/engine-1/telemetry',
    'Devices/engine-1/telemetry',
    'devices/telemetry',
    '',
  ])('rejects %j', (topic) => {
    expect(deviceIdFromTopic(topic)).toBeNull();
  });
});

describe(isValidDeviceId.name, () => {
  it.each([
    ['engine-1', true],
    ['_x', true],
    ['a=b', false],
    ['a\tb', false],
    ['', false],
    [42, false],
    [null, false],
  ])('%j -> %s', (id, valid) => {
    expect(isValidDeviceId(id)).toBe(valid);
  });
});

describe(isValidMetricName.name, () => {
  it.each([
    ['t2', true],
    ['op_setting_1', true],
    ['phys.fan-speed', true],
    ['_internal', false],
    ['seq', false],
    ['state', false],
    ['device', false],
    ['time', false],
    ['Seq', true],
    ['a,b', false],
  ])('%j -> %s', (name, valid) => {
    expect(isValidMetricName(name)).toBe(valid);
  });
});

describe(quoteForDetail.name, () => {
  it('escapes control characters and truncates', () => {
    expect(quoteForDetail('a\nb\u0000')).toBe('"a\\nb\\u0000"');
    expect(quoteForDetail('x'.repeat(100), 4)).toBe('"xxxx…"');
  });
});
