import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { InboxRow } from './InboxRow';
import { conversation } from './testing/fixtures';

const row = (change: Parameters<typeof conversation>[1]) =>
  render(
    <ul>
      <InboxRow conversation={conversation('c1', { visitorName: 'Marta', ...change })} selected={false} unread={0} now={2_000} onSelect={() => undefined} />
    </ul>,
  );

describe('InboxRow', () => {
  it('marks a chat with a Chat badge and no subject line', () => {
    row({ channel: 'chat' });
    expect(document.querySelector('.channel-badge')?.textContent).toBe('Chat');
    expect(document.querySelector('.inbox-subject')).toBeNull();
  });

  it('marks an email with an Email badge and shows its subject as text', () => {
    row({ channel: 'email', subject: 'Refund <b>now</b>' });
    expect(document.querySelector('.channel-badge')?.textContent).toBe('Email');
    expect(screen.getByText('Refund <b>now</b>').className).toBe('inbox-subject');
    expect(document.querySelector('b')).toBeNull();
  });

  it('marks a phone conversation', () => {
    row({ channel: 'phone' });
    expect(document.querySelector('.channel-badge')?.textContent).toBe('Phone');
  });
});
