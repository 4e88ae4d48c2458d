import type { BrokerLimits, RejectionReason } from './broker-limits';
import { TokenBucket } from './token-bucket';

/** Loopback addresses, as `remoteAddress` reports them. */
export const LOOPBACK: readonly string[] = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

interface IpState {
  open: number;
  connects: TokenBucket;
  failures: number[];
  blockedUntil: number;
}

type GateLimits = Pick<
  BrokerLimits,
  | 'connectionRatePerIp'
  | 'connectionBurstPerIp'
  | 'maxConnectionsPerIp'
  | 'authFailuresPerIp'
  | 'authFailureWindowSeconds'
  | 'authBlockSeconds'
>;

/**
 * Per-IP admission at accept time, before any MQTT byte is read: a connection-rate token bucket, a
 * cap on concurrent connections, and a block after repeated authentication failures (what
 * Mosquitto leaves to fail2ban and EMQX calls flapping detection). State is kept only for IPs
 * with open connections, recent failures or a block, and swept by {@link sweep}.
 */
export class IpConnectionGate {
  private readonly ips = new Map<string, IpState>();

  private readonly trusted: ReadonlySet<string>;

  /** `trusted` addresses bypass the gate (default: loopback, where the platform's own processes connect). */
  constructor(
    private readonly limits: GateLimits,
    trusted: readonly string[] = LOOPBACK,
    private readonly now: () => number = Date.now,
  ) {
    this.trusted = new Set(trusted);
  }

  /** Admits a new connection from `ip` (then {@link release} it on close), or says why not. */
  admit(ip: string): RejectionReason | null {
    if (this.trusted.has(ip)) return null;
    const state = this.state(ip);
    if (state.blockedUntil > this.now()) return 'auth_throttled';
    if (state.open >= this.limits.maxConnectionsPerIp) return 'ip_connection_cap';
    if (!state.connects.tryTake()) return 'ip_connection_rate';
    state.open++;
    return null;
  }

  release(ip: string): void {
    if (this.trusted.has(ip)) return;
    const state = this.ips.get(ip);
    if (state && state.open > 0) state.open--;
  }

  /** True while `ip` is blocked for failed authentications. */
  blocked(ip: string): boolean {
    if (this.trusted.has(ip)) return false;
    return (this.ips.get(ip)?.blockedUntil ?? 0) > this.now();
  }

  /** Records a failed authentication; returns true when this one blocks the IP. */
  authFailed(ip: string): boolean {
    if (this.trusted.has(ip)) return false;
    const state = this.state(ip);
    const t = this.now();
    const since = t - this.limits.authFailureWindowSeconds * 1000;
    state.failures = state.failures.filter((at) => at > since);
    state.failures.push(t);
    if (state.failures.length < this.limits.authFailuresPerIp) return false;
    state.failures = [];
    state.blockedUntil = t + this.limits.authBlockSeconds * 1000;
    return true;
  }

  /** Forgets IPs with nothing open, no recent failure, no block and a full bucket. */
  sweep(): void {
    const t = this.now();
    const since = t - this.limits.authFailureWindowSeconds * 1000;
    for (const [ip, s] of this.ips) {
      s.failures = s.failures.filter((at) => at > since);
      if (s.open === 0 && s.failures.length === 0 && s.blockedUntil <= t && s.connects.idle())
        this.ips.delete(ip);
    }
  }

  /** IPs currently tracked (for tests and metrics). */
  get size(): number {
    return this.ips.size;
  }

  private state(ip: string): IpState {
    let state = this.ips.get(ip);
    if (!state) {
      state = {
        open: 0,
        connects: new TokenBucket(
          this.limits.connectionRatePerIp,
          this.limits.connectionBurstPerIp,
          this.now,
        ),
        failures: [],
        blockedUntil: 0,
      };
      this.ips.set(ip, state);
    }
    return state;
  }
}
