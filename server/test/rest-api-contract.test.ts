import type { ApiTokenCreated, Contact, Conversation, Message, SessionInfo } from '@hilo/shared';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenService } from '../src/domain/api-token-service.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { createApiTokenStore } from '../src/store/api-token-store.js';
import { createSiteStore } from '../src/store/site-store.js';
import { createRateLimiter } from '../src/transport/protection/rate-limiter.js';
import { restApiSpec } from '../src/transport/http/rest/api-spec.js';
import { openApiPath, type OpenApiDocument } from '../src/transport/http/rest/openapi.js';
import { createRestRouter } from '../src/transport/http/rest/rest-router.js';
import { request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenReady, type TestRedis, type TestServer, type VisitorClient } from './harness.js';

/**
 * The OpenAPI document against the running server: every operation is called for real and its
 * answers are validated with ajv against the schemas the document gives for that status; the
 * document and the Express router list the same operations.
 */

let redis: TestRedis;
let server: TestServer;
let doc: OpenApiDocument;
let token: string;
let adminId: string;
let ajv: Ajv2020;
const sockets: VisitorClient[] = [];
/** `<method> <path template> <status>` of every answer validated. */
const validated = new Set<string>();

type JsonSchema = Record<string, unknown>;
const COMPONENTS_ID = 'https://hilo.test/openapi-components';

/** Points `#/components/schemas/X` refs at the components, registered with ajv on their own. */
function linked(schema: unknown, base: string): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${base}#/$defs/`)) as JsonSchema;
}

beforeAll(async () => {
  redis = await startTestRedis();
  // ajv compiles in this process too; its pauses must not count as the server being overloaded.
  const unlimited = { burst: 1e9, perSecond: 1e9 };
  server = await startTestServer(redis.url, { protection: { visitor: unlimited, agent: unlimited, ip: unlimited, overload: { maxLagMs: 60_000, maxRedisLatencyMs: 60_000 } } });
  const cookie = await signIn(server.url);
  adminId = ((await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as SessionInfo).agent.id;
  const created = await fetch(`${server.url}/api/api-tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"name":"Contract"}' });
  token = ((await created.json()) as ApiTokenCreated).secret;

  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDocument;
  ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: linked(doc.components.schemas, '') });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: unknown, key: string): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(linked(schema, COMPONENTS_ID));
    validators.set(key, validate);
  }
  return validate;
}

function operationOf(method: string, template: string): JsonSchema {
  const operation = doc.paths[template]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${template} is not in the document`);
  return operation;
}

interface Call {
  query?: Record<string, string>;
  body?: unknown;
  auth?: boolean;
}

/** Calls one documented operation and validates the answer against the document; returns the body. */
async function call<T>(method: string, template: string, params: Record<string, string>, { query, body, auth = true }: Call = {}): Promise<{ status: number; body: T }> {
  const operation = operationOf(method, template);
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
  const res = await fetch(`${server.url}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`, {
    method: method.toUpperCase(),
    headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await res.json()) as unknown;
  const responses = operation.responses as Record<string, { content: Record<string, { schema: unknown }> }>;
  const documented = responses[String(res.status)] ?? responses.default;
  expect(documented, `${method.toUpperCase()} ${template} answered ${res.status}, which the document does not list`).toBeDefined();
  const validate = validatorFor(documented?.content['application/json']?.schema, `${method} ${template} ${res.status}`);
  expect(validate(answer), `${method.toUpperCase()} ${template} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer).slice(0, 400)}`).toBe(true);
  validated.add(`${method} ${template} ${res.status}`);
  if (res.ok && operation.requestBody) {
    // A body the server accepted must be valid by the document too (the reverse need not hold:
    // some rules, like a phone number being real, are not expressible in JSON Schema).
    const schema = (operation.requestBody as { content: Record<string, { schema: unknown }> }).content['application/json']?.schema;
    const validRequest = validatorFor(schema, `${method} ${template} request`);
    expect(validRequest(body), `${method.toUpperCase()} ${template} request: ${ajv.errorsText(validRequest.errors)}`).toBe(true);
  }
  return { status: res.status, body: answer as T };
}

async function shopperConversation(text: string): Promise<Message> {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
  sockets.push(socket);
  await whenReady(socket);
  const sent = await request<Message>(socket, 'message:send', { clientId: uuid(), text });
  if (!sent.ok) throw new Error(sent.error.message);
  return sent.data;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** The REST router as app.ts builds it, from the route table, over the same services and Redis. */
function restRouterOfServer(): { stack: Layer[] } {
  const { contacts, timeline, conversations, workflow } = server.app.services;
  const tokens = createApiTokenService({ tokens: createApiTokenStore(server.redis), agents: createAgentStore(server.redis) });
  const operations = restApiSpec({ contacts, timeline, conversations, workflow, tokens, sites: createSiteStore(server.redis) });
  return createRestRouter({ tokens, operations, limiter: createRateLimiter(), rule: { burst: 1, perSecond: 1 }, publicUrl: 'http://127.0.0.1:1' }) as unknown as { stack: Layer[] };
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with bearer security and components ajv can compile', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['Call', 'Contact', 'Conversation', 'Error', 'Message', 'Note', 'TimelineEntry']);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.operationId, `${method} ${path}`).toEqual(expect.any(String));
        expect(ids.has(String(operation.operationId))).toBe(false);
        ids.add(String(operation.operationId));
        for (const [status, response] of Object.entries(operation.responses as Record<string, { content: Record<string, { schema: unknown }> }>)) {
          validatorFor(response.content['application/json']?.schema, `${method} ${path} ${status}`);
        }
      }
    }
  });

  it('lists exactly the operations the router mounts', () => {
    const served = restRouterOfServer()
      .stack      .filter((layer) => layer.route && layer.route.path !== '/openapi.json')
      .flatMap((layer) => Object.keys(layer.route?.methods ?? {}).map((method) => `${method} ${openApiPath(layer.route?.path ?? '')}`))
      .sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    expect(served).toEqual(documented);
    expect(documented).toHaveLength(15);
  });
});

