// Sentences several parts say alike.
import { area } from '../area.js';

export const common = area(
  {
    notInLastRead: 'No server at {{address}} in the last read of the site. Read the site again.',
    // Something other than a server's answer went wrong (a bug, most likely): its own message follows.
    unexpectedError: 'Unexpected error: {{error}}',
  },
  {
    notInLastRead: 'Aucun serveur à l’adresse {{address}} dans la dernière lecture du site. Relisez le site.',
    unexpectedError: 'Erreur inattendue : {{error}}',
  },
  {
    notInLastRead: 'Kein Server unter {{address}} im letzten Einlesen des Standorts. Lesen Sie den Standort erneut ein.',
    unexpectedError: 'Unerwarteter Fehler: {{error}}',
  },
);
