import type { RichNode } from '@hilo/shared';
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { renderRich } from './RichText';

const show = (nodes: unknown[]) => render(<div>{(nodes as RichNode[]).map(renderRich)}</div>).container.firstElementChild as HTMLElement;

describe('renderRich', () => {
  it('builds the article elements with their attributes, and text as text', () => {
    const root = show([
      ['h2', null, 'Returns'],
      ['p', null, 'Send <b>it</b> back ', ['a', { href: 'https://shop.example/r', target: '_blank', rel: 'noopener noreferrer nofollow' }, 'here'], ['br', null], 'soon'],
      ['ol', { start: '3' }, ['li', null, 'three']],
      ['table', null, ['tbody', null, ['tr', null, ['td', { align: 'right' }, '9']]]],
    ]);
    expect(root.innerHTML).toBe(
      '<h2>Returns</h2><p>Send &lt;b&gt;it&lt;/b&gt; back <a href="https://shop.example/r" target="_blank" rel="noopener noreferrer nofollow">here</a><br>soon</p>' +
        '<ol start="3"><li>three</li></ol><table><tbody><tr><td align="right">9</td></tr></tbody></table>',
    );
  });

  it('creates no tag or attribute outside the shared lists, whatever the server sent', () => {
    const root = show([
      ['script', null, 'alert(1)'],
      ['iframe', { src: 'https://evil.example' }, 'framed'],
      ['p', { onclick: 'alert(1)', style: 'position:fixed', dangerouslySetInnerHTML: { __html: '<img src=x onerror=alert(1)>' }, class: 'x' }, 'plain'],
      ['img', { src: 'https://i.example/a.png', onerror: 'alert(1)', alt: 'a' }],
      42,
      { not: 'a node' },
    ]);
    expect(root.innerHTML).toBe('alert(1)framed<p>plain</p><img src="https://i.example/a.png" alt="a">');
  });
});