describe('real answers match the document', () => {
  it('contacts, calls and the timeline', async () => {
    const shopperMessage = await shopperConversation('Is this in stock?');
    const conversation = (await call<{ conversation: Conversation }>('get', '/api/v1/conversations/{id}', { id: shopperMessage.conversationId })).body.conversation;
    const shopperContactId = conversation.contactId ?? '';

    const created = await call<{ contact: Contact }>('post', '/api/v1/contacts', {}, { body: { name: 'Contract Co', emails: ['contract@example.com'], phones: ['+34 611 222 333'], attributes: { plan: 'pro', seats: 5, trial: false } } });
    expect(created.status).toBe(201);
    const id = created.body.contact.id;
    expect((await call('post', '/api/v1/contacts', {}, { body: { emails: ['contract@example.com'] } })).status).toBe(409);
    expect((await call('post', '/api/v1/contacts', {}, { body: { emails: ['nope'] } })).status).toBe(400);
    expect((await call('get', '/api/v1/contacts', {}, { query: { email: 'contract@example.com' } })).status).toBe(200);
    expect((await call('get', '/api/v1/contacts', {}, { query: { phone: '+34611222333' } })).status).toBe(200);
    expect((await call('get', '/api/v1/contacts', {}, { query: {} })).status).toBe(400);
    expect((await call('get', '/api/v1/contacts/{id}', { id })).status).toBe(200);
    expect((await call('get', '/api/v1/contacts/{id}', { id: 'p_missing' })).status).toBe(404);
    expect((await call('patch', '/api/v1/contacts/{id}', { id }, { body: { name: null, attributes: { seats: null, region: 'EU' } } })).status).toBe(200);
    expect((await call('patch', '/api/v1/contacts/{id}', { id }, { body: {} })).status).toBe(400);

    const recorded = await call('post', '/api/v1/calls', {}, { body: { from: '+34611222333', to: '+34910000000', direction: 'inbound', startedAt: Date.now() - 60_000, durationSeconds: 42, outcome: 'voicemail', recordingUrl: 'https://calls.example/r/1.mp3' } });
    expect(recorded.status).toBe(201);
    expect((await call('post', '/api/v1/calls', {}, { body: { from: '+34611222333' } })).status).toBe(400);

    // The shopper's contact gains the call's contact: conversation, call and merge rows on one timeline.
    expect((await call('post', '/api/v1/contacts/{id}/merge', { id: shopperContactId }, { body: { mergeId: id } })).status).toBe(200);
    const timeline = await call<{ entries: Array<{ kind: string }> }>('get', '/api/v1/contacts/{id}/timeline', { id: shopperContactId });
    expect(timeline.body.entries.map((e) => e.kind).sort()).toEqual(['call', 'conversation', 'merge']);
    expect((await call('get', '/api/v1/contacts/{id}/timeline', { id: 'p_missing' })).status).toBe(404);
  });

  it('conversations, messages and notes', async () => {
    const { conversationId: id } = await shopperConversation('Can I change my address?');
    expect((await call('get', '/api/v1/conversations', {}, { query: { status: 'open', limit: '1' } })).status).toBe(200);
    expect((await call('get', '/api/v1/conversations', {}, { query: { limit: 'many' } })).status).toBe(400);
    expect((await call('get', '/api/v1/conversations/{id}', { id: 'c_missing' })).status).toBe(404);
    const reply = { clientId: uuid(), text: 'Sure, what is the new one?', agentId: adminId };
    expect((await call('post', '/api/v1/conversations/{id}/messages', { id }, { body: reply })).status).toBe(201);
    expect((await call('post', '/api/v1/conversations/{id}/messages', { id }, { body: { ...reply, agentId: 'a_nobody' } })).status).toBe(404);
    expect((await call('get', '/api/v1/conversations/{id}/messages', { id }, { query: { after: '0' } })).status).toBe(200);
    expect((await call('post', '/api/v1/conversations/{id}/assign', { id }, { body: { agentId: adminId } })).status).toBe(200);
    expect((await call('post', '/api/v1/conversations/{id}/notes', { id }, { body: { text: 'Address change pending', agentId: adminId } })).status).toBe(201);
    expect((await call('get', '/api/v1/conversations/{id}/notes', { id })).status).toBe(200);
    expect((await call('post', '/api/v1/conversations/{id}/resolve', { id })).status).toBe(200);
    expect((await call('post', '/api/v1/conversations/{id}/assign', { id }, { body: { agentId: null } })).status).toBe(409);
    expect((await call('get', '/api/v1/conversations', {}, { query: { status: 'resolved' } })).status).toBe(200);
  });

  it('answers 401 on every operation without a token', async () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        const params = { id: 'x_1' };
        const body = method === 'get' ? undefined : {};
        expect((await call(method, path, params, { auth: false, body })).status, `${method} ${path}`).toBe(401);
      }
    }
  });

  it('covered the success answer of every operation', () => {
    const expected = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => `${method} ${path} ${Object.keys(operation.responses as object).find((s) => s.startsWith('2'))}`),
    );
    expect(expected.filter((e) => !validated.has(e))).toEqual([]);
  });
});
