// The OpenAPI 3.1 document of the portal, made from the same route table and zod schemas the
// portal validates with, so it cannot drift from what the portal does.
import { z } from 'zod';
import { portalRoutes, type PortalRoute } from '../../shared/portal/api.js';
import { PortalError } from '../../shared/portal/errors.js';
import { DEFAULT_BODY_LIMIT, sizeText } from './limits.js';

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** Each query parameter with its own schema (as sent: text), required unless it may be left out. */
function queryParameters(query: z.ZodType | undefined) {
  if (!query) return [];
  const { properties = {}, required = [] } = schema(query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.includes(name), schema: s }));
}

export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { description: 'Refused; `error.code` says why, `error.issues` which fields', content: { 'application/json': { schema: schema(PortalError, 'output') } } };
  for (const [name, route] of Object.entries(portalRoutes) as [string, PortalRoute][]) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...(route.params ? Object.keys((route.params as z.ZodObject).shape).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } })) : []),
      ...queryParameters(route.query),
    ];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: name,
      summary: route.summary,
      ...(route.auth === 'public' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
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
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'BMS Registration Portal', version },
    components: { securitySchemes: { session: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/v1/sessions' } } },
    security: [{ session: [] }],
    paths,
  };
}
