import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog (the browser's <dialog>: focus stays inside, Escape closes it). Focus goes to its
 * first field or button on opening and back to what opened it on closing.
 */
export function Dialog({ open, onClose, labelledBy, children, testId }: { open: boolean; onClose(): void; labelledBy: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      (opener.current as HTMLElement | null)?.focus?.();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && children}
    </dialog>
  );
}
