import type { ActivityEvent, ArticleLanguage, BusinessHours, Conversation, MessageAuthor } from '@hilo/shared';
import { type ActivityPort, conversationFacts } from './activity.js';
import { isWithinHours } from '@hilo/shared';
import type { ContactService } from './contact-service.js';
import type { AppendInput } from './conversation-service.js';
import { DomainError } from './errors.js';
import type { KnowledgeService } from './knowledge-service.js';
import type { BotStateRepository } from './knowledge-ports.js';
import type { ConversationNotifier, ConversationRepository, PresencePort, SiteRepository, VisitorRepository } from './ports.js';
import { guessLanguage } from './search-tokenizer.js';
import type { WorkflowService } from './workflow-service.js';

/**
 * The bot answers a shopper's chat before a person does: at most twice per conversation, only with a
 * published article that matches at least a third of the question's words (stop words aside; "how
 * long does shipping take" has three) and scores at least `minScore` (ranked BM25 score: a title or
 * tag match clears it, a passing mention in a body or a look-alike word does not; calibrated on
 * test/answer-bot.test.ts and the demo articles). No good article: it stays quiet, except when nobody
 * can answer (outside business hours and no agent online), where it asks once for an email; the
 * widget's email form comes from the follow-up offer the conversation service sends for that message.
 */
export const BOT_LIMITS = { answers: 2, minScore: 1, minCoverage: 0.3 } as const;

const TEXT: Record<ArticleLanguage, { offer: (title: string) => string; handoff: string; away: string }> = {
  en: {
    offer: (title) => `This article may help: ${title}`,
    handoff: 'OK, a person will reply here.',
    away: "We're away right now. Leave your email and we'll reply there as soon as we're back.",
  },
  es: {
    offer: (title) => `Este artículo puede ayudarte: ${title}`,
    handoff: 'De acuerdo, una persona te responderá aquí.',
    away: 'Ahora mismo no estamos. Déjanos tu email y te responderemos en cuanto volvamos.',
  },
};

export interface AnswerBotDeps {
  knowledge: Pick<KnowledgeService, 'botSettings' | 'candidates' | 'summary'>;
  state: BotStateRepository;
  conversations: Pick<ConversationRepository, 'get' | 'emailState'>;
  /** Posts through the conversation service so bot messages are stored, announced and indexed like any other. */
  append: (conversation: Conversation, author: MessageAuthor, input: AppendInput) => Promise<{ created: boolean }>;
  workflow: Pick<WorkflowService, 'resolveFor'>;
  sites: Pick<SiteRepository, 'findById'>;
  visitors: Pick<VisitorRepository, 'conversationOf'>;
  contacts: Pick<ContactService, 'resolve'>;
  businessHours: (siteId: string) => Promise<BusinessHours>;
  presence: Pick<PresencePort, 'agentsOnline'>;
  notifier: Pick<ConversationNotifier, 'followupOffered'>;
  activity: ActivityPort;
  now?: () => number;
}

export type AnswerBot = ReturnType<typeof createAnswerBot>;

export function createAnswerBot(deps: AnswerBotDeps) {
  const { knowledge, state, conversations, append, workflow, sites, visitors, contacts, presence, notifier, activity, now = Date.now } = deps;

  async function author(siteId: string): Promise<MessageAuthor> {
    const site = await sites.findById(siteId);
    return { kind: 'bot', id: 'bot', name: `${site?.name || 'Support'} assistant` };
  }

  /** Nobody can answer now: outside business hours and no agent online. */
  async function away(siteId: string): Promise<boolean> {
    if ((await presence.agentsOnline(siteId)) > 0) return false;
    return !isWithinHours(await deps.businessHours(siteId), new Date(now()));
  }

  async function post(conversation: Conversation, input: AppendInput): Promise<boolean> {
    const { created } = await append(conversation, await author(conversation.siteId), input);
    return created;
  }

  async function onVisitorMessage(event: Extract<ActivityEvent, { type: 'message.created' }>): Promise<void> {
    if (!(await knowledge.botSettings(event.siteId)).enabled) return;
    const conversation = await conversations.get(event.conversationId);
    if (!conversation || conversation.firstResponseAt !== null || conversation.status === 'resolved') return;
    const lang = guessLanguage(event.text);
    const [best] = await knowledge.candidates(event.siteId, event.text, lang);
    if (best && best.coverage >= BOT_LIMITS.minCoverage && best.score >= BOT_LIMITS.minScore) {
      if (!(await state.claimAnswer(conversation.id, event.messageId, BOT_LIMITS.answers))) return;
      const created = await post(conversation, {
        // Derived from the shopper's message: a second run for the same message stores nothing new.
        clientId: `bot-${event.messageId}`,
        text: TEXT[best.language].offer(best.title),
        bot: { articleId: best.id, title: best.title, excerpt: best.excerpt },
      });
      if (!created) return;
      await state.openOffer(conversation.id, best.id);
      await activity.record({ type: 'bot.answered', ...conversationFacts(conversation), articleId: best.id });
      return;
    }
    if ((await away(event.siteId)) && (await state.claimEmailAsk(conversation.id))) {
      // The conversation service already sent this turn's follow-up offer (the email form).
      await post(conversation, { clientId: `bot-away-${event.messageId}`, text: TEXT[lang ?? 'en'].away });
    }
  }

  return {
    /** For `activity.subscribe`: acts on shoppers' chat messages, ignores everything else. */
    async onEvent(event: ActivityEvent): Promise<void> {
      if (event.type === 'message.created' && event.authorKind === 'visitor' && event.channel === 'chat') await onVisitorMessage(event);
    },

    /** The shopper's answer to the latest offer: solved (resolve, a deflection) or "talk to a person". */
    async reply(siteId: string, visitorId: string, helped: boolean): Promise<null> {
      const id = await visitors.conversationOf(siteId, visitorId);
      const conversation = id ? await conversations.get(id) : null;
      if (!conversation) throw new DomainError('conflict', 'There is no bot answer to reply to');
      if (conversation.firstResponseAt !== null) throw new DomainError('conflict', 'An agent has already replied in this conversation');
      if (conversation.status === 'resolved') throw new DomainError('conflict', 'The conversation is already resolved');
      const articleId = await state.takeOffer(conversation.id);
      if (!articleId) throw new DomainError('conflict', 'The bot answer was already replied to');
      if (helped) {
        await workflow.resolveFor(siteId, conversation.id, 'bot');
        return null;
      }
      await state.handOff(conversation.id);
      await activity.record({ type: 'bot.handoff', ...conversationFacts(conversation) });
      const language = (await knowledge.summary(siteId, articleId))?.language ?? 'en';
      const nobody = await away(siteId);
      if (nobody) await state.claimEmailAsk(conversation.id);
      await post(conversation, { clientId: 'bot-handoff', text: nobody ? TEXT[language].away : TEXT[language].handoff });
      if (nobody) {
        // One offer per hand-off, and none when the shopper already left an address for follow-ups.
        const { to } = await conversations.emailState(conversation.id);
        if (!to) {
          const contact = conversation.contactId ? await contacts.resolve(conversation.contactId) : null;
          notifier.followupOffered(conversation, contact?.emails[0]?.value ?? null);
        }
      }
      return null;
    },
  };
}
