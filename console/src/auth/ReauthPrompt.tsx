// The password prompt that appears when the token expired while the user was working. It sits
// above whatever page is open (which stays mounted, so a half-filled form keeps its values);
// the request that met the 401 waits for it and is sent again with the new token. The dialog
// itself (ReauthDialog) loads only when it is first needed.
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { registerReauth } from './session';

const ReauthDialog = lazy(() => import('./ReauthDialog'));

export function ReauthPrompt() {
  const [open, setOpen] = useState(false);
  const answer = useRef<((renewed: boolean) => void) | null>(null);

  useEffect(() => {
    registerReauth(
      () =>
        new Promise<boolean>((resolve) => {
          answer.current = resolve;
          setOpen(true);
        }),
    );
    return () => registerReauth(null);
  }, []);

  const done = (renewed: boolean) => {
    setOpen(false);
    answer.current?.(renewed);
    answer.current = null;
  };

  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <ReauthDialog onDone={done} />
    </Suspense>
  );
}
