// What a registration came to, said the same way online and offline (the request card, the online
// result): built here from the view's fields, so it reads in the chosen language with its dates.
import type { Messages } from '../types.js';

const en = {
  offline: {
    pending: 'Waiting for the Registration code for request {{id}}, made on {{date}}.',
    cancelled: 'Request {{id}} was cancelled or replaced by a newer request.',
    registered: 'Registered offline on {{date}}, {{how}}; {{written}}.',
    associated: 'New System ID {{id}} associated offline on {{date}}, {{how}}; {{written}}.',
    viaCode: 'code {{code}}',
    viaToken: 'signed token, serial {{serial}}',
  },
  online: {
    registered: 'Registered online on {{date}}; {{written}}.',
    associated: 'New System ID {{id}} associated online (was {{old}}) on {{date}}; {{written}}.',
  },
  written: {
    all_one: 'written to the server',
    all_other: 'written to all {{count}} servers',
    some_one: 'written to {{done}} of {{count}} server',
    some_other: 'written to {{done}} of {{count}} servers',
    failed_one: '; {{count}} failed and can be retried',
    failed_other: '; {{count}} failed and can be retried',
    retrying: '; the rest are being retried',
  },
};

export const resultsMessages: { en: typeof en; fr: Messages<typeof en>; de: Messages<typeof en> } = {
  en,
  fr: {
    offline: {
      pending: 'En attente du code d’enregistrement pour la demande {{id}}, faite le {{date}}.',
      cancelled: 'La demande {{id}} a été annulée ou remplacée par une demande plus récente.',
      registered: 'Enregistré hors ligne le {{date}}, {{how}} ; {{written}}.',
      associated: 'Nouvel ID système {{id}} associé hors ligne le {{date}}, {{how}} ; {{written}}.',
      viaCode: 'code {{code}}',
      viaToken: 'jeton signé, numéro {{serial}}',
    },
    online: {
      registered: 'Enregistré en ligne le {{date}} ; {{written}}.',
      associated: 'Nouvel ID système {{id}} associé en ligne (auparavant {{old}}) le {{date}} ; {{written}}.',
    },
    written: {
      all_one: 'écrit sur le serveur',
      all_other: 'écrit sur les {{count}} serveurs',
      some_one: 'écrit sur {{done}} serveur sur {{count}}',
      some_other: 'écrit sur {{done}} serveurs sur {{count}}',
      failed_one: ' ; {{count}} a échoué et peut être réessayé',
      failed_other: ' ; {{count}} ont échoué et peuvent être réessayés',
      retrying: ' ; les autres sont réessayés',
    },
  },
  de: {
    offline: {
      pending: 'Warten auf den Registrierungscode für Anforderung {{id}} vom {{date}}.',
      cancelled: 'Anforderung {{id}} wurde abgebrochen oder durch eine neuere ersetzt.',
      registered: 'Offline registriert am {{date}}, {{how}}; {{written}}.',
      associated: 'Neue System-ID {{id}} offline zugeordnet am {{date}}, {{how}}; {{written}}.',
      viaCode: 'Code {{code}}',
      viaToken: 'signiertes Token, Seriennummer {{serial}}',
    },
    online: {
      registered: 'Online registriert am {{date}}; {{written}}.',
      associated: 'Neue System-ID {{id}} online zugeordnet (vorher {{old}}) am {{date}}; {{written}}.',
    },
    written: {
      all_one: 'auf den Server geschrieben',
      all_other: 'auf alle {{count}} Server geschrieben',
      some_one: 'auf {{done}} von {{count}} Server geschrieben',
      some_other: 'auf {{done}} von {{count}} Servern geschrieben',
      failed_one: '; {{count}} fehlgeschlagen, kann erneut versucht werden',
      failed_other: '; {{count}} fehlgeschlagen, können erneut versucht werden',
      retrying: '; die übrigen werden erneut versucht',
    },
  },
};
