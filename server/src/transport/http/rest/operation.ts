import type { ErrorCode } from '@hilo/shared';
import { idSchema } from '@hilo/shared';
import { z } from 'zod';
import type { ApiCaller } from '../../../domain/api-token-service.js';

export type RestMethod = 'get' | 'post' | 'patch' | 'delete';
export type RestTag = 'Contacts' | 'Conversations' | 'Calls';

/** `/contacts/:id/merge` → `{ id: string }`. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface OperationSpec<Path extends string, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends z.ZodType> {
  method: RestMethod;
  /** Express syntax under `/api/v1`; every `:param` is an id. */
  path: Path;
  operationId: string;
  tag: RestTag;
  summary: string;
  description?: string;
  query?: Q;
  body?: B;
  status: 200 | 201;
  /** What the answer is serialised through; also its schema in the OpenAPI document. */
  response: R;
  /** Error codes this operation answers with, besides those every operation can (401, 429, 5xx). */
  errors: readonly ErrorCode[];
  handler(request: { caller: ApiCaller; params: PathParams<Path>; query: Parsed<Q>; body: Parsed<B> }): Promise<z.input<R>>;
}

/** One row of the route table: the router mounts it and the OpenAPI document describes it. */
export interface RestOperation {
  method: RestMethod;
  path: string;
  operationId: string;
  tag: RestTag;
  summary: string;
  description: string | undefined;
  pathParams: string[];
  query: z.ZodType | undefined;
  body: z.ZodType | undefined;
  status: 200 | 201;
  response: z.ZodType;
  errors: readonly ErrorCode[];
  /** Validates params, query and body (ZodError → 400), runs the handler, serialises the answer. */
  run(caller: ApiCaller, raw: { params: Record<string, string>; query: unknown; body: unknown }): Promise<unknown>;
}

/** Declares an operation with its schemas; the handler sees the parsed, typed input. */
export function operation<Path extends string, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType = z.ZodType>(
  spec: OperationSpec<Path, Q, B, R>,
): RestOperation {
  const pathParams = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const paramsSchema = z.object(Object.fromEntries(pathParams.map((name) => [name, idSchema])));
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    tag: spec.tag,
    summary: spec.summary,
    description: spec.description,
    pathParams,
    query: spec.query,
    body: spec.body,
    status: spec.status,
    response: spec.response,
    errors: spec.errors,
    async run(caller, raw) {
      const input = {
        caller,
        params: paramsSchema.parse(raw.params),
        query: spec.query?.parse(raw.query ?? {}),
        body: spec.body?.parse(raw.body ?? {}),
      };
      // The schemas just parsed are the ones the spec's types come from; TypeScript cannot follow that
      // through the optional generics, so the link is restated here, once.
      const result = await spec.handler(input as Parameters<typeof spec.handler>[0]);
      return spec.response.parse(result);
    },
  };
}
