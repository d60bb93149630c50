import { compile } from 'html-to-text';

/** Larger HTML bodies are cut before conversion: nobody reads past this and the parser's cost grows with input. */
const MAX_HTML_CHARS = 2_000_000;

const htmlConverter = compile({
  wordwrap: false,
  limits: { maxInputLength: MAX_HTML_CHARS },
  selectors: [
    // Never let code, styling or hidden markup through as text.
    { selector: 'head', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/** Readable plain text from an email's HTML part; links come out as "text [url]". */
export function htmlToPlainText(html: string): string {
  return normalizeText(htmlConverter(html));
}

/** Unix newlines, no trailing spaces, at most one blank line in a row, trimmed. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * "On Mon, 3 Jun 2024 at 10:00, Ana <ana@x.com> wrote:" and its Spanish, French, German, Portuguese,
 * Italian ("Il giorno … ha scritto:") and Dutch ("Op … schreef …:") cousins: the languages Outlook's
 * header block is recognised in below.
 */
const ATTRIBUTION_END = /(wrote|escribió|a écrit|schrieb|escreveu|ha scritto|schreef\b.*)\s*:\s*$/i;
const ATTRIBUTION_START = /^(On|El|Le|Am|Em|Il|Op)\s/;

/**
 * Removes the quoted earlier message from a top-posted reply, as Gmail, Apple Mail and most clients
 * quote it (below) or as Outlook does (stripOutlookQuote). When unsure, or when nothing would be left,
 * the text is returned whole: losing a customer's words is worse than showing a quote.
 */
export function stripQuotedReply(text: string): string {
  return stripAttributedQuote(stripOutlookQuote(text));
}

/** The header block Outlook puts above the message it answers, in the languages of the customers. */
const OUTLOOK_FROM = /^(From|De|Von|Van|Da)\s?:\s*\S/;
const OUTLOOK_SENT = /^(Sent|Date|Enviado|Fecha|Gesendet|Datum|Envoyé|Inviato|Data|Verzonden)\s?:/;
const OUTLOOK_SUBJECT = /^(Subject|Asunto|Betreff|Objet|Oggetto|Onderwerp|Assunto)\s?:\s*(.*)$/;
/** A forward keeps its content: the customer sends it for the agent to read. */
const REPLY_SUBJECT = /^(Re|RE|Aw|AW|Antw|SV|Sv|R)\s*:/;
const OUTLOOK_RULE = /^(_{8,}|-{3,}\s*(Original Message|Mensaje original|Ursprüngliche Nachricht|Message d'origine)\s*-{3,}|-{8,})$/i;

/**
 * Outlook does not quote with `>`: under the reply it puts a rule, a From / Sent / To / Subject block and
 * the earlier message as it was. That is cut when the block is a reply's (its subject starts with "Re:"
 * or a translation) and there is text above it.
 */
function stripOutlookQuote(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  for (let i = 1; i < lines.length; i++) {
    if (!OUTLOOK_FROM.test(lines[i] ?? '')) continue;
    const block = lines.slice(i + 1, i + 6);
    const subject = block.map((line) => OUTLOOK_SUBJECT.exec(line)).find(Boolean);
    if (!block.some((line) => OUTLOOK_SENT.test(line)) || !subject || !REPLY_SUBJECT.test(subject[2] ?? '')) continue;
    // The rule above the block goes too, also with a blank line between (HTML mail turned to text).
    let above = i - 1;
    while (above > 0 && lines[above] === '') above--;
    const start = OUTLOOK_RULE.test(lines[above] ?? '') ? above : i;
    const kept = text.split('\n').slice(0, start).join('\n').trim();
    if (kept !== '') return kept;
  }
  return text;
}

/**
 * An attribution line ("On … wrote:", possibly wrapped onto a second line) followed only by `>`-quoted
 * or blank lines up to the end.
 */
function stripAttributedQuote(text: string): string {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!ATTRIBUTION_END.test(line)) continue;
    let start = i;
    if (!ATTRIBUTION_START.test(line)) {
      // Clients wrap long attributions: "On Mon, … Ana Pérez <ana@example.com>\nwrote:".
      const previous = (lines[i - 1] ?? '').trim();
      if (!ATTRIBUTION_START.test(previous)) continue;
      start = i - 1;
    }
    const rest = lines.slice(i + 1);
    const quoted = rest.filter((l) => l.trim() !== '');
    if (quoted.length === 0 || !quoted.every((l) => l.trimStart().startsWith('>'))) continue;
    const kept = lines.slice(0, start).join('\n').trim();
    return kept === '' ? text : kept;
  }
  return text;
}
