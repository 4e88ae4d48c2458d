import { TELEMETRY_FILTER } from '@hourglass/contracts-wire';

/** What the generated flow connects to and how it batches. */
export interface NodeRedFlowOptions {
  mqttPort: number;
  influxPort: number;
  database: string;
  /** Messages joined into one InfluxDB write (the join node's count; ingest's batch is 5,000). */
  batchSize: number;
  /** The join node sends a partial batch this long after its first message, seconds. */
  batchTimeoutSeconds: number;
}

/**
 * The flow many users wire for MQTT to InfluxDB: mqtt in (QoS 1, JSON) -> function (the message
 * as one InfluxDB point, device from the topic, ts as its time) -> join (arrays of `batchSize`
 * or what came within `batchTimeoutSeconds`) -> influxdb batch (InfluxDB 1.x, precision ms).
 */
export function nodeRedFlow(options: NodeRedFlowOptions): object[] {
  const tab = 'hg-bench-tab';
  const node = (id: string, fields: object, wires: string[] = []) => ({
    id,
    z: tab,
    x: 0,
    y: 0,
    wires: [wires],
    ...fields,
  });
  return [
    { id: tab, type: 'tab', label: 'MQTT to InfluxDB', disabled: false, info: '' },
    {
      id: 'hg-broker',
      type: 'mqtt-broker',
      name: 'mosquitto',
      broker: '127.0.0.1',
      port: String(options.mqttPort),
      clientid: 'hg-bench-node-red',
      autoConnect: true,
      usetls: false,
      protocolVersion: '4',
      keepalive: '60',
      cleansession: true,
      autoUnsubscribe: true,
    },
    {
      id: 'hg-influx',
      type: 'influxdb',
      hostname: '127.0.0.1',
      port: String(options.influxPort),
      protocol: 'http',
      database: options.database,
      name: 'bench',
      usetls: false,
      influxdbVersion: '1.x',
    },
    node(
      'hg-in',
      {
        type: 'mqtt in',
        name: 'telemetry',
        topic: TELEMETRY_FILTER,
        qos: '1',
        datatype: 'json',
        broker: 'hg-broker',
        nl: false,
        rap: true,
        rh: 0,
        inputs: 0,
      },
      ['hg-point'],
    ),
    node(
      'hg-point',
      {
        type: 'function',
        name: 'to point',
        func: POINT_FUNCTION,
        outputs: 1,
        timeout: 0,
        noerr: 0,
        initialize: '',
        finalize: '',
        libs: [],
      },
      ['hg-join'],
    ),
    node(
      'hg-join',
      {
        type: 'join',
        name: 'batch',
        mode: 'custom',
        build: 'array',
        property: 'payload',
        propertyType: 'msg',
        key: 'topic',
        joiner: '\\n',
        joinerType: 'str',
        accumulate: false,
        timeout: String(options.batchTimeoutSeconds),
        count: String(options.batchSize),
        reduceRight: false,
        reduceExp: '',
        reduceInit: '',
        reduceInitType: '',
        reduceFixup: '',
      },
      ['hg-write'],
    ),
    node('hg-write', {
      type: 'influxdb batch',
      influxdb: 'hg-influx',
      precision: 'ms',
      retentionPolicy: '',
      name: 'write',
    }),
  ];
}

// Runs inside Node-RED: `{"ts", "seq", "metrics"}` on devices/<id>/telemetry as one point.
const POINT_FUNCTION = `const body = msg.payload;
msg.payload = {
  measurement: 'telemetry',
  tags: { device: msg.topic.split('/')[1] },
  fields: Object.assign({}, body.metrics, { seq: body.seq }),
  timestamp: body.ts,
};
return msg;`;

/** settings.js for a headless run: no editor or HTTP nodes, no credential secret prompt, no network. */
export function nodeRedSettings(options: { uiPort: number; flowFile: string }): string {
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: options.uiPort,
    httpAdminRoot: false,
    httpNodeRoot: false,
    flowFile: options.flowFile,
    flowFilePretty: false,
    credentialSecret: false,
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    logging: { console: { level: 'info', metrics: false, audit: false } },
  };
  return `// Written by the Hourglass ingest bench.\nmodule.exports = ${JSON.stringify(settings, null, 2)};\n`;
}
