import type { AgentProfile, PrechatMode, WidgetSettings } from '@hilo/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useObservable } from '../../use-observable';
import { AgentProfilesEditor } from './AgentProfilesEditor';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import type { WidgetSettingsModel } from './widget-settings-model';
import { createWidgetSettingsModel } from './widget-settings-model';
import './widget-settings.css';

interface Props {
  /** Tests pass one; the console's Settings view mounts this without props. */
  model?: WidgetSettingsModel;
}

const PRECHAT: { value: PrechatMode; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'optional', label: 'Optional (name and email, can be skipped)' },
  { value: 'required', label: 'Required (name and email before the first message)' },
];

/** The site's widget look and behaviour; shoppers' widgets pick changes up within a minute. */
export function WidgetSettingsSection({ model: given }: Props) {
  const model = useMemo(() => given ?? createWidgetSettingsModel(), [given]);
  const state = useObservable(model.state);
  const [draft, setDraft] = useState<WidgetSettings | null>(null);

  useEffect(() => {
    void model.load();
  }, [model]);
  useEffect(() => {
    if (state.settings) setDraft(state.settings);
  }, [state.settings]);

  if (!draft) {
    return state.status === 'error' ? (
      <p class="pane-error" role="alert">
        {state.error}
      </p>
    ) : (
      <p class="muted">Loading widget settings…</p>
    );
  }
  const set = <K extends keyof WidgetSettings>(key: K, value: WidgetSettings[K]) => setDraft({ ...draft, [key]: value });
  const number = (value: string) => Math.max(0, Math.min(400, Math.round(Number(value) || 0)));

  return (
    <form
      class="settings-form ws-form"
      aria-label="Widget settings"
      onSubmit={(event) => {
        event.preventDefault();
        const nameOf = (id: string) => state.agents.find((a) => a.id === id)?.name ?? 'Support';
        void model.save({ ...draft, agents: draft.agents.map((p) => ({ ...p, displayName: p.displayName.trim() || nameOf(p.agentId) })) });
      }}
    >
      <div class="ws-row">
        <label>
          Brand colour
          <input type="color" value={draft.color} onInput={(e) => set('color', e.currentTarget.value)} />
        </label>
        <label>
          Position
          <select value={draft.position} onChange={(e) => set('position', e.currentTarget.value === 'left' ? 'left' : 'right')}>
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
        </label>
        <label>
          Side offset (px)
          <input type="number" min={0} max={400} value={draft.offsetX} onInput={(e) => set('offsetX', number(e.currentTarget.value))} />
        </label>
        <label>
          Bottom offset (px)
          <input type="number" min={0} max={400} value={draft.offsetY} onInput={(e) => set('offsetY', number(e.currentTarget.value))} />
        </label>
        <label>
          z-index (empty: default)
          <input
            type="number"
            min={0}
            value={draft.zIndex ?? ''}
            onInput={(e) => set('zIndex', e.currentTarget.value === '' ? null : Math.max(0, Math.round(Number(e.currentTarget.value) || 0)))}
          />
        </label>
      </div>
      <label>
        Greeting (first line shoppers see; empty: the default in their language)
        <textarea rows={2} maxLength={300} value={draft.greeting} onInput={(e) => set('greeting', e.currentTarget.value)} />
      </label>
      <label>
        Launcher text (beside the chat icon; empty: icon only)
        <input maxLength={40} value={draft.launcherText} onInput={(e) => set('launcherText', e.currentTarget.value)} />
      </label>
      <label>
        Pre-chat form
        <select value={draft.prechat} onChange={(e) => set('prechat', e.currentTarget.value as PrechatMode)}>
          {PRECHAT.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={draft.sound} onChange={(e) => set('sound', e.currentTarget.checked)} />
        Play a sound for new replies while the chat is closed
      </label>
      <BusinessHoursEditor value={draft.businessHours} onChange={(hours) => set('businessHours', hours)} />
      <AgentProfilesEditor agents={state.agents} value={draft.agents} onChange={(profiles: AgentProfile[]) => set('agents', profiles)} />
      <div class="ws-actions">
        <button type="submit" class="button-primary" disabled={state.status === 'saving'}>
          {state.status === 'saving' ? 'Saving…' : 'Save widget settings'}
        </button>
        <span role="status" class="muted">
          {state.savedAt && state.status === 'ready' && !state.error ? 'Saved. Widgets update within a minute.' : ''}
        </span>
      </div>
      {state.error && (
        <p class="pane-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
