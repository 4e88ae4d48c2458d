import { PLATFORM_VARIABLES } from './platform-env.schema';
import { loadPlatformConfig } from './platform-config';
import { PROCESS_SETTINGS, processConfig } from './process-config';

describe(processConfig.name, () => {
  it('gives each process only what it reads', () => {
    const config = loadPlatformConfig({ HG_INGEST_BATCH_SIZE: '100' });
    const sut = processConfig(config, 'ingest');
    expect(sut.HG_INGEST_BATCH_SIZE).toBe(100);
    expect(sut.telemetry).toEqual({ kind: 'embedded' });
    expect(Object.keys(sut)).not.toContain('HG_ADMIN_TOKEN');
    expect(Object.keys(processConfig(config, 'broker'))).not.toContain('HG_INGEST_BATCH_SIZE');
  });

  it('lets the whole platform read every variable, and every variable is read by some process', () => {
    const platform = new Set<string>(PROCESS_SETTINGS.platform);
    const influx = ['HG_INFLUX_URL', 'HG_INFLUX_TOKEN', 'HG_INFLUX_ORG', 'HG_INFLUX_BUCKET'];
    expect(PLATFORM_VARIABLES.filter((v) => !platform.has(v) && !influx.includes(v))).toEqual([]);
    expect(platform.has('telemetry')).toBe(true);
  });
});
