import { PassThrough } from 'node:stream';
import { markSessionPresent } from './connack-session-present';
import { RetainedPublishOrder, SessionPresence } from './session-presence';

describe('SessionPresence', () => {
  it('is present for a clean-off client whose id held a clean-off session, until a clean connect or expiry', () => {
    const sessions = new SessionPresence();
    const a = { id: 'a', clean: false };
    expect(sessions.admitted(a)).toBe(false);
    const back = { id: 'a', clean: false };
    expect(sessions.admitted(back)).toBe(true);
    expect(sessions.isPresent(back)).toBe(true);
    expect(sessions.isPresent(a)).toBe(false);
    expect(sessions.admitted({ id: 'a', clean: true })).toBe(false);
    expect(sessions.admitted({ id: 'a', clean: false })).toBe(false);
    sessions.forget('a');
    expect(sessions.size).toBe(0);
  });
});

describe('RetainedPublishOrder', () => {
  it("holds work until the client's retained publishes are finished, or the fallback passes", async () => {
    const order = new RetainedPublishOrder(50);
    const client = {};
    const ran: string[] = [];
    order.afterPending(client, () => ran.push('free'));
    const p1 = {};
    const p2 = {};
    order.started(client, p1);
    order.started(client, p2);
    order.afterPending(client, () => ran.push('after'));
    order.finished(client, p1);
    expect(ran).toEqual(['free']);
    order.finished(client, p2);
    expect(ran).toEqual(['free', 'after']);
    order.started(client, {});
    order.afterPending(client, () => ran.push('late'));
    await new Promise((r) => setTimeout(r, 80));
    expect(ran).toEqual(['free', 'after', 'late']);
  });
});

describe('markSessionPresent', () => {
  function written(chunks: Buffer[], present: boolean): string {
    const stream = new PassThrough();
    markSessionPresent(stream, () => present);
    for (const chunk of chunks) stream.write(chunk);
    return (stream.read() as Buffer).toString('hex');
  }

  it('sets the flag in a CONNACK written in pieces or whole, and leaves the shared bytes alone', () => {
    const zero = Buffer.from([0]);
    const pieces = [Buffer.from([0x20]), Buffer.from([0x02]), zero, Buffer.from([0x00])];
    expect(written(pieces, true)).toBe('20020100');
    expect(zero[0]).toBe(0);
    expect(written(pieces, false)).toBe('20020000');
    expect(written([Buffer.from('20020000', 'hex')], true)).toBe('20020100');
    // Only the first packet, and only a CONNACK.
    expect(written([Buffer.from('9003000100', 'hex')], true)).toBe('9003000100');
    expect(written([Buffer.from('20020000', 'hex'), Buffer.from('30020000', 'hex')], true)).toBe(
      '2002010030020000',
    );
  });
});
