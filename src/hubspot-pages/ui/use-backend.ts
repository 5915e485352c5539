// Loading one answer of the backend into a page: loading, ready or failed, with a reload; and the
// React context that hands the client to HubSpot's route components (which take no props).
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { BackendError, type BackendClient } from './backend-client.ts';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T; refreshing: boolean }
  | { status: 'failed'; error: BackendError };

/** What every page component needs: the backend client, and how often to ask again while the server is busy. */
export interface PageServices {
  client: BackendClient;
  pollMs: number;
}

/** How often a page asks again while the server is still computing or a pass is running. */
export const DEFAULT_POLL_MS = 3_000;

export const BackendContext = createContext<PageServices | null>(null);

function useServices(): PageServices {
  const services = useContext(BackendContext);
  if (services === null) throw new Error('no BackendContext: mount the page through KeyAccountsPages or KeyAccountsSettings');
  return services;
}

export const useBackendClient = (): BackendClient => useServices().client;
export const usePollMs = (): number => useServices().pollMs;

export function asBackendError(err: unknown): BackendError {
  return err instanceof BackendError ? err : new BackendError('unavailable', (err as Error)?.message ?? String(err), null);
}

/**
 * Runs `load` when `key` changes and on reload(); an answer that arrives after a newer request was
 * made, or after the page went away, is dropped. A reload keeps the shown data until the new answer;
 * a new key (another list, another page) does not, so no figure is shown under the wrong heading.
 */
export function useBackend<T>(load: (client: BackendClient) => Promise<T>, key: string): { state: Loaded<T>; reload: () => void } {
  const client = useBackendClient();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const shownKey = useRef(key);
  useEffect(() => {
    let current = true;
    const sameKey = shownKey.current === key;
    shownKey.current = key;
    setState((s) => (s.status === 'ready' && sameKey ? { ...s, refreshing: true } : { status: 'loading' }));
    loadRef.current(client).then(
      (data) => current && setState({ status: 'ready', data, refreshing: false }),
      (err: unknown) => current && setState({ status: 'failed', error: asBackendError(err) }),
    );
    return () => {
      current = false;
    };
  }, [client, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // Between a new key and its effect, the state still holds the old key's answer: not shown.
  return { state: shownKey.current === key ? state : { status: 'loading' }, reload };
}

/** Calls `tick` every `ms` while `active`; the timer goes with the page. */
export function usePolling(active: boolean, ms: number, tick: () => void): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => tickRef.current(), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}
