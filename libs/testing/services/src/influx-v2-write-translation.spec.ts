import { toV2ErrorBody, translateV2Write } from './influx-v2-write-translation';

const translate = (query: string) => translateV2Write(new URLSearchParams(query));

describe(translateV2Write.name, () => {
  it.each([
    ['bucket=db/rp&precision=ns', '/write?db=db&precision=n&rp=rp'],
    ['bucket=db/rp&precision=us', '/write?db=db&precision=u&rp=rp'],
    ['bucket=db/rp&precision=ms', '/write?db=db&precision=ms&rp=rp'],
    ['bucket=db/rp&precision=s', '/write?db=db&precision=s&rp=rp'],
    ['org=acme&bucket=db', '/write?db=db&precision=n'],
    ['bucket=db/', '/write?db=db&precision=n'],
    ['bucket=my%20db/rp%2Fx', '/write?db=my+db&precision=n&rp=rp%2Fx'],
  ])('%s -> %s', (query, path) => {
    expect(translate(query)).toMatchObject({ ok: true, path });
  });

  it('refuses precisions v2 does not name, which v1 would read as nanoseconds', () => {
    expect(translate('bucket=db&precision=u')).toEqual({
      ok: false,
      status: 400,
      code: 'invalid',
      message: 'invalid precision "u" (use ns, us, ms or s)',
    });
  });

  it('answers 404 without a bucket or a database', () => {
    expect(translate('org=acme')).toMatchObject({ ok: false, status: 404, code: 'not found' });
    expect(translate('bucket=/rp')).toMatchObject({ ok: false, status: 404, code: 'not found' });
  });
});

describe(toV2ErrorBody.name, () => {
  it('rewrites a v1 error body in the v2 shape', () => {
    expect(JSON.parse(toV2ErrorBody(404, '{"error":"database not found: \\"x\\""}'))).toEqual({
      code: 'not found',
      message: 'database not found: "x"',
    });
    expect(JSON.parse(toV2ErrorBody(500, 'boom'))).toEqual({
      code: 'internal error',
      message: 'boom',
    });
  });
});
