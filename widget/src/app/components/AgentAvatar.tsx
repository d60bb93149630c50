interface AgentAvatarProps {
  name: string;
  /** https URL from the site settings; null shows the initials. */
  url: string | null;
}

/** Up to two initials, from the first letters of the first and last words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function AgentAvatar({ name, url }: AgentAvatarProps) {
  // Decorative: the name is written beside it.
  return url ? <img class="av" src={url} alt="" width={24} height={24} referrerpolicy="no-referrer" /> : <span class="av" aria-hidden="true">{initials(name)}</span>;
}
