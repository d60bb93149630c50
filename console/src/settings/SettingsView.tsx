import type { Agent } from '@hilo/shared';
import type { ComponentChildren } from 'preact';
import { useObservable } from '../use-observable';
import type { WorkflowConnection } from '../workflow-connection';
import type { WorkflowModel } from '../workflow-model';
import { AgentsSection } from './AgentsSection';
import { ApiTokensSection } from './ApiTokensSection';
import { CannedSection } from './CannedSection';
import { InstallSection } from './InstallSection';
import { RulesSection } from './RulesSection';
import { TeamsSection } from './TeamsSection';
import { WebhooksSection } from './WebhooksSection';
import { WidgetSettingsSection } from './widget/WidgetSettingsSection';

interface Props {
  agent: Agent;
  model: WorkflowModel;
  /** The agent's own notification preferences (everyone sees this). */
  attention?: ComponentChildren;
  actions: Pick<WorkflowConnection, 'setCapacity' | 'setRole' | 'invite' | 'deactivate' | 'saveTeam' | 'saveRules' | 'saveCanned' | 'deleteCanned'>;
}

/** Admin settings: agents and capacity, install, teams, routing rules, and the widget's own section. */
export function SettingsView({ agent, model, actions, attention }: Props) {
  const state = useObservable(model.state);
  const isAdmin = agent.role === 'admin';
  return (
    <main class="settings" aria-label="Settings">
      <h2 class="pane-title">Settings</h2>
      {attention}
      <AgentsSection agents={state.agents} isAdmin={isAdmin} onCapacity={actions.setCapacity} onRole={actions.setRole} onInvite={actions.invite} onDeactivate={actions.deactivate} selfId={agent.id} />
      {isAdmin && <InstallSection />}
      {isAdmin && <TeamsSection teams={state.teams} agents={state.agents} onSave={actions.saveTeam} />}
      {isAdmin && <RulesSection rules={state.rules} teams={state.teams} onSave={actions.saveRules} />}
      {isAdmin && <CannedSection responses={state.canned} onSave={actions.saveCanned} onDelete={actions.deleteCanned} />}
      {isAdmin && (
        <section class="settings-section" aria-labelledby="settings-widget">
          <h3 id="settings-widget">Widget</h3>
          {/* Built and owned by the widget package's helper (console/src/settings/widget/). */}
          <WidgetSettingsSection />
        </section>
      )}
      {isAdmin && <WebhooksSection />}
      {isAdmin && <ApiTokensSection />}
    </main>
  );
}
