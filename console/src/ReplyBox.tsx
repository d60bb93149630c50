import type { Ack, Channel, Message } from '@hilo/shared';
import { LIMITS } from '@hilo/shared/constants';
import { useState } from 'preact/hooks';

interface Props {
  onSend: (text: string) => Promise<Ack<Message>>;
  /** Email conversations are answered by email; the placeholder says so. */
  channel?: Channel;
}

export function ReplyBox({ onSend, channel = 'chat' }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

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
      <textarea id="reply-text" class="reply-text" rows={3} placeholder={`${channel === 'email' ? 'Reply by email…' : 'Write a reply…'} (Enter to send, Shift+Enter for a new line)`} value={text} onInput={(e) => setText(e.currentTarget.value)} onKeyDown={onKeyDown} />
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
