// One broker node clustered through Redis, in a process of its own so that a test can kill it
// (SIGKILL: no Will published, no goodbye to Redis), as a crashed node would be:
//   node tools/run.js libs/broker/server/src/lib/broker-node-process.fixture.ts
// Environment: NODE_REDIS_URL, NODE_HEARTBEAT_MS, NODE_DEVICES (JSON StaticDevice[]) and, to store a
// Will the way a node without the CONNECT check would have, NODE_PLANT_WILL (JSON {clientId, topic, payload}).
// Prints `READY <port>` once listening.
import { MetricsRegistry } from '@hourglass/platform-metrics';
import { BrokerServer } from './broker.server';
import { staticAuthenticator, type StaticDevice } from './static-authenticator.fixture';

interface PlantedWill {
  clientId: string;
  topic: string;
  payload: string;
}

type WillStore = { putWill(client: { id: string }, packet: object): Promise<void> };

async function main(): Promise<void> {
  const devices = JSON.parse(process.env['NODE_DEVICES'] ?? '[]') as StaticDevice[];
  const broker = await BrokerServer.start(
    { auth: staticAuthenticator(devices), metrics: new MetricsRegistry({ defaultMetrics: false }) },
    {
      port: 0,
      services: [],
      redisUrl: process.env['NODE_REDIS_URL'],
      heartbeatIntervalMs: Number(process.env['NODE_HEARTBEAT_MS']),
    },
  );
  const plant = process.env['NODE_PLANT_WILL'];
  if (plant) {
    const will = JSON.parse(plant) as PlantedWill;
    const store = (broker.aedes as unknown as { persistence: WillStore }).persistence;
    await store.putWill(
      { id: will.clientId },
      {
        cmd: 'publish',
        topic: will.topic,
        payload: Buffer.from(will.payload),
        qos: 1,
        retain: false,
      },
    );
  }
  process.stdout.write(`READY ${broker.port}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
