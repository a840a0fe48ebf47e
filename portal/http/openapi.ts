// The OpenAPI 3.1 document of the portal, made from the same route table and zod schemas the
// portal validates with, so it cannot drift from what the portal does.
import { z } from 'zod';
import { portalRoutes, type PortalRoute } from '../../shared/portal/api.js';
import { PortalError } from '../../shared/portal/errors.js';
import { DEFAULT_BODY_LIMIT, sizeText } from './limits.js';

/** A schema object of the document: JSON Schema 2020-12 (OpenAPI 3.1's dialect), without a `$schema` of its own. */
function schema(s: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return rest;
}

/**
 * Each path or query parameter with its own schema as sent (text: its pattern, lengths and
 * description kept), required unless it may be left out; path parameters always are.
 */
function parameters(of: z.ZodType | undefined, where: 'path' | 'query') {
  if (!of) return [];
  const { properties = {}, required = [] } = schema(of, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(properties).map(([name, { description, ...s }]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: s,
  }));
}

export interface OpenApiOptions {
  /** Where the portal is reached from outside (its public URL); without it the document's own origin. */
  publicUrl?: string | undefined;
}

export function openApiDocument(version: string, { publicUrl }: OpenApiOptions = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { description: 'Refused; `error.code` says why, `error.issues` which fields', content: { 'application/json': { schema: schema(PortalError, 'output') } } };
  for (const [name, route] of Object.entries(portalRoutes) as [string, PortalRoute][]) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const routeParameters = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: name,
      summary: route.summary,
      ...(route.auth === 'public' ? { security: [] } : route.auth === 'api-key' ? { security: [{ apiKey: [] }] } : {}),
      ...(routeParameters.length ? { parameters: routeParameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              description: `JSON, at most ${sizeText(route.bodyLimit ?? DEFAULT_BODY_LIMIT)} (larger: 413)`,
              content: { 'application/json': { schema: schema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.status ?? 200)]: { description: 'Done', content: { 'application/json': { schema: schema(route.response, 'output') } } },
        '4XX': error,
        '5XX': {
          ...error,
          description: 'Not carried out: `unavailable` (503, with Retry-After) when the portal cannot reach its database just now, else `internal` (500)',
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'BMS Registration Portal',
      version,
      // The repository grants no licence (package.json is private): say so rather than name one.
      license: { name: 'Proprietary: no licence is granted', identifier: 'LicenseRef-Proprietary' },
    },
    // A relative URL means the host that served this document.
    servers: [{ url: publicUrl ? publicUrl.replace(/\/+$/, '') : '/' }],
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/v1/sessions' },
        apiKey: { type: 'http', scheme: 'bearer', description: "A partner's API key for one customer (bmsk_...), from POST /api/v1/customers/{customerId}/api-keys" },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}
