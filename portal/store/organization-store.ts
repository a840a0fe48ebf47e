// The store's part for organizations, their people, Partner IDs and co-worker invitations
// (docs/partners.md). The SQLite engine is sqlite-organizations.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrganizationStore {}
