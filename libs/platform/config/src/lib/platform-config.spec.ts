import { ConfigError, loadPlatformConfig } from './platform-config';

describe(loadPlatformConfig.name, () => {
  it('applies the documented defaults', () => {
    const sut = loadPlatformConfig({});
    expect(sut.HG_HTTP_PORT).toBe(8080);
    expect(sut.HG_MQTT_PORT).toBe(1883);
    expect(sut.HG_DATA_DIR).toBe('./.hourglass');
    expect(sut.HG_SIMULATOR).toBe('cmapss');
    expect(sut.HG_INFLUX_URL).toBeUndefined();
    expect(sut.adminTokenGenerated).toBe(true);
    expect(sut.HG_ADMIN_TOKEN).toMatch(/^hg_[A-Za-z0-9_-]{32}$/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadPlatformConfig({ HG_HTTP_PORT: 'eighty' })).toThrow(/HG_HTTP_PORT/);
    expect(() => loadPlatformConfig({ HG_SIMULATOR: 'maybe' })).toThrow(ConfigError);
  });

  it('requires the InfluxDB org and bucket only when InfluxDB is chosen', () => {
    expect(() => loadPlatformConfig({ HG_INFLUX_URL: 'http://127.0.0.1:8086' })).toThrow(
      /HG_INFLUX_ORG: required[\s\S]*HG_INFLUX_BUCKET: required/,
    );
    const sut = loadPlatformConfig({
      HG_INFLUX_URL: 'http://127.0.0.1:8086',
      HG_INFLUX_ORG: 'o',
      HG_INFLUX_BUCKET: 'b',
    });
    expect(sut.HG_INFLUX_BUCKET).toBe('b');
  });

  it('keeps a given admin token', () => {
    const sut = loadPlatformConfig({ HG_ADMIN_TOKEN: 'a-long-enough-token-123' });
    expect(sut.HG_ADMIN_TOKEN).toBe('a-long-enough-token-123');
    expect(sut.adminTokenGenerated).toBe(false);
  });
});
