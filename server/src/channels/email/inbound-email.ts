/** An email address as Hilo keeps it. */
export interface EmailAddress {
  /** Lower-cased. */
  address: string;
  name: string | null;
}

export interface InboundAttachment {
  name: string;
  type: string;
  size: number;
  /** Null when the file was over the kept-size limit and is only listed. */
  content: Buffer | null;
}

/** An inbound email turned into clean data; the domain decides which conversation it belongs to. */
export interface InboundEmail {
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  /** The text part, or the HTML part converted to readable text; never HTML. Quoted earlier message stripped when clearly one. */
  text: string;
  /** Ids WITH angle brackets, as in headers. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Ms epoch of the Date header. */
  date: number | null;
  attachments: InboundAttachment[];
  /** Auto-replies/bounces (Auto-Submitted, Precedence: bulk/junk/list, X-Autoreply, MAILER-DAEMON) so the domain can avoid mail loops. */
  automated: boolean;
}

/** An email Hilo sends. Message ids carry their angle brackets. */
export interface OutboundEmail {
  from: string;
  replyTo: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}
