import type { LiveEvent } from '@hourglass/contracts-api';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { parseSse } from './sse-parser';
import { useApiClient } from './use-api';

/** Whether the live stream is open. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

interface LiveHub {
  status: LiveStatus;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

const LiveContext = createContext<LiveHub>({ status: 'offline', subscribe: () => () => undefined });

const RETRY_MS = 5_000;

/** Reads `GET /api/events` with fetch (EventSource cannot send the bearer token) until aborted. */
async function readStream(
  token: string,
  signal: AbortSignal,
  onOpen: () => void,
  onEvent: (event: LiveEvent) => void,
): Promise<void> {
  const res = await fetch('/api/events', {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal,
  });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  onOpen();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { messages, rest } = parseSse(buffer + value);
    buffer = rest;
    for (const m of messages) onEvent(JSON.parse(m.data) as LiveEvent);
  }
}

/** Keeps one live stream open for the signed-in session, reconnecting after a pause. */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const client = useApiClient();
  const listeners = useRef(new Set<(event: LiveEvent) => void>());
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      setStatus('connecting');
      readStream(
        client.bearer,
        abort.signal,
        () => setStatus('live'),
        (event) => listeners.current.forEach((l) => l(event)),
      )
        .catch(() => undefined)
        .finally(() => {
          if (abort.signal.aborted) return;
          setStatus('offline');
          timer = setTimeout(connect, RETRY_MS);
        });
    };
    connect();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [client]);
  const subscribe = useCallback((listener: (event: LiveEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const hub = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={hub}>{children}</LiveContext.Provider>;
}

/** Calls `listener` with every live event of the caller's tenants while the component is mounted. */
export function useLiveEvents(listener: (event: LiveEvent) => void): void {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
}

/** The header's indicator: live, connecting or offline (announced politely). */
export function LiveIndicator() {
  const { status } = useContext(LiveContext);
  const { t } = useI18n();
  return (
    <span className={`live live-${status}`} role="status" aria-live="polite">
      {t(`live.${status}`)}
    </span>
  );
}
