// The transport-neutral half of both hosts: validate a call's name and input against the
// contract, run the handler, and turn every outcome into a Result. Electron IPC and the
// browser-mode WebSocket each only move these Results.
import type { z } from 'zod';
import { isCallName } from '../../shared/contract/names.js';
import { fail, ok, ServiceError, type FieldIssue, type Result } from '../../shared/contract/result.js';
import { callSchemas } from '../../shared/contract/schemas.js';
import type { Handlers } from '../services/index.js';
import { clip } from '../../shared/text.js';

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>;

/** The issues of a refused input, bounded: a huge input (every key unknown) must not come back at length. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const issues = error.issues.slice(0, 20).map((issue) => ({ path: clip(issue.path.map(String).join('.'), 200), message: clip(issue.message, 300) }));
  if (error.issues.length > 20) issues.push({ path: '', message: `…and ${error.issues.length - 20} more problems.` });
  return issues;
}

export function createDispatcher(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (name, input) => {
    if (!isCallName(name)) return fail('unknown_call', `There is no call named ${JSON.stringify(String(name)).slice(0, 80)}.`);
    const schema = callSchemas[name];
    const parsed = schema.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return fail('invalid_input', `${name}: ${summary}`, issues);
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = schema.output.safeParse(value);
      if (!checked.success) {
        log(`[dispatch] ${name} returned output that breaks the contract: ${checked.error.message}`);
        return fail('internal', `${name} produced an answer the app does not understand. This is a bug; please report it.`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof ServiceError) return fail(error.code, error.message, error.issues);
      log(`[dispatch] ${name} failed: ${(error as Error).stack ?? String(error)}`);
      return fail('internal', `${name} failed unexpectedly: ${(error as Error).message}`);
    }
  };
}
