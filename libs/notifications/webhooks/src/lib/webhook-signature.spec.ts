import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  signatureHeader,
  verifyWebhookSignature,
} from './webhook-signature';

describe(verifyWebhookSignature.name, () => {
  const secret = 'whsec_test';
  const body = '{"id":"e-1"}';
  const now = 1_800_000_000;

  it('accepts the header it signed: HMAC-SHA256 over "<t>.<body>", hex', () => {
    const header = signatureHeader(secret, now, body);
    expect(header).toBe(
      `t=${now},v1=${createHmac('sha256', secret).update(`${now}.${body}`).digest('hex')}`,
    );
    expect(verifyWebhookSignature(secret, header, body, { nowSeconds: now })).toBe(true);
  });

  it('refuses another body, another secret, a stale timestamp and malformed headers', () => {
    const header = signatureHeader(secret, now, body);
    expect(verifyWebhookSignature(secret, header, `${body} `, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, { nowSeconds: now + 301 })).toBe(false);
    expect(verifyWebhookSignature(secret, `t=${now},v1=zz`, body, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, body, { nowSeconds: now })).toBe(false);
  });

  it('generates distinct secrets', () => {
    expect(generateWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
  });
});
