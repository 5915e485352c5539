// What the sandbox's routes share: the app's identity, the portals' stores, OAuth, the realism
// switches and the call log; and typed access to what the CRM middleware puts on a request.
import type { Response } from 'express';
import type { CallLog } from './call-log.ts';
import type { FaultInjector } from './faults.ts';
import type { OAuthRegistry } from './oauth-registry.ts';
import type { RateLimitGate } from './rate-limit.ts';
import { SandboxError, type ChangeSource } from './sandbox-types.ts';
import type { SandboxStore } from './sandbox-store.ts';

export interface SandboxContext {
  appId: string;
  clientId: string;
  clientSecret: string;
  defaultPortalId: string;
  /** Redirect URIs the app allows; empty = any. */
  redirectUris: readonly string[];
  /** Associations per input per page of a v4 batch read. */
  associationPageSize: number;
  /** Associations inlined per record in a v3 object page before it pages them. */
  inlineAssociationLimit: number;
  now: () => number;
  portal(portalId: string): SandboxStore | undefined;
  oauth: OAuthRegistry;
  rateLimit: RateLimitGate;
  /** The sandbox-wide faults and latency. */
  faults: FaultInjector;
  /** A portal's own faults and latency when it has them, else the sandbox-wide ones. */
  faultsFor(portalId: string | undefined): FaultInjector;
  calls: CallLog;
  /** Requests deliberately left unanswered (timeout faults), ended when the sandbox closes. */
  hanging: Set<Response>;
}

interface CrmLocals {
  portalId?: string;
  store?: SandboxStore;
  source?: ChangeSource;
  accessToken?: string;
}

const locals = (res: Response): CrmLocals => res.locals as CrmLocals;

export function setCaller(res: Response, caller: { portalId: string; store: SandboxStore; source: ChangeSource; accessToken: string }): void {
  Object.assign(locals(res), caller);
}

/** The authenticated portal's store (set by the CRM middleware). */
export function storeOf(res: Response): SandboxStore {
  const store = locals(res).store;
  if (!store) throw new SandboxError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
  return store;
}

export function sourceOf(res: Response): ChangeSource {
  return locals(res).source ?? { changeSource: 'API' };
}

export function portalIdOf(res: Response): string | undefined {
  return locals(res).portalId;
}

export function accessTokenOf(res: Response): string | undefined {
  return locals(res).accessToken;
}
