import { useState } from 'preact/hooks';
import type { RatingState } from '../conversation-model';
import { AFTER_CHAT } from '../locales/after-chat';
import { formStrings } from '../locales/forms';
import { EMAIL_MAX, looksLikeEmail } from './email-shape';

interface RatingCardProps {
  rating: RatingState;
  lang: string;
  onRate: (rating: 'good' | 'bad', comment: string) => void;
  onTranscript: (email: string) => void;
}

/** After the agent resolved the chat: good/bad plus a comment, then a copy of the chat by email. */
export function RatingCard({ rating, lang, onRate, onTranscript }: RatingCardProps) {
  const { emailLabel } = formStrings(lang);
  const t = lang === 'es' ? AFTER_CHAT.es : AFTER_CHAT.en;
  const [choice, setChoice] = useState<'good' | 'bad' | null>(null);
  const [badEmail, setBadEmail] = useState(false);
  const rated = rating.status === 'done';
  return (
    <div class="card rating">
      {rated ? (
        <p role="status">{t.thanks}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const comment = event.currentTarget.querySelector('textarea')?.value.trim() ?? '';
            if (choice) onRate(choice, comment);
          }}
        >
          <p id="hilo-rate-q">{t.rateAsk}</p>
          <div class="row thumbs" role="group" aria-labelledby="hilo-rate-q">
            {(['good', 'bad'] as const).map((value) => (
              <button key={value} type="button" class="quiet" aria-pressed={choice === value} onClick={() => setChoice(value)}>
                {value === 'good' ? '👍 ' : '👎 '}
                {value === 'good' ? t.good : t.bad}
              </button>
            ))}
          </div>
          <label>
            {t.comment}
            <textarea rows={2} maxLength={1000} />
          </label>
          <button type="submit" disabled={!choice || rating.status === 'sending'}>
            {t.send}
          </button>
          {rating.status === 'error' && (
            <p class="err" role="alert">
              {t.failed}
            </p>
          )}
        </form>
      )}
      {rating.transcript === 'sent' ? (
        <p role="status">{t.transcriptSent}</p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const email = (event.currentTarget.querySelector('input')?.value ?? '').trim();
            setBadEmail(!looksLikeEmail(email));
            if (looksLikeEmail(email)) onTranscript(email);
          }}
        >
          <label>
            {t.transcriptAsk}
            <input type="email" autocomplete="email" maxLength={EMAIL_MAX} aria-label={`${t.transcriptAsk} — ${emailLabel}`} aria-invalid={badEmail ? 'true' : undefined} />
          </label>
          <button type="submit" disabled={rating.transcript === 'sending'}>
            {t.transcriptSend}
          </button>
          {rating.transcript === 'error' && (
            <p class="err" role="alert">
              {t.transcriptFailed}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
