import { parseSse } from './sse-parser';

describe('parseSse', () => {
  it('reads complete events and keeps the unfinished rest', () => {
    const { messages, rest } = parseSse(
      'retry: 5000\n: comment\n\nevent: asset.state\ndata: {"a":1}\n\nevent: order.raised\ndata: {"b"',
    );
    expect(messages).toEqual([{ event: 'asset.state', data: '{"a":1}' }]);
    expect(rest).toBe('event: order.raised\ndata: {"b"');
    expect(parseSse(`${rest}:2}\n\n`).messages).toEqual([
      { event: 'order.raised', data: '{"b":2}' },
    ]);
  });

  it('joins data lines, defaults the name to message, and accepts CRLF', () => {
    expect(parseSse('data: one\r\ndata:two\r\n\r\n').messages).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('skips heartbeats and blocks without data', () => {
    expect(parseSse(': ping\n\n: ping\n\nevent: x\n\n')).toEqual({ messages: [], rest: '' });
  });
});
