import type { Ack, CannedResponse, Channel, Message } from '@hilo/shared';
import { LIMITS } from '@hilo/shared/constants';
import { useState } from 'preact/hooks';
import type { Placeholders } from './canned';
import { cannedQuery, expandCanned, matchingCanned } from './canned';

interface Props {
  onSend: (text: string) => Promise<Ack<Message>>;
  /** Email conversations are answered by email; the placeholder says so. */
  channel?: Channel;
  /** `/shortcut` suggestions; picking one puts its text, placeholders filled, in the box. */
  canned?: readonly CannedResponse[];
  placeholders?: Placeholders;
  /** Each keystroke, for "agent is typing" collision warnings. */
  onTyping?: () => void;
}

export function ReplyBox({ onSend, channel = 'chat', canned = [], placeholders = { name: null, agent: '' }, onTyping }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const query = cannedQuery(text);
  const suggestions = query === null ? [] : matchingCanned(canned, query);
  const pick = (response: CannedResponse): void => {
    setText(expandCanned(response.text, placeholders));
    setActive(0);
  };

  const send = (): void => {
    const reply = text.trim();
    if (!reply) return;
    if (reply.length > LIMITS.messageText) {
      setError(`Replies can be at most ${LIMITS.messageText} characters`);
      return;
    }
    setError(null);
    // Cleared at once: the reply shows as pending in the conversation until the server stores it.
    setText('');
    void onSend(reply).then((answer) => {
      if (answer.ok) return;
      setError(answer.error.message || 'The reply could not be sent');
      // Keep the words for a retry, without trampling whatever was typed since.
      setText((current) => (current ? `${reply}\n${current}` : reply));
    });
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (suggestions.length > 0 && ['ArrowDown', 'ArrowUp'].includes(event.key)) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : suggestions.length - 1;
      setActive((active + step) % suggestions.length);
      return;
    }
    const chosen = suggestions[Math.min(active, suggestions.length - 1)];
    if (chosen && (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey))) {
      event.preventDefault();
      pick(chosen);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      class="reply"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="reply-text" class="sr-only">
        Reply
      </label>
      <textarea id="reply-text" class="reply-text" rows={3} placeholder={`${channel === 'email' ? 'Reply by email…' : 'Write a reply…'} (Enter to send, Shift+Enter for a new line)`} value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
          onTyping?.();
        }}
        onKeyDown={onKeyDown}
        aria-controls={suggestions.length ? 'canned-list' : undefined}
      />
      {suggestions.length > 0 && (
        <ul id="canned-list" class="canned-list" role="listbox" aria-label="Canned responses">
          {suggestions.map((response, index) => (
            <li
              key={response.id}
              role="option"
              aria-selected={index === active}
              class="canned-option"
              onMouseDown={(e) => {
                // Keeps focus in the textarea.
                e.preventDefault();
                pick(response);
              }}
            >
              <strong>/{response.shortcut}</strong> <span>{expandCanned(response.text, placeholders)}</span>
            </li>
          ))}
        </ul>
      )}
      <div class="reply-bar">
        <div role="alert" class="form-error">
          {error}
        </div>
        <button type="submit" class="button-primary" disabled={!text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
