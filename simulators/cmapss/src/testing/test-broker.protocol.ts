// Messages between TestBroker (in the Jest process) and test-broker.process.ts (its child).
// The broker runs in a child process because aedes is an ES module, which Jest on Node 20 cannot
// require; plain Node can.

/** Parent to child. */
export type BrokerCommand =
  | { type: 'allow'; id: number; clientId: string; username: string; password: string }
  | { type: 'disconnect'; id: number; clientId: string }
  | { type: 'close'; id: number };

/** Child to parent. */
export type BrokerReport =
  | { type: 'ready'; port: number }
  | { type: 'done'; id: number }
  | {
      type: 'publish';
      clientId: string;
      topic: string;
      payload: string;
      qos: number;
      retain: boolean;
    }
  | { type: 'clients'; count: number };
