import i18n from '@renderer/i18n';
import { useToasts } from '@renderer/stores/toasts';

type Field = HTMLInputElement | HTMLTextAreaElement;

const limited = (el: EventTarget | null): Field | null =>
  (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.maxLength > 0 && !el.readOnly && !el.disabled ? el : null;

const nameOf = (f: Field) =>
  (f.labels?.[0]?.textContent ?? f.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim() || f.placeholder || '';

/** Characters the field can still take in place of its selection (email inputs have no selection: an append). */
function room(f: Field): number {
  let start: number | null = null;
  let end: number | null = null;
  try {
    start = f.selectionStart;
    end = f.selectionEnd;
  } catch {
    // Some input types (email, number) throw or give null: the text goes at the end.
  }
  const selected = start !== null && end !== null ? end - start : 0;
  return f.maxLength - (f.value.length - selected);
}

/** What the browser would insert: a one-line field drops line breaks. */
const inserted = (f: Field, text: string) => (f instanceof HTMLInputElement ? text.replace(/\r?\n/g, '') : text.replace(/\r\n/g, '\n'));

/**
 * A field with a length limit (maxLength) cuts a longer paste or drop without a word: the end of
 * what the user pasted was lost and nothing said so. Refuse such a paste whole and say how long it
 * was and what the field takes; typing against the limit is told once per field. Call once at app
 * start; returns the unsubscribe.
 */
export function startLengthLimits(): () => void {
  const toldTyping = new WeakSet<Field>();
  const tell = (f: Field, key: 'pasted' | 'typed', count?: number) =>
    useToasts.getState().push({
      kind: key === 'pasted' ? 'error' : 'info',
      message: i18n.t(`tooLong.${key}`, {
        ns: 'common',
        field: nameOf(f) || i18n.t('tooLong.thisField', { ns: 'common' }),
        count,
        max: f.maxLength,
      }),
    });
  const refuse = (e: Event, text: string | undefined) => {
    const f = limited(e.target);
    if (!f || text === undefined) return;
    const n = [...inserted(f, text)].length;
    if (n <= room(f)) return;
    e.preventDefault();
    tell(f, 'pasted', n);
  };
  const onPaste = (e: ClipboardEvent) => refuse(e, e.clipboardData?.getData('text/plain'));
  const onDrop = (e: DragEvent) => refuse(e, e.dataTransfer?.getData('text/plain'));
  const onBeforeInput = (e: InputEvent) => {
    const f = limited(e.target);
    if (!f || e.inputType !== 'insertText' || !e.data || toldTyping.has(f)) return;
    if (room(f) >= e.data.length) return;
    toldTyping.add(f);
    tell(f, 'typed');
  };
  document.addEventListener('paste', onPaste, true);
  document.addEventListener('drop', onDrop, true);
  document.addEventListener('beforeinput', onBeforeInput, true);
  return () => {
    document.removeEventListener('paste', onPaste, true);
    document.removeEventListener('drop', onDrop, true);
    document.removeEventListener('beforeinput', onBeforeInput, true);
  };
}
