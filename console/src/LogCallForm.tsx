import type { Ack, Call, CallLogInput } from '@hilo/shared';
import { useId, useState } from 'preact/hooks';
import { CALL_DIRECTIONS, CALL_OUTCOMES, callDirectionLabel, callOutcomeLabel } from './timeline-labels';

interface Props {
  contactId: string;
  /** Pre-filled number: the customer's first known phone. */
  defaultNumber: string;
  onLog: (input: CallLogInput) => Promise<Ack<Call>>;
  /** Injected in tests so "now" is fixed. */
  now?: () => number;
}

/** Same shape the server accepts (it normalises to E.164). */
const PHONE = /^[+\d][\d\s().-]*$/;
const MAX_MINUTES = 24 * 60;

/** `datetime-local` wants local wall-clock time without a zone. */
function localInputValue(at: number): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface Fields {
  number: string;
  direction: Call['direction'];
  startedAt: string;
  minutes: string;
  outcome: Call['outcome'];
  notes: string;
}

function validate(f: Fields, contactId: string): CallLogInput | string {
  const number = f.number.trim();
  if (number.length < 3 || number.length > 32 || !PHONE.test(number)) return 'Enter a phone number, e.g. +34 612 345 678';
  const startedAt = new Date(f.startedAt).getTime();
  if (!f.startedAt || Number.isNaN(startedAt)) return 'Enter when the call started';
  const minutes = Number(f.minutes);
  if (f.minutes.trim() === '' || !Number.isFinite(minutes) || minutes < 0 || minutes > MAX_MINUTES) return `Duration is 0 to ${MAX_MINUTES} minutes`;
  return { contactId, number, direction: f.direction, startedAt, durationSeconds: Math.round(minutes * 60), outcome: f.outcome, notes: f.notes.trim() };
}

/** "Log a call" opens this form; a saved call lands in the customer's timeline. */
export function LogCallForm({ contactId, defaultNumber, onLog, now = Date.now }: Props) {
  const id = useId();
  const blank = (): Fields => ({ number: defaultNumber, direction: 'inbound', startedAt: localInputValue(now()), minutes: '', outcome: 'answered', notes: '' });
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<Fields>(blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]): void => setFields((f) => ({ ...f, [key]: value }));

  if (!open) {
    return (
      <button
        type="button"
        class="button-quiet button-small"
        onClick={() => {
          setFields(blank());
          setError(null);
          setOpen(true);
        }}
      >
        Log a call
      </button>
    );
  }

  const submit = (event: Event): void => {
    event.preventDefault();
    const input = validate(fields, contactId);
    if (typeof input === 'string') return setError(input);
    setBusy(true);
    setError(null);
    void onLog(input).then((answer) => {
      setBusy(false);
      if (answer.ok) setOpen(false);
      else setError(answer.error.message || 'The call could not be saved');
    });
  };

  return (
    <form class="call-form" aria-label="Log a call" onSubmit={submit}>
      <label for={`${id}-number`}>Number</label>
      <input id={`${id}-number`} type="tel" value={fields.number} onInput={(e) => set('number', e.currentTarget.value)} />
      <label for={`${id}-direction`}>Direction</label>
      <select id={`${id}-direction`} value={fields.direction} onChange={(e) => set('direction', e.currentTarget.value as Call['direction'])}>
        {CALL_DIRECTIONS.map((d) => (
          <option key={d} value={d}>
            {callDirectionLabel(d)}
          </option>
        ))}
      </select>
      <label for={`${id}-started`}>Started at</label>
      <input id={`${id}-started`} type="datetime-local" value={fields.startedAt} onInput={(e) => set('startedAt', e.currentTarget.value)} />
      <label for={`${id}-minutes`}>Duration (minutes)</label>
      <input id={`${id}-minutes`} type="number" min={0} max={MAX_MINUTES} step="any" value={fields.minutes} onInput={(e) => set('minutes', e.currentTarget.value)} />
      <label for={`${id}-outcome`}>Outcome</label>
      <select id={`${id}-outcome`} value={fields.outcome} onChange={(e) => set('outcome', e.currentTarget.value as Call['outcome'])}>
        {CALL_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {callOutcomeLabel(o)}
          </option>
        ))}
      </select>
      <label for={`${id}-notes`}>Notes</label>
      <textarea id={`${id}-notes`} rows={2} value={fields.notes} onInput={(e) => set('notes', e.currentTarget.value)} />
      <div role="alert" class="form-error">
        {error}
      </div>
      <div class="form-bar">
        <button type="button" class="button-quiet button-small" disabled={busy} onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" class="button-primary button-small" disabled={busy}>
          Save call
        </button>
      </div>
    </form>
  );
}
