import { PacketSizeGuard } from './packet-size-guard';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe(PacketSizeGuard.name, () => {
  it('follows well-formed packets across chunk boundaries', () => {
    const sut = new PacketSizeGuard(256 * 1024);
    // PINGREQ, then a PUBLISH of 200 bytes (length 0xC8 0x01) split over three chunks.
    expect(sut.feed(bytes(0xc0, 0x00, 0x30, 0xc8))).toBeNull();
    expect(sut.feed(bytes(0x01, ...new Array(100).fill(0x61)))).toBeNull();
    expect(sut.feed(bytes(...new Array(100).fill(0x61), 0xc0, 0x00))).toBeNull();
  });

  it('refuses a declared length above the limit as soon as the length field says so', () => {
    const sut = new PacketSizeGuard(256 * 1024);
    // 232 MB: 0x80 0x80 0xA0 0x6E -> refused at the third length byte, before any body arrives.
    expect(sut.feed(bytes(0x30, 0x80, 0x80))).toBeNull();
    expect(sut.feed(bytes(0xa0))).toBe('packet_too_large');
  });

  it('accepts exactly the limit', () => {
    const sut = new PacketSizeGuard(128);
    expect(sut.feed(bytes(0x30, 0x80, 0x01))).toBeNull();
    expect(new PacketSizeGuard(127).feed(bytes(0x30, 0x80, 0x01))).toBe('packet_too_large');
  });

  it.each([
    ['a five-byte remaining length', [0x30, 0xff, 0xff, 0xff, 0xff, 0x7f], Number.MAX_SAFE_INTEGER],
    ['reserved packet type 0', [0x00, 0x00], 1024],
    ['reserved packet type 15', [0xf0, 0x00], 1024],
    ['a PUBLISH with QoS 3', [0x36, 0x00], 1024],
  ])('refuses %s', (_name, frame, limit) => {
    expect(new PacketSizeGuard(limit).feed(Uint8Array.from(frame))).toBe('malformed_packet');
  });

  it('refuses a CONNECT with a protocol level other than 3, 4 or 5, and only the first packet', () => {
    const connect = (level: number) =>
      bytes(0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, level, 0x02, 0x00, 0x3c, 0x00, 0x00);
    expect(new PacketSizeGuard(1024).feed(connect(4))).toBeNull();
    expect(new PacketSizeGuard(1024).feed(connect(5))).toBeNull();
    expect(new PacketSizeGuard(1024).feed(connect(7))).toBe('unsupported_protocol');
    const sut = new PacketSizeGuard(1024);
    expect(sut.feed(connect(4))).toBeNull();
    expect(sut.feed(connect(7))).toBeNull(); // a second CONNECT is aedes' to refuse (B4)
  });
});
