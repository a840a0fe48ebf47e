export function findElectronBinary(root: string): { path: string; reason: null } | { path: null; reason: string };
