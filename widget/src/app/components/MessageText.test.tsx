import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { linkify, MessageText } from './MessageText';

describe('MessageText', () => {
  it('links http(s) URLs and emails, leaving trailing punctuation as text', () => {
    expect(linkify('See https://shop.example/a?b=1. Or mail ana@shop.example!')).toEqual([
      'See ',
      { href: 'https://shop.example/a?b=1', label: 'https://shop.example/a?b=1' },
      '. Or mail ',
      { href: 'mailto:ana@shop.example', label: 'ana@shop.example' },
      '!',
    ]);
  });

  it('never links other schemes and opens links in a new tab without an opener', () => {
    const { container } = render(<MessageText text={'javascript:alert(1) javascript://x%0Aalert(2) data:text/html,x <a href="http://x">y</a> http://ok.example'} />);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['http://ok.example']);
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.textContent).toContain('<a href="http://x">y</a>');
  });
});
