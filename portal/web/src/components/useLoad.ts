import { useCallback, useEffect, useState } from 'react';
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

/** Data a page loads when it opens, and again on reload(). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await run());
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}
