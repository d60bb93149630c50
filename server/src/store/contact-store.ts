import type { Attributes, Contact, Identity } from '@hilo/shared';
import type { ContactRecord, ContactRepository } from '../domain/ports.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

function json<T>(text: string | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

function toContact(raw: Record<string, string>): ContactRecord | null {
  if (!raw.id || !raw.siteId) return null;
  return {
    id: raw.id,
    siteId: raw.siteId,
    name: raw.name || null,
    emails: json<Identity[]>(raw.emails, []),
    phones: json<Identity[]>(raw.phones, []),
    visitorIds: json<string[]>(raw.visitorIds, []),
    attributes: json<Attributes>(raw.attributes, {}),
    createdAt: Number(raw.createdAt),
    updatedAt: Number(raw.updatedAt),
    mergedInto: raw.mergedInto || null,
  };
}

function fields(c: Contact): Record<string, string> {
  return {
    id: c.id,
    siteId: c.siteId,
    name: c.name ?? '',
    emails: JSON.stringify(c.emails),
    phones: JSON.stringify(c.phones),
    visitorIds: JSON.stringify(c.visitorIds),
    attributes: JSON.stringify(c.attributes),
    createdAt: String(c.createdAt),
    updatedAt: String(c.updatedAt),
  };
}

export function createContactStore(redis: RedisClient): ContactRepository {
  return {
    async create(contact) {
      await redis.hSet(keys.contact(contact.id), fields(contact));
    },
    async get(id) {
      return toContact(await redis.hGetAll(keys.contact(id)));
    },
    async save(contact) {
      await redis.hSet(keys.contact(contact.id), fields(contact));
    },
    async markMerged(id, survivorId) {
      await redis.hSet(keys.contact(id), 'mergedInto', survivorId);
    },
    async findByIdentity(siteId, kind, value) {
      return redis.sMembers(keys.contactsByIdentity(siteId, kind, value));
    },
    async addToIndex(siteId, kind, value, contactId) {
      await redis.sAdd(keys.contactsByIdentity(siteId, kind, value), contactId);
    },
    async removeFromIndex(siteId, kind, value, contactId) {
      await redis.sRem(keys.contactsByIdentity(siteId, kind, value), contactId);
    },
  };
}
