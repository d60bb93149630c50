import { botReplySchema } from '@hilo/shared';
import type { ActivityLog } from '../../domain/activity.js';
import type { AnswerBot } from '../../domain/answer-bot.js';
import type { Logger } from '../../logger.js';
import { handle } from './handle.js';
import type { VisitorSocket } from './typed-namespaces.js';

/** `bot:reply`: the shopper answers the bot's latest article offer in their own conversation. */
export function createVisitorBotHandlers({ bot, logger }: { bot: AnswerBot; logger: Logger }) {
  return (socket: VisitorSocket): void => {
    const { site, visitorId } = socket.data;
    socket.on('bot:reply', handle(botReplySchema, logger, ({ helped }) => bot.reply(site.id, visitorId, helped)));
  };
}

/**
 * Lets the bot hear every recorded event. Each process hears the messages it stored itself, so every
 * shopper message reaches exactly one bot; a failure is logged and never fails the message.
 */
export function subscribeAnswerBot(activity: ActivityLog, bot: AnswerBot, logger: Logger): () => void {
  return activity.subscribe((event) => {
    bot.onEvent(event).catch((err: unknown) => logger.warn({ err, conversationId: 'conversationId' in event ? event.conversationId : undefined }, 'answer bot failed'));
  });
}
