// The OpenAPI 3.1 document of the portal, made from the same route table and zod schemas the
// portal validates with, so it cannot drift from what the portal does.
import { z } from 'zod';
import { portalRoutes, type PortalRoute } from '../../shared/portal/api.js';
import { PortalError } from '../../shared/portal/errors.js';

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });

export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { description: 'Refused; `error.code` says why, `error.issues` which fields', content: { 'application/json': { schema: schema(PortalError, 'output') } } };
  for (const [name, route] of Object.entries(portalRoutes) as [string, PortalRoute][]) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters = route.params
      ? Object.keys((route.params as z.ZodObject).shape).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } }))
      : [];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: name,
      summary: route.summary,
      ...(route.auth === 'public' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(route.body, 'input') } } } } : {}),
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
