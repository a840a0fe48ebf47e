// The store's part for customers and partner access, API keys, licenses and credits
// (docs/partners.md). The SQLite engine is sqlite-partner-access.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PartnerAccessStore {}
