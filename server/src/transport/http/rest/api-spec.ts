import { callOperations, type CallOperationDeps } from './calls.js';
import { contactOperations, type ContactOperationDeps } from './contacts.js';
import { conversationOperations, type ConversationOperationDeps } from './conversations.js';
import type { RestOperation } from './operation.js';

export type RestApiDeps = ContactOperationDeps & ConversationOperationDeps & CallOperationDeps;

/** Every operation lives under this path; `RestOperation.path` is relative to it. */
export const REST_BASE = '/api/v1';

/**
 * The route table of the REST API, in one place: the router mounts exactly these operations and the
 * OpenAPI document describes exactly these, from the same schemas, so the two cannot drift apart.
 */
export function restApiSpec(deps: RestApiDeps): RestOperation[] {
  return [...contactOperations(deps), ...conversationOperations(deps), ...callOperations(deps)];
}
