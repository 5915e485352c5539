// Which portal a request is about: `?portal=ID`, or the only installed portal when none is named.
import type { PortalStore } from '../store/portal-store.ts';

export type PortalChoice =
  | { kind: 'portal'; portalId: string }
  | { kind: 'choose'; portals: string[] }
  | { kind: 'none' }
  | { kind: 'unknown'; portalId: string; portals: string[] }
  | { kind: 'invalid'; given: string };

export async function resolvePortal(param: unknown, portals: Pick<PortalStore, 'listInstalled'>): Promise<PortalChoice> {
  if (param !== undefined && (typeof param !== 'string' || !/^\d{1,20}$/.test(param))) {
    return { kind: 'invalid', given: JSON.stringify(param).slice(0, 40) };
  }
  const installed = await portals.listInstalled();
  if (typeof param === 'string') {
    return installed.includes(param) ? { kind: 'portal', portalId: param } : { kind: 'unknown', portalId: param, portals: installed };
  }
  if (installed.length === 0) return { kind: 'none' };
  if (installed.length === 1) return { kind: 'portal', portalId: installed[0]! };
  return { kind: 'choose', portals: installed };
}

/** The JSON answer for every choice but a portal: status and body. */
export function portalProblem(choice: Exclude<PortalChoice, { kind: 'portal' }>): { status: number; body: Record<string, unknown> } {
  switch (choice.kind) {
    case 'invalid':
      return { status: 400, body: { error: `portal must be a numeric HubSpot portal id, not ${choice.given}` } };
    case 'choose':
      return { status: 400, body: { error: 'several portals have installed the app: name one with ?portal=ID', portals: choice.portals } };
    case 'none':
      return { status: 404, body: { error: 'no portal has installed the app yet' } };
    case 'unknown':
      return { status: 404, body: { error: `portal ${choice.portalId} has not installed the app`, portals: choice.portals } };
  }
}
