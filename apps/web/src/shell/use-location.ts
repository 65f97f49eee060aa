/** The smallest router the app needs: the current path, kept in step with history, and a navigate function. */
import { useCallback, useEffect, useState } from 'react';

export function useLocationPath(): [string, (path: string, options?: { replace?: boolean }) => void] {
  const [path, setPath] = useState(() => window.location.pathname);

  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: string, options?: { replace?: boolean }) => {
    if (next === window.location.pathname) return;
    if (options?.replace) window.history.replaceState(null, '', next);
    else window.history.pushState(null, '', next);
    setPath(next);
  }, []);

  return [path, navigate];
}
