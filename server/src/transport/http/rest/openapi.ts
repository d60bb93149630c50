import { HTTP_STATUS, idSchema, restApiRegistry, restErrorSchema, type ErrorCode } from '@hilo/shared';
import { z } from 'zod';
import { REST_BASE } from './api-spec.js';
import type { RestOperation } from './operation.js';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, JsonSchema>>;
  components: { securitySchemes: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };
}

/** Every operation can also answer these: no or a revoked token, over the token's rate, storage trouble. */
const ALWAYS: readonly ErrorCode[] = ['unauthorized', 'rate_limited'];

const ERROR_TEXT: Record<ErrorCode, string> = {
  bad_request: 'Invalid input; `message` says which field and why',
  unauthorized: 'Missing, unknown or revoked API token',
  forbidden: 'Not allowed',
  not_found: "No such resource on the token's site (another site's ids look the same)",
  conflict: 'The change conflicts with the current state; `message` says how to resolve it',
  rate_limited: "Over the token's rate limit; wait `retryAfterMs` (also in Retry-After) and retry",
  unavailable: 'Temporarily unavailable; retry shortly',
  internal: 'Unexpected error',
};

/** Express `/contacts/:id` → OpenAPI `/api/v1/contacts/{id}`. */
export const openApiPath = (path: string): string => REST_BASE + path.replace(/:(\w+)/g, '{$1}');

/**
 * Converts with zod's own JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1). Schemas the
 * shared registry names (Contact, Conversation…) become `components/schemas` and are referenced.
 */
function converter(components: Record<string, JsonSchema>) {
  return (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, metadata: restApiRegistry, target: 'draft-2020-12' }) as JsonSchema;
    const toComponents = (value: unknown): JsonSchema => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) components[id] = toComponents(def);
    return toComponents(json);
  };
}

function queryParameters(schema: JsonSchema): JsonSchema[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.includes(name), schema: property }));
}

function describeOperation(op: RestOperation, convert: ReturnType<typeof converter>): JsonSchema {
  const idJson = convert(idSchema, 'input');
  const parameters = [
    ...op.pathParams.map((name) => ({ name, in: 'path', required: true, schema: idJson })),
    ...(op.query ? queryParameters(convert(op.query, 'input')) : []),
  ];
  const errorContent = { 'application/json': { schema: convert(restErrorSchema, 'output') } };
  const responses: Record<string, JsonSchema> = {
    [String(op.status)]: { description: op.status === 201 ? 'Created' : 'OK', content: { 'application/json': { schema: convert(op.response, 'output') } } },
  };
  for (const code of [...op.errors, ...ALWAYS]) responses[String(HTTP_STATUS[code])] = { description: ERROR_TEXT[code], content: errorContent };
  responses.default = { description: 'Temporarily unavailable (503, retry shortly) or an unexpected error (500)', content: errorContent };
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: convert(op.body, 'input') } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the route table, built once at start-up from the operations' schemas. */
export function buildOpenApiDocument(operations: RestOperation[], serverUrl: string): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  const convert = converter(schemas);
  const paths: OpenApiDocument['paths'] = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    const item = (paths[path] ??= {});
    if (item[op.method]) throw new Error(`Two REST operations for ${op.method.toUpperCase()} ${path}`);
    item[op.method] = describeOperation(op, convert);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hilo REST API',
      version: '1',
      description:
        "Contacts, conversations, messages, notes and calls of one site. Authenticate with a site API token (`Authorization: Bearer hilo_…`), created by an admin in the console's Settings → API tokens. Timestamps are milliseconds since the Unix epoch. Errors answer `{ error: { code, message } }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Contacts', description: 'Customers across every channel' },
      { name: 'Conversations', description: 'Chat, email and phone conversations, their messages and internal notes' },
      { name: 'Calls', description: 'Phone calls on customers’ timelines' },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A site API token: `hilo_` followed by 43 characters' } },
      schemas,
    },
  };
}
