// Request body limits: the portal's default, and how a limit is said in messages and the API document.

/** Every route's body limit unless the route table gives its own (shared/portal/api.ts bodyLimit). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const MIB = 1024 * 1024;

export const sizeText = (bytes: number) => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${Math.round(bytes / 1024)} KiB`);
