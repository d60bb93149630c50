import type { Ack, SearchResults } from '@hilo/shared';
import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { visitorLabel } from './conversation-labels';

interface Props {
  onSearch: (query: string) => Promise<Ack<SearchResults>>;
  onOpenConversation: (id: string) => void;
  onOpenContact: (id: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

const DEBOUNCE_MS = 300;

/** Search across conversations and contacts; results replace the inbox list while a query is typed. */
export function SearchPanel({ onSearch, onOpenConversation, onOpenContact, inputRef }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void onSearch(q).then((answer) => {
        if (!live) return;
        if (answer.ok) {
          setResults(answer.data);
          setError(null);
        } else setError(answer.error.message);
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return (
    <div class="search">
      <input
        ref={inputRef}
        type="search"
        class="search-input"
        aria-label="Search conversations and contacts"
        placeholder="Search people and messages ( / )"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQuery('');
        }}
      />
      {error && (
        <p role="alert" class="form-error">
          {error}
        </p>
      )}
      {results && (
        <div class="search-results" role="region" aria-label="Search results">
          {results.contacts.length > 0 && <h3 class="pane-title">Contacts</h3>}
          <ul class="inbox-list">
            {results.contacts.map((c) => (
              <li key={c.id}>
                <button type="button" class="inbox-row" onClick={() => onOpenContact(c.id)}>
                  <span class="inbox-name">{c.name ?? c.emails[0] ?? c.phones[0] ?? 'Unknown customer'}</span>
                  <span class="inbox-preview">{[...c.emails, ...c.phones].join(' · ')}</span>
                </button>
              </li>
            ))}
          </ul>
          <h3 class="pane-title">Conversations ({results.conversations.length})</h3>
          <ul class="inbox-list">
            {results.conversations.map((c) => (
              <li key={c.id}>
                <button type="button" class="inbox-row" onClick={() => onOpenConversation(c.id)}>
                  <span class="inbox-name">{visitorLabel(c)}</span>
                  <span class="inbox-preview">{c.lastMessage?.text ?? ''}</span>
                </button>
              </li>
            ))}
          </ul>
          {results.conversations.length === 0 && results.contacts.length === 0 && <p class="pane-empty">Nothing found</p>}
        </div>
      )}
    </div>
  );
}
