import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * After a refused save, focus goes to the first field in error (in the form's order), so a keyboard
 * user lands on what to fix and a screen reader reads its message. Call `refused()` once the errors
 * are set; the form's fields mark themselves with aria-invalid="true".
 */
export function useFocusFirstError<T extends HTMLElement>(): { ref: RefObject<T | null>; refused: () => void } {
  const ref = useRef<T | null>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (!refusals) return;
    const first = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [refusals]);
  return { ref, refused: () => setRefusals((n) => n + 1) };
}
