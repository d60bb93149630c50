import {
  restContactBodySchema,
  restContactCreateSchema,
  restContactFindSchema,
  restContactListBodySchema,
  restContactMergeSchema,
  restContactUpdateSchema,
  restTimelineBodySchema,
} from '@hilo/shared';
import type { ContactService } from '../../../domain/contact-service.js';
import { DomainError } from '../../../domain/errors.js';
import type { TimelineService } from '../../../domain/timeline-service.js';
import { operation, type RestOperation } from './operation.js';

export interface ContactOperationDeps {
  contacts: ContactService;
  timeline: TimelineService;
}

/** `/api/v1/contacts`: create, find, read, update, merge, and the cross-channel timeline. */
export function contactOperations({ contacts, timeline }: ContactOperationDeps): RestOperation[] {
  return [
    operation({
      method: 'post',
      path: '/contacts',
      operationId: 'createContact',
      tag: 'Contacts',
      summary: 'Create a contact',
      description: 'Emails and phones given here count as verified (the site vouches for them). One already held by another contact is a 409: find that contact, update or merge it instead.',
      body: restContactCreateSchema,
      status: 201,
      response: restContactBodySchema,
      errors: ['bad_request', 'conflict'],
      handler: async ({ caller, body }) => ({ contact: await contacts.createForApi(caller.siteId, body) }),
    }),
    operation({
      method: 'get',
      path: '/contacts',
      operationId: 'findContacts',
      tag: 'Contacts',
      summary: 'Find the contact with an email or a phone',
      description: 'Give exactly one of `email` and `phone` (any format; it is normalised to E.164). Answers an empty list when nobody has it.',
      query: restContactFindSchema,
      status: 200,
      response: restContactListBodySchema,
      errors: ['bad_request'],
      handler: async ({ caller, query }) => {
        const found = await contacts.findForApi(caller.siteId, query);
        return { contacts: found ? [found] : [] };
      },
    }),
    operation({
      method: 'get',
      path: '/contacts/:id',
      operationId: 'getContact',
      tag: 'Contacts',
      summary: 'Read a contact',
      description: 'The id of a contact that was merged away answers with the contact it was merged into.',
      status: 200,
      response: restContactBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params }) => ({ contact: await contacts.get(caller.siteId, params.id) }),
    }),
    operation({
      method: 'patch',
      path: '/contacts/:id',
      operationId: 'updateContact',
      tag: 'Contacts',
      summary: 'Update a contact',
      description: '`emails` and `phones` replace the lists (values kept keep their verified flag); `attributes` are merged in and an attribute set to null is removed; `name: null` clears the name.',
      body: restContactUpdateSchema,
      status: 200,
      response: restContactBodySchema,
      errors: ['bad_request', 'not_found', 'conflict'],
      handler: async ({ caller, params, body }) => ({ contact: await contacts.updateForApi(caller.siteId, params.id, body) }),
    }),
    operation({
      method: 'post',
      path: '/contacts/:id/merge',
      operationId: 'mergeContacts',
      tag: 'Contacts',
      summary: 'Merge another contact into this one',
      description: 'Conversations, calls and notes of `mergeId` move to `{id}`, which keeps its id; `mergeId` then answers as `{id}`.',
      body: restContactMergeSchema,
      status: 200,
      response: restContactBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params, body }) => {
        if (body.mergeId === params.id) throw new DomainError('bad_request', 'A contact cannot be merged into itself');
        return { contact: await contacts.merge(caller.siteId, params.id, body.mergeId, `${caller.tokenName} (API)`, false) };
      },
    }),
    operation({
      method: 'get',
      path: '/contacts/:id/timeline',
      operationId: 'getContactTimeline',
      tag: 'Contacts',
      summary: "A contact's timeline across channels",
      description: 'Conversations (with their latest messages), emails, calls, notes and merges, newest first (at most 100 rows).',
      status: 200,
      response: restTimelineBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params }) => ({ entries: await timeline.list(caller.siteId, params.id) }),
    }),
  ];
}
