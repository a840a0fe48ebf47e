// An inventory report's server row as the companion would send it, for tests that report one.
export const inventoryServer = (systemId: string, role: 'lead' | 'shadow', name: string, ipAddress: string | null, serialNumber: string) => ({
  name,
  kind: role === 'lead' ? ('enterprise-server' as const) : ('automation-server' as const),
  model: role === 'lead' ? 'SXWSWESXXX10001' : 'SXWAUTSVR10001',
  serialNumber,
  firmwareVersion: '6.0.4',
  ipAddress,
  systemId,
  role,
});
