import type { Channel, RoutingRule } from '@hilo/shared';

export interface RoutingFacts {
  /** Page the shopper was on when they wrote (chat); null otherwise. */
  url: string | null;
  channel: Channel;
  /** Text of the first customer message. */
  text: string;
}

/** The team of the first rule that matches, in the order the admin listed them; null when none does. */
export function matchTeam(rules: readonly RoutingRule[], facts: RoutingFacts): string | null {
  const text = facts.text.toLowerCase();
  const url = (facts.url ?? '').toLowerCase();
  for (const rule of rules) {
    const value = rule.value.toLowerCase();
    if (rule.match === 'channel' && facts.channel === value) return rule.teamId;
    if (rule.match === 'url' && url && url.includes(value)) return rule.teamId;
    if (rule.match === 'keyword' && containsWord(text, value)) return rule.teamId;
  }
  return null;
}

/** Whole-word match, so the keyword "bill" does not catch "billion" (phrases work too). */
function containsWord(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text.charAt(at - 1);
    const after = text.charAt(at + phrase.length);
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}
