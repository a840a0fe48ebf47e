// Partner organizations: Partner IDs, co-workers, customers and partner access, licenses.
import { area } from '../area.js';

export const partners = area(
  {
    idAsText: 'Give the Partner ID as text.',
    idEmpty: 'Enter a Partner ID: upper-case letters, digits and underscores.',
    idTooLong: 'A Partner ID is at most {{max}} characters.',
    idCharacters: 'A Partner ID can include upper-case letters (A to Z), digits and underscores only.',
  },
  {
    idAsText: 'Indiquez l’ID partenaire sous forme de texte.',
    idEmpty: 'Saisissez un ID partenaire : lettres majuscules, chiffres et traits de soulignement.',
    idTooLong: 'Un ID partenaire compte au plus {{max}} caractères.',
    idCharacters: 'Un ID partenaire ne peut contenir que des lettres majuscules (A à Z), des chiffres et des traits de soulignement.',
  },
  {
    idAsText: 'Geben Sie die Partner-ID als Text an.',
    idEmpty: 'Geben Sie eine Partner-ID ein: Großbuchstaben, Ziffern und Unterstriche.',
    idTooLong: 'Eine Partner-ID hat höchstens {{max}} Zeichen.',
    idCharacters: 'Eine Partner-ID darf nur Großbuchstaben (A bis Z), Ziffern und Unterstriche enthalten.',
  },
);
