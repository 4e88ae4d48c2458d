import { PassThrough } from 'node:stream';
import { observeWrites, OutboundFlows } from './outbound-flows';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('OutboundFlows', () => {
  it('learns QoS 1 and 2 flows from bytes written in any pieces, payloads skipped', () => {
    const flows = new OutboundFlows();
    const bytes = hex(
      '30 03 0001 70  32 0C 0001 70 0001 6d657373616765  34 0C 0001 70 0002 6d657373616765',
    );
    for (let i = 0; i < bytes.length; i += 3) flows.written(bytes.subarray(i, i + 3));
    expect(flows.problem('pubrec', 1)).toMatch(/qos1-sent/);
    expect(flows.problem('puback', 2)).toMatch(/qos2-sent/);
    expect(flows.problem('pubrec', 2)).toBeNull();
    flows.written(hex('62 02 0002'));
    expect(flows.problem('pubrec', 2)).toBeNull(); // repeated: answered with PUBREL again
    expect(flows.problem('puback', 2)).toMatch(/pubrel-sent/);
    expect(flows.problem('pubcomp', 2)).toBeNull();
    expect(flows.problem('puback', 2)).toBeNull(); // the flow is over: left to aedes
    expect(flows.problem('puback', 1)).toBeNull();
    expect(flows.problem('puback', 1)).toBeNull();
  });

  it('sees topics written as strings', () => {
    const flows = new OutboundFlows();
    const stream = new PassThrough();
    observeWrites(stream, (chunk) => flows.written(chunk));
    stream.write(hex('32 0C'));
    stream.write(hex('0001'));
    stream.write('p', 'utf8');
    stream.write(hex('0007 6d657373616765'));
    expect(flows.problem('pubcomp', 7)).toMatch(/qos1-sent/);
  });
});
