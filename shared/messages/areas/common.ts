// Sentences several parts say alike.
import { area } from '../area.js';

export const common = area(
  {
    notInLastRead: 'No server at {{address}} in the last read of the site. Read the site again.',
  },
  {
    notInLastRead: 'Aucun serveur à l’adresse {{address}} dans la dernière lecture du site. Relisez le site.',
  },
  {
    notInLastRead: 'Kein Server unter {{address}} im letzten Einlesen des Standorts. Lesen Sie den Standort erneut ein.',
  },
);
