import { DEFAULT_BROKER_LIMITS } from './broker-limits';
import { topicProblem, willTopicProblem } from './topic-limits';

describe(topicProblem.name, () => {
  const check = (topic: string) => topicProblem(topic, DEFAULT_BROKER_LIMITS);

  it('accepts ordinary topics up to the limits', () => {
    expect(check('devices/pump-1/telemetry')).toBeNull();
    expect(check(new Array(16).fill('a').join('/'))).toBeNull();
    expect(check('x'.repeat(1024))).toBeNull();
    expect(check('devices/pompe-é/telemetry')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['17 levels', new Array(17).fill('a').join('/')],
    ['1,025 bytes', 'x'.repeat(1025)],
    ['1,024 characters but more bytes', 'é'.repeat(600)],
    ['U+0000', 'devices/a\u0000b/telemetry'],
    ['a control character', 'devices/a\u0007/x'],
    ['invalid UTF-8 (decoded to U+FFFD)', Buffer.from([0x64, 0xff, 0x2f, 0x78]).toString('utf8')],
  ])('refuses %s', (_name, topic) => {
    expect(check(topic)).not.toBeNull();
  });

  it('refuses wildcards in a Will topic', () => {
    expect(willTopicProblem('devices/+/status', DEFAULT_BROKER_LIMITS)).toMatch(/wildcard/);
    expect(willTopicProblem('devices/a/#', DEFAULT_BROKER_LIMITS)).toMatch(/wildcard/);
    expect(willTopicProblem('devices/a/status', DEFAULT_BROKER_LIMITS)).toBeNull();
  });
});
