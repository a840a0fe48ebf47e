// Names the EWS connector and the simulator agree on, as real EcoStruxure servers speak them
// (the team's EWS fact sheet, kept outside this repository; docs/ews-servers.md gives
// what is relied on): the DataExchange endpoint, its namespaces, SOAP 1.1 and 1.2, action URIs
// (operation + "In"), and fault names. Parse by namespace and local name, never by prefix.
export const EWS_PATH = '/EcoStruxure/DataExchange';
export const EWS_NAMESPACE = 'http://www.schneider-electric.com/common/dataexchange/2011/05';
export const EWS_FAULT_NAMESPACE = `${EWS_NAMESPACE}/DataExchangeInterface/Fault`;
/** The `version` attribute EBO clients send on every request element (fact sheet 1.5). */
export const EWS_VERSION = '1.2';

export type SoapVersion = '1.1' | '1.2';
export const SOAP_ENVELOPE_NAMESPACES: Record<SoapVersion, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};
/** SOAP 1.1 goes as text/xml with a SOAPAction header; SOAP 1.2 as application/soap+xml; action="...". */
export const SOAP_CONTENT_TYPES: Record<SoapVersion, string> = { '1.1': 'text/xml', '1.2': 'application/soap+xml' };

export function soapVersionOfNamespace(namespace: string): SoapVersion | null {
  return namespace === SOAP_ENVELOPE_NAMESPACES['1.1'] ? '1.1' : namespace === SOAP_ENVELOPE_NAMESPACES['1.2'] ? '1.2' : null;
}

/** The 22 DataExchange operations of EWS 1.2 (fact sheet 1.4). */
export const EWS_ALL_OPERATIONS = [
  'GetWebServiceInformation', 'GetContainerItems', 'GetItems', 'GetValues', 'SetValues', 'GetHistory', 'GetAlarmEvents',
  'GetUpdatedAlarmEvents', 'AcknowledgeAlarmEvents', 'GetAlarmEventTypes', 'Subscribe', 'ForceValues', 'GetEnums',
  'GetAlarmHistory', 'GetHierarchicalInformation', 'GetHistoricalDataAggregation', 'Unsubscribe', 'Renew',
  'GetNotification', 'GetSystemEvents', 'GetSystemEventTypes', 'UnforceValues',
] as const;
export type EwsAnyOperation = (typeof EWS_ALL_OPERATIONS)[number];

/** Subscribe, Unsubscribe and Renew are sent bare; every other request element ends in "Request". */
const BARE = new Set<string>(['Subscribe', 'Unsubscribe', 'Renew']);
export const requestElementOf = (operation: string) => (BARE.has(operation) ? operation : `${operation}Request`);
export const responseElementOf = (operation: string) => `${operation}Response`;

export function operationOfRequestElement(localName: string): EwsAnyOperation | null {
  const name = BARE.has(localName) ? localName : localName.endsWith('Request') ? localName.slice(0, -'Request'.length) : null;
  return name && (EWS_ALL_OPERATIONS as readonly string[]).includes(name) && requestElementOf(name) === localName ? (name as EwsAnyOperation) : null;
}

/** The action URI of a request: namespace + "/" + operation + "In" (fact sheet 1.4). */
export const actionOf = (operation: string) => `${EWS_NAMESPACE}/${operation}In`;

/** Whole-request faults: reason text as servers send it, detail element `Fault_<Name>` (fact sheet 4). */
export const EWS_FAULTS = {
  Operation_Not_Supported: 'OPERATION_NOT_SUPPORTED',
  Permission_Denied: 'PERMISSION_DENIED',
  TimeOut: 'TIMEOUT',
  Missing_Id_List: 'MISSING_ID_LIST',
  Missing_Value_List: 'MISSING_VALUE_LIST',
  InvalidRequest: 'INVALID_REQUEST',
} as const;
export type EwsFaultName = keyof typeof EWS_FAULTS;

/** The per-Id problem servers report in ErrorResults instead of a fault. */
export const INVALID_ID = 'INVALID_ID';

/**
 * The registration items a server holds, read with GetValues and written with SetValues. Where a
 * real server keeps its registration is not public (fact sheet 8): these Ids are the project's own,
 * modelled by the simulator, and only the EWS connector knows them.
 */
export const REGISTRATION_ITEM_IDS = {
  state: '/System/Registration/State',
  method: '/System/Registration/Method',
  code: '/System/Registration/Code',
  organization: '/System/Registration/Organization',
  siteName: '/System/Registration/SiteName',
  registeredAt: '/System/Registration/RegisteredAt',
  leadSystemId: '/System/Registration/LeadSystemId',
} as const;

/**
 * How a parent names the servers attached to it (docs/ews-servers.md): child containers of Type
 * "server", directly below its root or in a folder of this name, each with a value item of the
 * name below holding the address the parent reaches it at.
 */
export const SERVERS_FOLDER_NAME = 'Servers';
export const SERVER_ADDRESS_ITEM_NAME = 'Address';
export const CONTAINER_TYPE_SERVER = 'server';
export const CONTAINER_TYPE_FOLDER = 'folder';
