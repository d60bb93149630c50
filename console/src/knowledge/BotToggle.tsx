import type { BotSettings } from '@hilo/shared';

interface Props {
  bot: BotSettings | null;
  error: string | null;
  canEdit: boolean;
  onChange: (enabled: boolean) => void;
}

/** The answer bot on/off: before a person joins, it replies to a new chat with the best article. */
export function BotToggle({ bot, error, canEdit, onChange }: Props) {
  return (
    <div class="kb-bot">
      <label class="checkbox">
        <input type="checkbox" checked={bot?.enabled ?? false} disabled={!bot || !canEdit} onChange={(e) => onChange(e.currentTarget.checked)} />
        Answer bot
      </label>
      <span class="muted">{bot?.enabled ? 'Replies to new chats with the best matching article' : 'Off: new chats wait for a person'}</span>
      {!canEdit && <span class="muted">(only admins can change this)</span>}
      {error && (
        <span class="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
