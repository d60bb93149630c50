import type { Attributes, Contact, ContactProfile, Identity, IdentifyResult } from '@hilo/shared';
import { type ActivityPort, noActivity } from './activity.js';
import { DomainError } from './errors.js';
import { combine, conflicts, hasVerified, withIdentity, type IdentityKind } from './identities.js';
import { newId } from './ids.js';
import { createKeyedQueue } from './keyed-queue.js';
import { toE164 } from './phone-number.js';
import type { ContactRecord, ContactRepository, ConversationNotifier, ConversationRepository, Site, TimelineRepository, VisitorRepository } from './ports.js';
import { isValidUserHash } from './user-hash.js';

export interface ContactServiceDeps {
  contacts: ContactRepository;
  timeline: TimelineRepository;
  visitors: VisitorRepository;
  conversations: ConversationRepository;
  notifier: ConversationNotifier;
  phoneCountry?: string;
  activity?: ActivityPort;
  now?: () => number;
}

export interface IdentifyInput {
  email?: string;
  name?: string;
  phone?: string;
  userHash?: string;
}

export type ContactService = ReturnType<typeof createContactService>;

const MAX_FOLLOW = 10;

export function createContactService({ contacts, timeline, visitors, conversations, notifier, phoneCountry, activity = noActivity, now = Date.now }: ContactServiceDeps) {
  // A visitor's events arrive on one socket, so one process: a local queue keeps their contact updates apart.
  const perVisitor = createKeyedQueue();

  /** Follows merge pointers to the live contact. */
  async function resolve(id: string): Promise<ContactRecord | null> {
    let current = await contacts.get(id);
    for (let hops = 0; current?.mergedInto && hops < MAX_FOLLOW; hops++) current = await contacts.get(current.mergedInto);
    return current && !current.mergedInto ? current : null;
  }

  async function live(siteId: string, ids: string[]): Promise<ContactRecord[]> {
    const found = await Promise.all(ids.map(resolve));
    const unique = new Map<string, ContactRecord>();
    for (const c of found) if (c && c.siteId === siteId) unique.set(c.id, c);
    return [...unique.values()];
  }

  async function create(siteId: string, init: Partial<Contact>): Promise<Contact> {
    const at = now();
    const contact: Contact = { id: newId('p'), siteId, name: null, emails: [], phones: [], visitorIds: [], attributes: {}, createdAt: at, updatedAt: at, ...init };
    await contacts.create(contact);
    for (const e of contact.emails) await contacts.addToIndex(siteId, 'email', e.value, contact.id);
    for (const p of contact.phones) await contacts.addToIndex(siteId, 'phone', p.value, contact.id);
    for (const v of contact.visitorIds) await contacts.addToIndex(siteId, 'visitor', v, contact.id);
    return contact;
  }

  async function save(contact: Contact): Promise<Contact> {
    const { mergedInto: _ignored, ...plain } = contact as ContactRecord;
    const updated: Contact = { ...plain, updatedAt: now() };
    await contacts.save(updated);
    for (const e of updated.emails) await contacts.addToIndex(updated.siteId, 'email', e.value, updated.id);
    for (const p of updated.phones) await contacts.addToIndex(updated.siteId, 'phone', p.value, updated.id);
    for (const v of updated.visitorIds) await contacts.addToIndex(updated.siteId, 'visitor', v, updated.id);
    notifier.contactUpdated(updated);
    void activity.record({ type: 'contact.updated', siteId: updated.siteId, contactId: updated.id });
    return updated;
  }

  /** The contact that owns this identity: a verified holder first, else the oldest holder. */
  async function findBy(siteId: string, kind: IdentityKind, value: string): Promise<ContactRecord | null> {
    const holders = await live(siteId, await contacts.findByIdentity(siteId, kind, value));
    const verified = holders.filter((c) => hasVerified(c, kind, value));
    const pool = verified.length ? verified : holders;
    return pool.sort((a, b) => a.createdAt - b.createdAt)[0] ?? null;
  }

  async function findOrCreateBy(siteId: string, kind: IdentityKind, value: string, verified: boolean, name: string | null): Promise<Contact> {
    const found = await findBy(siteId, kind, value);
    if (found) {
      const needsUpdate = (verified && !hasVerified(found, kind, value)) || (!found.name && name);
      return needsUpdate ? save({ ...withIdentity(found, kind, value, verified), name: found.name ?? name }) : found;
    }
    const identity = [{ value, verified }];
    const contact = await create(siteId, kind === 'email' ? { emails: identity, name } : { phones: identity, name });
    notifier.contactUpdated(contact);
    return contact;
  }

  async function forVisitor(siteId: string, visitorId: string): Promise<Contact> {
    const state = await visitors.state(siteId, visitorId);
    if (state.contactId) {
      const existing = await resolve(state.contactId);
      if (existing) return existing;
    }
    const fresh = await create(siteId, { visitorIds: [visitorId] });
    const linked = await visitors.linkContact(siteId, visitorId, fresh.id);
    if (linked !== fresh.id) {
      // Another request made this visitor's contact first; ours is an unreferenced orphan.
      await contacts.markMerged(fresh.id, linked);
      const winner = await resolve(linked);
      if (winner) return winner;
    }
    return fresh;
  }

  async function merge(siteId: string, survivorId: string, mergedId: string, by: string, automatic: boolean): Promise<Contact> {
    const [survivor, merged] = await Promise.all([resolve(survivorId), resolve(mergedId)]);
    if (!survivor || !merged || survivor.siteId !== siteId || merged.siteId !== siteId) throw new DomainError('not_found', 'Contact not found');
    if (survivor.id === merged.id) return survivor;
    if (automatic && conflicts(survivor, merged)) throw new DomainError('conflict', 'These contacts have different verified identities');

    const at = now();
    const refs = await timeline.moveAll(merged.id, survivor.id);
    const movedConversations: string[] = [];
    for (const ref of refs) {
      if (ref.kind === 'conv') {
        await conversations.setFields(ref.id, { contactId: survivor.id });
        movedConversations.push(ref.id);
      } else if (ref.kind === 'call') {
        const call = await timeline.getCall(ref.id);
        if (call) await timeline.saveCall({ ...call, contactId: survivor.id });
      } else if (ref.kind === 'note') {
        const note = await timeline.getNote(ref.id);
        if (note) await timeline.saveNote({ ...note, contactId: survivor.id });
      }
    }
    const combined = combine(survivor, merged, at);
    const saved = await save(combined);
    for (const visitorId of merged.visitorIds) await visitors.setContact(siteId, visitorId, survivor.id);
    for (const e of merged.emails) await contacts.removeFromIndex(siteId, 'email', e.value, merged.id);
    for (const p of merged.phones) await contacts.removeFromIndex(siteId, 'phone', p.value, merged.id);
    for (const v of merged.visitorIds) await contacts.removeFromIndex(siteId, 'visitor', v, merged.id);
    // Last: until this pointer exists, a crashed merge can simply be run again.
    await contacts.markMerged(merged.id, survivor.id);
    const record = { id: newId('mg'), contactId: survivor.id, merged: { id: merged.id, name: merged.name ?? merged.emails[0]?.value ?? null }, by, at };
    await timeline.saveMerge(record);
    await timeline.add(survivor.id, { kind: 'merge', id: record.id }, at);
    for (const id of movedConversations) {
      const conversation = await conversations.get(id);
      if (conversation) {
        if (!conversation.visitorName && saved.name) await conversations.setFields(id, { visitorName: saved.name });
        notifier.conversationUpdated({ ...conversation, visitorName: conversation.visitorName ?? saved.name });
      }
    }
    notifier.timelineChanged(siteId, survivor.id);
    return saved;
  }

  async function detachVisitor(conversationId: string): Promise<void> {
    await conversations.setFields(conversationId, { visitorId: '' });
    const conversation = await conversations.get(conversationId);
    if (conversation) notifier.conversationUpdated(conversation);
  }

  /** Keeps the name shown in the inbox in step with the customer's name. */
  async function renameConversation(siteId: string, visitorId: string, name: string | null): Promise<void> {
    if (!name) return;
    const conversationId = await visitors.conversationOf(siteId, visitorId);
    const conversation = conversationId ? await conversations.get(conversationId) : null;
    if (conversation && conversation.visitorName !== name) {
      await conversations.setFields(conversation.id, { visitorName: name });
      notifier.conversationUpdated({ ...conversation, visitorName: name });
    }
  }

  async function identifyNow(site: Site, visitorId: string, input: IdentifyInput): Promise<IdentifyResult & { conversationChanged: boolean }> {
    const phone = input.phone ? toE164(input.phone, phoneCountry) : undefined;
    const verified = Boolean(input.email && input.userHash && site.identitySecret && isValidUserHash(site.identitySecret, input.email, input.userHash));
    let contact: Contact = await forVisitor(site.id, visitorId);
    let conversationChanged = false;

    if (verified && input.email) {
      const owner = await findBy(site.id, 'email', input.email);
      if (owner && owner.id !== contact.id && hasVerified(owner, 'email', input.email)) {
        if (conflicts(contact, owner)) {
          // Another customer was signed in on this browser before: start over as this one. Their chat
          // stays theirs: it no longer reaches this browser (replies, typing, rating), and the browser's
          // tabs forget it.
          const previous = await visitors.conversationOf(site.id, visitorId);
          await visitors.setContact(site.id, visitorId, owner.id);
          await visitors.relinkConversation(site.id, visitorId, null);
          if (previous) await detachVisitor(previous);
          notifier.visitorStartedOver(site.id, visitorId);
          await save({ ...contact, visitorIds: contact.visitorIds.filter((v) => v !== visitorId) });
          await contacts.removeFromIndex(site.id, 'visitor', visitorId, contact.id);
          contact = await save({ ...owner, visitorIds: [...new Set([...owner.visitorIds, visitorId])] });
          conversationChanged = true;
        } else {
          contact = await merge(site.id, owner.id, contact.id, 'identify', true);
        }
      } else {
        contact = withIdentity(contact, 'email', input.email, true);
      }
    } else if (input.email) {
      contact = withIdentity(contact, 'email', input.email, false);
    }
    if (input.email) {
      // The address a follow-up goes to when the shopper has left the page.
      const conversationId = await visitors.conversationOf(site.id, visitorId);
      if (conversationId) await conversations.setFields(conversationId, { followupEmail: input.email });
    }
    if (phone) contact = withIdentity(contact, 'phone', phone, false);
    if (input.name) contact = { ...contact, name: input.name };
    const saved = await save(contact);
    await renameConversation(site.id, visitorId, saved.name);
    return { verified, conversationChanged };
  }

  async function setContextNow(site: Site, visitorId: string, input: { url?: string; title?: string; attributes?: Attributes }): Promise<void> {
    const contact = await forVisitor(site.id, visitorId);
    await visitors.touch(site.id, visitorId, { url: input.url, title: input.title }, now());
    // Widgets send the same attributes on every page: only a real change is saved (and reaches webhooks).
    const changed = input.attributes && Object.entries(input.attributes).some(([key, value]) => contact.attributes[key] !== value);
    if (changed) await save({ ...contact, attributes: { ...contact.attributes, ...input.attributes } });
    else notifier.contactUpdated(contact);
  }

  /** A live contact of the site (a merged id answers with its survivor); another site's looks missing. */
  async function siteContact(siteId: string, id: string): Promise<Contact> {
    const found = await resolve(id);
    if (!found || found.siteId !== siteId) throw new DomainError('not_found', 'Contact not found');
    const { mergedInto: _m, ...plain } = found;
    return plain;
  }

  /**
   * The new list of one kind of identity, for the REST API: values kept keep their verified flag, new
   * ones count as verified (the site vouches for them) and must not belong to another contact yet.
   */
  async function replaceIdentities(current: Contact, kind: 'email' | 'phone', values: string[]): Promise<Identity[]> {
    const before = kind === 'email' ? current.emails : current.phones;
    const wanted = [...new Set(kind === 'phone' ? values.map((v) => toE164(v, phoneCountry)) : values)];
    const next: Identity[] = [];
    for (const value of wanted) {
      const kept = before.find((i) => i.value === value);
      if (!kept) {
        const other = (await live(current.siteId, await contacts.findByIdentity(current.siteId, kind, value))).find((c) => c.id !== current.id);
        if (other) throw new DomainError('conflict', `Contact ${other.id} already has the ${kind} ${value}; merge the two contacts instead`);
      }
      next.push(kept ?? { value, verified: true });
    }
    return next;
  }

  async function createForApi(siteId: string, input: { name?: string; emails: string[]; phones: string[]; attributes: Attributes }): Promise<Contact> {
    const blank: Contact = { id: '', siteId, name: null, emails: [], phones: [], visitorIds: [], attributes: {}, createdAt: 0, updatedAt: 0 };
    const emails = await replaceIdentities(blank, 'email', input.emails);
    const phones = await replaceIdentities(blank, 'phone', input.phones);
    const contact = await create(siteId, { name: input.name ?? null, emails, phones, attributes: input.attributes });
    notifier.contactUpdated(contact);
    return contact;
  }

  async function updateForApi(siteId: string, id: string, patch: { name?: string | null; emails?: string[]; phones?: string[]; attributes?: Record<string, Attributes[string] | null> }): Promise<Contact> {
    const current = await siteContact(siteId, id);
    const merged = { ...current.attributes, ...patch.attributes };
    const attributes: Attributes = Object.fromEntries(Object.entries(merged).filter((e): e is [string, Attributes[string]] => e[1] !== null));
    const next: Contact = {
      ...current,
      name: patch.name === undefined ? current.name : patch.name,
      emails: patch.emails ? await replaceIdentities(current, 'email', patch.emails) : current.emails,
      phones: patch.phones ? await replaceIdentities(current, 'phone', patch.phones) : current.phones,
      attributes,
    };
    const saved = await save(next);
    for (const e of current.emails) if (!next.emails.some((n) => n.value === e.value)) await contacts.removeFromIndex(siteId, 'email', e.value, current.id);
    for (const p of current.phones) if (!next.phones.some((n) => n.value === p.value)) await contacts.removeFromIndex(siteId, 'phone', p.value, current.id);
    return saved;
  }

  /** The contact holding this email or phone (any format the caller has); null when none does. */
  async function findForApi(siteId: string, query: { email?: string; phone?: string }): Promise<Contact | null> {
    const found = query.email ? await findBy(siteId, 'email', query.email) : query.phone ? await findBy(siteId, 'phone', toE164(query.phone, phoneCountry)) : null;
    if (!found) return null;
    const { mergedInto: _m, ...plain } = found;
    return plain;
  }

  return {
    resolve,
    get: siteContact,
    findForApi,
    createForApi,
    updateForApi,
    addIdentity: (contact: Contact, kind: IdentityKind, value: string, verified: boolean) => save(withIdentity(contact, kind, value, verified)),
    addAttributes: (contact: Contact, attributes: Attributes) => save({ ...contact, attributes: { ...contact.attributes, ...attributes } }),
    findBy,
    findOrCreateBy,
    forVisitor,
    merge,

    /**
     * `Hilo.identify()`: a valid userHash makes the visitor that customer (merging the visitor's own
     * contact into theirs); without one, what the visitor typed is kept as an unverified claim.
     */
    identify(site: Site, visitorId: string, input: IdentifyInput): Promise<IdentifyResult & { conversationChanged: boolean }> {
      return perVisitor(`${site.id}:${visitorId}`, () => identifyNow(site, visitorId, input));
    },

    setContext(site: Site, visitorId: string, input: { url?: string; title?: string; attributes?: Attributes }): Promise<void> {
      return perVisitor(`${site.id}:${visitorId}`, () => setContextNow(site, visitorId, input));
    },

    /**
     * Runs `work` with the visitor's contact in the same per-visitor queue as identify, so a sign-in
     * cannot merge the contact while `work` (opening the visitor's first conversation) uses it.
     */
    withVisitorContact<T>(siteId: string, visitorId: string, work: (contact: Contact) => Promise<T>): Promise<T> {
      return perVisitor(`${siteId}:${visitorId}`, async () => work(await forVisitor(siteId, visitorId)));
    },
    async profile(siteId: string, contactId: string): Promise<ContactProfile> {
      const contact = await resolve(contactId);
      if (!contact || contact.siteId !== siteId) throw new DomainError('not_found', 'Contact not found');
      const lastVisitor = contact.visitorIds[contact.visitorIds.length - 1];
      const state = lastVisitor ? await visitors.state(siteId, lastVisitor) : null;
      const candidates = new Set<string>();
      for (const kind of ['email', 'phone'] as const) {
        for (const identity of kind === 'email' ? contact.emails : contact.phones) {
          for (const id of await contacts.findByIdentity(siteId, kind, identity.value)) if (id !== contact.id) candidates.add(id);
        }
      }
      const possibleMatches = (await live(siteId, [...candidates])).filter((c) => c.id !== contact.id);
      const { mergedInto: _m, ...plain } = contact;
      return {
        contact: plain,
        context: { url: state?.url ?? null, title: state?.title ?? null, visits: state?.visits ?? 0, lastSeenAt: state?.lastSeenAt ?? null },
        possibleMatches: possibleMatches.map(({ mergedInto: _x, ...c }) => c),
      };
    },
  };
}
