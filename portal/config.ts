// The portal's configuration: defaults, then a JSON file (--config or PORTAL_CONFIG), then
// environment variables. Every value is checked; a bad one stops the start with a message
// that names it.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const PortalConfig = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8443),
  dataDir: z.string().min(1).default('.data/portal'),
});
export type PortalConfig = z.infer<typeof PortalConfig>;

const ENV: Record<string, keyof PortalConfig> = {
  PORTAL_HOST: 'host',
  PORTAL_PORT: 'port',
  PORTAL_DATA_DIR: 'dataDir',
};

export function loadPortalConfig(options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<Record<keyof PortalConfig, unknown>> } = {}): PortalConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PORTAL_CONFIG;
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`Cannot read the portal configuration file ${file}: ${(error as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) if (env[name] !== undefined) fromEnv[key] = env[name];
  const merged = { ...fromFile, ...fromEnv, ...options.overrides };
  const parsed = PortalConfig.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new Error(`The portal configuration is not valid:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
