// Finds http(s) URLs and email addresses in plain text. Trailing punctuation stays text ("see x.com.").
const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Splits text into strings and safe link targets (http, https or mailto only). */
export function linkify(text: string): (string | { href: string; label: string })[] {
  const parts: (string | { href: string; label: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const label = match[0];
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ href: label.includes('://') ? label : `mailto:${label}`, label });
    last = at + label.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Message text as text nodes, with links opened in a new tab that cannot reach back to this page. */
export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.label}
          </a>
        ),
      )}
    </>
  );
}
