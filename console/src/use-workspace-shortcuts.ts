import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Workspace } from './console-app';
import { shortcutFor, step } from './shortcuts';

/**
 * Binds the workspace shortcuts to the document. Reply/note focus the composer by its element id
 * (the composer owns its mode; clicking its mode button keeps that single owner).
 */
export function useWorkspaceShortcuts(workspace: Workspace, open: (id: string) => void, search: RefObject<HTMLInputElement | null>, setHelp: (show: boolean | ((was: boolean) => boolean)) => void): void {
  useEffect(() => {
    const focusComposer = (mode: 'Reply' | 'Internal note', id: string): void => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('.composer-mode')].find((b) => b.textContent?.trim() === mode);
      button?.click();
      setTimeout(() => document.getElementById(id)?.focus(), 0);
    };
    const onKey = (event: KeyboardEvent): void => {
      const action = shortcutFor(event, event.target);
      if (!action) return;
      const { inbox, conversation, workflow, agent } = workspace;
      const current = conversation.state.get().conversation;
      const ids = inbox.state.get().conversations.map((c) => c.id);
      switch (action) {
        case 'next':
        case 'prev': {
          const next = step(ids, conversation.state.get().id, action === 'next' ? 1 : -1);
          if (next) open(next);
          break;
        }
        case 'reply':
          focusComposer('Reply', 'reply-text');
          break;
        case 'note':
          focusComposer('Internal note', 'note-text');
          break;
        case 'assign':
          if (current?.status === 'open') void workflow.assign(current.id, agent.id);
          break;
        case 'resolve':
          if (current?.status === 'open') void workflow.resolve(current.id);
          break;
        case 'search':
          search.current?.focus();
          break;
        case 'help':
          setHelp((was) => !was);
          break;
        case 'close':
          setHelp(false);
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [workspace]);
}
