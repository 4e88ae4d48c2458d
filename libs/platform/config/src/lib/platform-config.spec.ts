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
    const sut = loadPlatformConfig({ HG_ADMIN_TOKEN: 'a-long-enough-admin-token-0123456789' });
    expect(sut.HG_ADMIN_TOKEN).toBe('a-long-enough-admin-token-0123456789');
    expect(sut.adminTokenGenerated).toBe(false);
  });

  it('partitions scoring across replicas: defaults 1/0, the index below the count', () => {
    expect(loadPlatformConfig({})).toMatchObject({
      HG_SCORING_REPLICAS: 1,
      HG_SCORING_REPLICA_INDEX: 0,
    });
    expect(
      loadPlatformConfig({ HG_SCORING_REPLICAS: '3', HG_SCORING_REPLICA_INDEX: '2' })
        .HG_SCORING_REPLICA_INDEX,
    ).toBe(2);
    expect(() =>
      loadPlatformConfig({ HG_SCORING_REPLICAS: '2', HG_SCORING_REPLICA_INDEX: '2' }),
    ).toThrow(/HG_SCORING_REPLICA_INDEX/);
  });

  it('leaves the TLS and WebSocket listeners off unless asked, and requires the certificate with TLS', () => {
    const sut = loadPlatformConfig({});
    expect(sut.HG_MQTTS_PORT).toBeUndefined();
    expect(sut.HG_MQTT_WS_PORT).toBeUndefined();
    expect(() => loadPlatformConfig({ HG_MQTTS_PORT: '8883' })).toThrow(
      /HG_MQTT_TLS_CERT: required[\s\S]*HG_MQTT_TLS_KEY: required/,
    );
    const tls = loadPlatformConfig({
      HG_MQTTS_PORT: '8883',
      HG_MQTT_TLS_CERT: 'c.pem',
      HG_MQTT_TLS_KEY: 'k.pem',
      HG_MQTT_WS_PORT: '',
    });
    expect(tls.HG_MQTTS_PORT).toBe(8883);
    expect(tls.HG_MQTT_WS_PORT).toBeUndefined();
    expect(loadPlatformConfig({ HG_MQTT_PUBLISH_RATE: '50' }).HG_MQTT_PUBLISH_RATE).toBe(50);
    expect(() => loadPlatformConfig({ HG_MQTT_PUBLISH_RATE: 'fast' })).toThrow(
      /HG_MQTT_PUBLISH_RATE/,
    );
  });
});

describe('TelemetryConfig', () => {
  it('is the embedded store unless HG_INFLUX_URL is set', () => {
    expect(loadPlatformConfig({}).telemetry).toEqual({ kind: 'embedded' });
  });

  it('carries every InfluxDB setting when the URL is set', () => {
    const sut = loadPlatformConfig({
      HG_INFLUX_URL: 'http://127.0.0.1:8086',
      HG_INFLUX_TOKEN: 't',
      HG_INFLUX_ORG: 'o',
      HG_INFLUX_BUCKET: 'b/autogen',
    });
    expect(sut.telemetry).toEqual({
      kind: 'influx',
      url: 'http://127.0.0.1:8086',
      token: 't',
      org: 'o',
      bucket: 'b/autogen',
    });
  });

  it('fails naming HG_INFLUX_ORG when the URL is set without an org', () => {
    const attempt = () =>
      loadPlatformConfig({ HG_INFLUX_URL: 'http://127.0.0.1:8086', HG_INFLUX_BUCKET: 'b' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/HG_INFLUX_ORG: required when HG_INFLUX_URL is set/);
    expect(attempt).not.toThrow(/HG_INFLUX_BUCKET/);
  });
});

describe('variables once read outside the schema', () => {
  it('validates HG_SERVICE_PASSWORD, HG_INGEST_WORKER_ID and HG_MODEL_VERSION', () => {
    const sut = loadPlatformConfig({
      HG_SERVICE_PASSWORD: 's3cret',
      HG_INGEST_WORKER_ID: 'w-1',
      HG_MODEL_VERSION: 'fd001-mlp-v2',
    });
    expect(sut).toMatchObject({
      HG_SERVICE_PASSWORD: 's3cret',
      HG_INGEST_WORKER_ID: 'w-1',
      HG_MODEL_VERSION: 'fd001-mlp-v2',
    });
    expect(loadPlatformConfig({ HG_SERVICE_PASSWORD: '', HG_MODEL_VERSION: '' })).toMatchObject({
      HG_SERVICE_PASSWORD: undefined,
      HG_MODEL_VERSION: undefined,
    });
    // The worker id names a spool folder: no path separators.
    expect(() => loadPlatformConfig({ HG_INGEST_WORKER_ID: '../x' })).toThrow(
      /HG_INGEST_WORKER_ID/,
    );
  });
});

describe('HG_ADMIN_TOKEN', () => {
  it('needs at least 32 characters', () => {
    expect(() => loadPlatformConfig({ HG_ADMIN_TOKEN: 'x'.repeat(31) })).toThrow(
      /HG_ADMIN_TOKEN: must be at least 32 characters/,
    );
    expect(loadPlatformConfig({ HG_ADMIN_TOKEN: 'x'.repeat(32) }).HG_ADMIN_TOKEN).toHaveLength(32);
  });
});
