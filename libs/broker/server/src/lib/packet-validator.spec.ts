import mqttPacket from 'mqtt-packet';
import { DEFAULT_BROKER_LIMITS } from './broker-limits';
import { packetProblem, type ParsedPacket } from './packet-validator';

function parse(hex: string): ParsedPacket {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  let packet: ParsedPacket | undefined;
  parser.on('packet', (p) => (packet = p as unknown as ParsedPacket));
  parser.parse(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
  if (!packet) throw new Error(`no packet in ${hex}`);
  return packet;
}

const problem = (hex: string) => packetProblem(parse(hex), DEFAULT_BROKER_LIMITS);

describe('packetProblem', () => {
  it('accepts well-formed packets', () => {
    expect(problem('10 0D 0004 4D515454 04 02 003C 0001 70')).toBeNull(); // CONNECT
    expect(problem('10 17 0004 4D515454 04 C2 003C 0001 70 0004 75736572 0002 7077')).toBeNull();
    expect(problem('40 02 0001')).toBeNull();
    expect(problem('C0 00')).toBeNull();
    expect(problem('32 10 0005 746F706963 0001 7061796C6F6164')).toBeNull();
    expect(problem('A2 05 1234 0001 61')).toBeNull();
  });

  it('refuses CONNECT flags MQTT 3.1.1 forbids or that disagree with the payload', () => {
    expect(problem('10 13 0004 4D515454 04 1E 000A 0001 70 0001 70 0001 70')).toMatch(/Will QoS 3/);
    expect(problem('10 10 0004 4D515454 04 42 000A 0001 70 0001 70')).toMatch(/password flag/);
    expect(problem('10 10 0004 4D515454 04 02 000A 0001 70 0001 70')).toMatch(/remaining length/);
    expect(problem('10 11 0004 4D515454 04 02 000A 0005 746F700000')).toMatch(/client id/);
    expect(problem('10 14 0004 4D515454 04 82 000A 0001 70 0005 746F700000')).toMatch(/user name/);
  });

  it('refuses malformed acknowledgements and other packets the parser lets through', () => {
    for (const hex of ['40 00', '40 02 0000', '70 03 0001 00', '62 01 01', 'C0 01 00', 'E0 01 00'])
      expect(problem(hex)).not.toBeNull();
    expect(problem('38 0E 0005 746F706963 7061796C6F6164')).toMatch(/DUP/);
    expect(problem('32 10 0005 746F706963 0000 7061796C6F6164')).toMatch(/identifier 0/);
    expect(problem('A2 02 1234')).toMatch(/without a topic filter/);
    expect(problem('A2 09 1234 0005 746F700000')).toMatch(/UNSUBSCRIBE/);
  });
});
