// Names the EWS connector and the simulator agree on. EcoStruxure Web Services is SOAP 1.1 at
// /EcoStruxure/DataExchange; the namespace below is the one EWS uses for its data-exchange service.
export const EWS_PATH = '/EcoStruxure/DataExchange';
export const EWS_NAMESPACE = 'http://www.schneider-electric.com/common/dataexchange/2011/05';
export const SOAP_ENV_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';

export const EWS_OPERATIONS = ['GetWebServiceInformation', 'GetContainerItems', 'GetValues', 'SetValues'] as const;
export type EwsOperation = (typeof EWS_OPERATIONS)[number];

/**
 * The registration items a server holds, read with GetValues and written with SetValues. The
 * simulator models them; on a real site they are where the connector's registration source points.
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
