import { useCallback, useEffect, useRef, useState } from 'react';
import { recognise } from '../../../../shared/messages/recognise.js';
import { ApiError } from '../api.js';

/**
 * Whether a refusal means the portal has no such route (a portal older than this page, or one
 * whose routes are still being built): the page then says "not available yet".
 */
export function notAvailable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'not_available') return true;
  const key = error.status === 404 ? recognise(error.message)?.key : undefined;
  return key === 'portal.noSuchRoute' || key === 'portal.noSuchRouteMethod';
}

/**
 * Data a page loads when it opens, and again on reload() or when `deps` change. Only the latest
 * call's answer is kept: one that comes back after a newer call was made (a search typed on) is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const answer = await run();
      if (call !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (e) {
      if (call !== latest.current) return;
      setError(e);
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}
