import { parseEquipmentEvent } from './equipment-event';

describe(parseEquipmentEvent.name, () => {
  const parse = (payload: unknown, topic = 'devices/eng-1/events') =>
    parseEquipmentEvent(
      topic,
      Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    );

  it('reads a part replacement and the simulator`s replacement', () => {
    expect(
      parse({
        type: 'part_replaced',
        component: 'hpc-module',
        partNumber: 'HPC-9',
        ts: 1_777_000_000_000,
      }),
    ).toMatchObject({
      deviceId: 'eng-1',
      type: 'part_replaced',
      component: 'hpc-module',
      partNumber: 'HPC-9',
      orderId: null,
      deviceTs: new Date(1_777_000_000_000),
    });
    expect(
      parse({ type: 'replaced', taskId: 't-1', preventive: true, unit: 3, atCycle: 120 }),
    ).toMatchObject({ type: 'replaced', component: null, orderId: 't-1', deviceTs: null });
  });

  it.each([
    [{ type: 'part_replaced', component: 'x', ts: 1 }, 'devices/eng-1/telemetry', 'bad_topic'],
    ['{nope', 'devices/eng-1/events', 'not_json'],
    ['[1]', 'devices/eng-1/events', 'not_json'],
    [{ type: 'exploded' }, 'devices/eng-1/events', 'unknown_type'],
    [{ type: 'part_replaced', ts: 1 }, 'devices/eng-1/events', 'bad_field'],
    [
      { type: 'part_replaced', component: 'x', ts: 'yesterday' },
      'devices/eng-1/events',
      'bad_field',
    ],
    [{ type: 'part_replaced', component: 'x', partNumber: 7 }, 'devices/eng-1/events', 'bad_field'],
  ])('refuses %j on %s: %s', (payload, topic, reason) => {
    expect(parse(payload, topic)).toEqual({ rejected: reason });
  });
});
