import { generateUserToken, hashToken } from './api-token';
import {
  AuthFailureThrottle,
  DEFAULT_AUTH_THROTTLE,
  type AuthThrottleOptions,
} from './auth-failure.throttle';
import type { Caller } from './caller';
import type { PasswordHasher } from './password-hasher';
import type { ApiUser, UserRepository } from './user.repository';
import { UserError } from './user.service';

const MINUTE_MS = 60_000;

/** How sign-in by password behaves (README "Passwords"). */
export interface SignInOptions {
  /** How long a session token lasts, hours (default 12). */
  sessionHours: number;
  /** Failures per user name before it is blocked (default 5 within 15 minutes block it for 15). */
  byName: AuthThrottleOptions;
  /** Failures per client address before it is blocked (default 20 within 15 minutes block it for 15). */
  byAddress: AuthThrottleOptions;
}

export const DEFAULT_SIGN_IN: Readonly<SignInOptions> = Object.freeze({
  sessionHours: 12,
  byName: {
    ...DEFAULT_AUTH_THROTTLE,
    maxFailures: 5,
    windowMs: 15 * MINUTE_MS,
    blockMs: 15 * MINUTE_MS,
  },
  byAddress: {
    ...DEFAULT_AUTH_THROTTLE,
    maxFailures: 20,
    windowMs: 15 * MINUTE_MS,
    blockMs: 15 * MINUTE_MS,
  },
});

/** Settings of {@link PasswordService}; each part falls back to {@link DEFAULT_SIGN_IN}. */
export interface SignInSettings {
  sessionHours?: number;
  byName?: Partial<AuthThrottleOptions>;
  byAddress?: Partial<AuthThrottleOptions>;
}

/** A signed-in session: its bearer token (shown once), when it expires, and whose it is. */
export interface IssuedSession {
  token: string;
  expiresAt: string;
  user: ApiUser;
}

/** What {@link PasswordService} works with. */
export interface PasswordServiceDependencies {
  users: UserRepository;
  hasher: PasswordHasher;
  throttle?: SignInSettings;
  now?: () => number;
}

const FAILED = 'wrong user name or password';

/**
 * Passwords of named users: signing in with name and password (a session token that expires),
 * setting a user's password (provider-admin) and changing one's own. Failed sign-ins are counted
 * per user name and per client address; past the limit both answer 429 with the wait.
 */
export class PasswordService {
  private readonly users: UserRepository;
  private readonly hasher: PasswordHasher;
  private readonly sessionMs: number;
  private readonly byName: AuthFailureThrottle;
  private readonly byAddress: AuthFailureThrottle;
  private readonly now: () => number;

  constructor(deps: PasswordServiceDependencies) {
    this.users = deps.users;
    this.hasher = deps.hasher;
    this.now = deps.now ?? Date.now;
    const settings = deps.throttle ?? {};
    this.sessionMs = (settings.sessionHours ?? DEFAULT_SIGN_IN.sessionHours) * 3_600_000;
    this.byName = new AuthFailureThrottle(
      { ...DEFAULT_SIGN_IN.byName, ...settings.byName },
      this.now,
    );
    this.byAddress = new AuthFailureThrottle(
      { ...DEFAULT_SIGN_IN.byAddress, ...settings.byAddress },
      this.now,
    );
  }

  /** A new session for the enabled user of `name` whose password is `password`. */
  async signIn(name: string, password: string, address: string): Promise<IssuedSession> {
    const key = name.toLowerCase();
    this.refuseWhileBlocked(key, address);
    const found = await this.users.findForSignIn(name);
    const ok = found?.passwordHash
      ? await this.hasher.verify(password, found.passwordHash)
      : await this.hasher.waste(password).then(() => false);
    if (!found || !ok) {
      this.byName.fail(key);
      this.byAddress.fail(address);
      throw new UserError('SIGN_IN_FAILED', FAILED);
    }
    this.byName.forgive(key);
    return this.issueSession(found.user);
  }

  /** Sets a user's password (provider-admin): its sessions end, its API token keeps working. */
  async setPassword(id: string, password: string): Promise<void> {
    if (!(await this.users.setPassword(id, await this.hasher.hash(password))))
      throw new UserError('NOT_FOUND', `user ${id} not found or disabled`);
  }

  /**
   * Changes the caller's own password (the current one is required once one is set): every
   * session of the user ends, and the answer is a new one for the caller.
   */
  async changeOwn(
    caller: Caller,
    current: string | undefined,
    next: string,
  ): Promise<IssuedSession> {
    if (!caller.userId)
      throw new UserError('VALIDATION', 'the admin token has no password: create a named user');
    const key = caller.actor.toLowerCase();
    const stored = await this.users.passwordHash(caller.userId);
    if (stored === undefined) throw new UserError('NOT_FOUND', `user ${caller.actor} not found`);
    if (stored !== null) {
      this.refuseWhileBlocked(key, null);
      if (current === undefined || !(await this.hasher.verify(current, stored))) {
        this.byName.fail(key);
        throw new UserError('WRONG_PASSWORD', 'currentPassword: not your current password');
      }
    }
    await this.setPassword(caller.userId, next);
    const user = await this.users.get(caller.userId);
    if (!user) throw new UserError('NOT_FOUND', `user ${caller.actor} not found`);
    return this.issueSession(user);
  }

  /** Ends the session of `token`; false when it is no live session token (an API token, say). */
  signOut(token: string): Promise<boolean> {
    return this.users.endSession(hashToken(token));
  }

  private refuseWhileBlocked(key: string, address: string | null): void {
    const forName = this.byName.retryAfterSeconds(key);
    const forAddress = address === null ? 0 : this.byAddress.retryAfterSeconds(address);
    const wait = Math.max(forName, forAddress);
    if (wait === 0) return;
    const which = forName >= forAddress ? 'for this user name' : 'from this address';
    throw new UserError(
      'SIGN_IN_THROTTLED',
      `too many failed sign-ins ${which}: try again in ${wait} s (a token still signs in)`,
      wait,
    );
  }

  private async issueSession(user: ApiUser): Promise<IssuedSession> {
    const token = generateUserToken();
    const expiresAt = new Date(this.now() + this.sessionMs).toISOString();
    await this.users.addSession(user.id, hashToken(token), expiresAt);
    return { token, expiresAt, user };
  }
}
