import type { ContactProfile, Identity } from '@hilo/shared';
import { relativeTime } from './relative-time';
import { safeHttpUrl } from './safe-url';

function IdentityList({ label, identities }: { label: string; identities: Identity[] }) {
  if (identities.length === 0) return null;
  return (
    <ul class="identities" aria-label={label}>
      {identities.map((identity) => (
        <li key={identity.value}>
          <span class="identity-value">{identity.value}</span>
          <span class={`badge ${identity.verified ? 'badge-verified' : 'badge-unverified'}`}>{identity.verified ? 'Verified' : 'Unverified'}</span>
        </li>
      ))}
    </ul>
  );
}

/** Who the customer is and where they are now: identities, site attributes, current page, visits. */
export function ContactDetails({ profile, now }: { profile: ContactProfile; now: number }) {
  const { contact, context } = profile;
  const attributes = Object.entries(contact.attributes);
  const href = safeHttpUrl(context.url);
  return (
    <div class="contact-details">
      <IdentityList label="Emails" identities={contact.emails} />
      <IdentityList label="Phones" identities={contact.phones} />
      {attributes.length > 0 && (
        <dl class="attributes" aria-label="Attributes">
          {attributes.map(([key, value]) => (
            <div key={key} class="attribute">
              <dt>{key}</dt>
              <dd>{String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <dl class="visitor-context" aria-label="Visit">
        {(context.title || context.url) && (
          <div class="attribute">
            <dt>Current page</dt>
            <dd>
              {context.title && <span class="context-title">{context.title}</span>}
              {context.url &&
                (href ? (
                  <a class="context-url" href={href} target="_blank" rel="noopener noreferrer">
                    {context.url}
                  </a>
                ) : (
                  <span class="context-url">{context.url}</span>
                ))}
            </dd>
          </div>
        )}
        <div class="attribute">
          <dt>Visits</dt>
          <dd>{context.visits}</dd>
        </div>
        {context.lastSeenAt !== null && (
          <div class="attribute">
            <dt>Last seen</dt>
            <dd>
              <time dateTime={new Date(context.lastSeenAt).toISOString()}>{relativeTime(context.lastSeenAt, now) === 'now' ? 'just now' : `${relativeTime(context.lastSeenAt, now)} ago`}</time>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
