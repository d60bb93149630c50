import { callRecordSchema, restCallBodySchema } from '@hilo/shared';
import { DomainError } from '../../../domain/errors.js';
import type { SiteRepository } from '../../../domain/ports.js';
import type { TimelineService } from '../../../domain/timeline-service.js';
import { operation, type RestOperation } from './operation.js';

export interface CallOperationDeps {
  timeline: TimelineService;
  sites: Pick<SiteRepository, 'findById'>;
}

/** `/api/v1/calls`: the same call record the telephony endpoint (`POST /api/calls`) takes. */
export function callOperations({ timeline, sites }: CallOperationDeps): RestOperation[] {
  return [
    operation({
      method: 'post',
      path: '/calls',
      operationId: 'recordCall',
      tag: 'Calls',
      summary: 'Record a phone call',
      description: "The call lands on the timeline of the contact with the customer's number (`from` when inbound, `to` when outbound); a contact is made when none has it.",
      body: callRecordSchema,
      status: 201,
      response: restCallBodySchema,
      errors: ['bad_request'],
      handler: async ({ caller, body }) => {
        const site = await sites.findById(caller.siteId);
        // A token outliving its site is a token of nothing.
        if (!site) throw new DomainError('unauthorized', 'Unknown or revoked API token');
        return { call: await timeline.recordCall(site, body) };
      },
    }),
  ];
}
