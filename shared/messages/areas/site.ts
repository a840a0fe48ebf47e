// What main says about the site (main/services/site, store, secrets): refusals on the Site screen,
// what a read could not learn from a server (its note), why a server was not read this time or left
// the site, notices on a server, and the warning before a registration is overwritten.
//
// Vocabulary, as the Site screen has it (renderer/src/i18n/areas/site.ts): System ID is "ID
// système" / "System-ID"; lead is "serveur principal" / "führender Server"; shadow is "serveur
// Shadow" / "Shadow-Server"; site is "site" / "Standort"; a read of the site is "lecture" /
// "Einlesen"; associate again is "réassocier" / "neu zuordnen".
import { area } from '../area.js';

export const site = area(
  {
    // The connection (site-service.ts, connection-store.ts).
    passwordWithoutUser: 'Enter the user name that goes with the password.',
    credentialsTwice: '{{address}} has credentials twice; keep one.',
    oneMoreProblem: '…and 1 more problem.',
    // n is the number as English writes it (1,234).
    moreProblems: '…and {{n}} more problems.',
    enterPasswordFor: 'Enter a password for {{address}}.',
    readUnderWay: 'A read of the site is already under way; wait for it or cancel it.',
    addressesFirst: 'Enter the site’s server addresses first (Connection).',

    // Certificates (site-service.ts).
    fetchCertificateFirst: 'Fetch the certificate of {{hostPort}} first, and check its fingerprint.',
    fingerprintMismatch: 'The fingerprint does not match the certificate fetched; fetch it again and check.',
    noTrustedCertificate: 'No trusted certificate for {{hostPort}}.',

    // Lead and shadow (site-service.ts): the warning before a shadow's own registration is
    // overwritten, one sentence per way it was registered.
    overwrite: "{{name}} is registered on its own to {{who}}. As a shadow of {{lead}} it will carry {{lead}}'s registration instead, and its own registration will be overwritten.",
    overwriteOnline:
      "{{name}} is registered on its own to {{who}} (online). As a shadow of {{lead}} it will carry {{lead}}'s registration instead, and its own registration will be overwritten.",
    overwriteOffline:
      "{{name}} is registered on its own to {{who}} (offline). As a shadow of {{lead}} it will carry {{lead}}'s registration instead, and its own registration will be overwritten.",
    overwriteOnlineCode:
      "{{name}} is registered on its own to {{who}} (online, code {{code}}). As a shadow of {{lead}} it will carry {{lead}}'s registration instead, and its own registration will be overwritten.",
    overwriteOfflineCode:
      "{{name}} is registered on its own to {{who}} (offline, code {{code}}). As a shadow of {{lead}} it will carry {{lead}}'s registration instead, and its own registration will be overwritten.",
    // Who a registration is to, when it names no organization or site.
    ownRegistration: 'its own registration',
    confirmToGoAhead: '{{warning}} Confirm to go ahead.',
    noOverride: 'This server has no relationship set up by you; it follows the site’s hierarchy.',

    // A read (discovery.ts): what it could not learn from a server.
    childrenNotListed: 'The servers attached to it could not be listed: {{error}}',
    registrationNotRead: 'Its registration could not be read: {{error}}',
    unplacedOne: 'It lists {{names}} without saying where that server answers: add its address to the server addresses.',
    unplacedMany: 'It lists {{names}} without saying where they answer: add their addresses to the server addresses.',
    namesAndMore_one: '{{names}} and 1 more',
    namesAndMore_other: '{{names}} and {{count}} more',

    // The stored site (site-store.ts): why a server left, notices, why it was not read.
    noLongerListed: '{{parent}} no longer lists it.',
    takenOff: 'It was taken off the server addresses.',
    parentRemoved: 'It was attached to {{parent}}, which was removed.',
    ownRegistrationNotice: "Holds a registration of its own ({{registration}}) from before it became a shadow; its lead's registration will overwrite it.",
    // What the notice says of a registration that names no organization, site or code.
    registered: 'registered',
    newIdLead: 'New System ID (it was {{previous}}): its database was wiped or it was replaced. It held no registration, so there is nothing to re-associate: register it.',
    newIdShadow:
      "New System ID (it was {{previous}}): its database was wiped or it was replaced. It held no registration, so there is nothing to re-associate: it gets its lead's registration when the lead is registered.",
    keepsKnown: 'it keeps what was known from {{date}}',
    notReadParentFailed: 'Not read: {{parent}} could not be read ({{reason}}); {{since}}.',
    // The parent is its name, followed by its read note in brackets when it has one.
    notReadThrough: 'Not read: it could not be reached through {{parent}}; {{since}}.',
    notReadCancelled: 'Not read: the last read was cancelled before it; {{since}}.',
    notReadLast: 'Not read in the last read; {{since}}.',

    // Secrets (secret-box.ts).
    keyFileWrong: '{{file}} is not a key this app wrote (wrong length). Move it away to start with new secrets; saved passwords must then be entered again.',
    notSealedHere: 'This secret was not sealed by this app.',
  },
  {
    passwordWithoutUser: 'Saisissez le nom d’utilisateur qui va avec le mot de passe.',
    credentialsTwice: '{{address}} a des identifiants en double ; n’en gardez qu’un.',
    oneMoreProblem: '…et 1 autre problème.',
    moreProblems: '…et {{n}} autres problèmes.',
    enterPasswordFor: 'Saisissez un mot de passe pour {{address}}.',
    readUnderWay: 'Une lecture du site est déjà en cours ; attendez qu’elle se termine ou annulez-la.',
    addressesFirst: 'Saisissez d’abord les adresses des serveurs du site (Connexion).',

    fetchCertificateFirst: 'Récupérez d’abord le certificat de {{hostPort}} et vérifiez son empreinte.',
    fingerprintMismatch: 'L’empreinte ne correspond pas au certificat récupéré ; récupérez-le de nouveau et vérifiez.',
    noTrustedCertificate: 'Aucun certificat approuvé pour {{hostPort}}.',

    overwrite:
      '{{name}} est enregistré en propre au nom de {{who}}. En tant que serveur Shadow de {{lead}}, il portera à la place l’enregistrement de {{lead}}, et son propre enregistrement sera écrasé.',
    overwriteOnline:
      '{{name}} est enregistré en propre au nom de {{who}} (en ligne). En tant que serveur Shadow de {{lead}}, il portera à la place l’enregistrement de {{lead}}, et son propre enregistrement sera écrasé.',
    overwriteOffline:
      '{{name}} est enregistré en propre au nom de {{who}} (hors ligne). En tant que serveur Shadow de {{lead}}, il portera à la place l’enregistrement de {{lead}}, et son propre enregistrement sera écrasé.',
    overwriteOnlineCode:
      '{{name}} est enregistré en propre au nom de {{who}} (en ligne, code {{code}}). En tant que serveur Shadow de {{lead}}, il portera à la place l’enregistrement de {{lead}}, et son propre enregistrement sera écrasé.',
    overwriteOfflineCode:
      '{{name}} est enregistré en propre au nom de {{who}} (hors ligne, code {{code}}). En tant que serveur Shadow de {{lead}}, il portera à la place l’enregistrement de {{lead}}, et son propre enregistrement sera écrasé.',
    ownRegistration: 'son propre enregistrement',
    confirmToGoAhead: '{{warning}} Confirmez pour continuer.',
    noOverride: 'Vous n’avez défini aucune relation pour ce serveur ; il suit la hiérarchie du site.',

    childrenNotListed: 'Les serveurs qui lui sont rattachés n’ont pas pu être listés : {{error}}',
    registrationNotRead: 'Son enregistrement n’a pas pu être lu : {{error}}',
    unplacedOne: 'Il liste {{names}} sans indiquer où ce serveur répond : ajoutez son adresse aux adresses des serveurs.',
    unplacedMany: 'Il liste {{names}} sans indiquer où ils répondent : ajoutez leurs adresses aux adresses des serveurs.',
    namesAndMore_one: '{{names}} et 1 autre',
    namesAndMore_other: '{{names}} et {{count}} autres',

    noLongerListed: '{{parent}} ne le liste plus.',
    takenOff: 'Il a été retiré des adresses des serveurs.',
    parentRemoved: 'Il était rattaché à {{parent}}, qui a été retiré.',
    ownRegistrationNotice:
      'Détient un enregistrement propre ({{registration}}), antérieur à son passage en serveur Shadow ; l’enregistrement de son serveur principal l’écrasera.',
    registered: 'enregistré',
    newIdLead:
      'Nouvel ID système (auparavant {{previous}}) : sa base de données a été effacée ou il a été remplacé. Il ne détenait aucun enregistrement, il n’y a donc rien à réassocier : enregistrez-le.',
    newIdShadow:
      'Nouvel ID système (auparavant {{previous}}) : sa base de données a été effacée ou il a été remplacé. Il ne détenait aucun enregistrement, il n’y a donc rien à réassocier : il recevra l’enregistrement de son serveur principal lorsque celui-ci sera enregistré.',
    keepsKnown: 'il conserve ce qui était connu au {{date}}',
    notReadParentFailed: 'Non lu : {{parent}} n’a pas pu être lu ({{reason}}) ; {{since}}.',
    notReadThrough: 'Non lu : il n’a pas pu être joint via {{parent}} ; {{since}}.',
    notReadCancelled: 'Non lu : la dernière lecture a été annulée avant d’arriver à lui ; {{since}}.',
    notReadLast: 'Non lu lors de la dernière lecture ; {{since}}.',

    keyFileWrong:
      '{{file}} n’est pas une clé écrite par cette application (longueur incorrecte). Déplacez ce fichier pour repartir avec de nouveaux secrets ; les mots de passe enregistrés devront alors être saisis de nouveau.',
    notSealedHere: 'Ce secret n’a pas été scellé par cette application.',
  },
  {
    passwordWithoutUser: 'Geben Sie den Benutzernamen ein, der zum Passwort gehört.',
    credentialsTwice: '{{address}} hat zweimal Anmeldedaten; behalten Sie nur einen Eintrag.',
    oneMoreProblem: '…und 1 weiteres Problem.',
    moreProblems: '…und {{n}} weitere Probleme.',
    enterPasswordFor: 'Geben Sie ein Passwort für {{address}} ein.',
    readUnderWay: 'Der Standort wird bereits eingelesen; warten Sie, bis der Vorgang endet, oder brechen Sie ihn ab.',
    addressesFirst: 'Geben Sie zuerst die Serveradressen des Standorts ein (Verbindung).',

    fetchCertificateFirst: 'Rufen Sie zuerst das Zertifikat von {{hostPort}} ab und prüfen Sie seinen Fingerabdruck.',
    fingerprintMismatch: 'Der Fingerabdruck passt nicht zum abgerufenen Zertifikat; rufen Sie es erneut ab und prüfen Sie es.',
    noTrustedCertificate: 'Kein vertrauenswürdiges Zertifikat für {{hostPort}}.',

    overwrite:
      '{{name}} ist eigenständig für {{who}} registriert. Als Shadow-Server von {{lead}} trägt er stattdessen die Registrierung von {{lead}}, und seine eigene Registrierung wird überschrieben.',
    overwriteOnline:
      '{{name}} ist eigenständig für {{who}} registriert (online). Als Shadow-Server von {{lead}} trägt er stattdessen die Registrierung von {{lead}}, und seine eigene Registrierung wird überschrieben.',
    overwriteOffline:
      '{{name}} ist eigenständig für {{who}} registriert (offline). Als Shadow-Server von {{lead}} trägt er stattdessen die Registrierung von {{lead}}, und seine eigene Registrierung wird überschrieben.',
    overwriteOnlineCode:
      '{{name}} ist eigenständig für {{who}} registriert (online, Code {{code}}). Als Shadow-Server von {{lead}} trägt er stattdessen die Registrierung von {{lead}}, und seine eigene Registrierung wird überschrieben.',
    overwriteOfflineCode:
      '{{name}} ist eigenständig für {{who}} registriert (offline, Code {{code}}). Als Shadow-Server von {{lead}} trägt er stattdessen die Registrierung von {{lead}}, und seine eigene Registrierung wird überschrieben.',
    ownRegistration: 'seine eigene Registrierung',
    confirmToGoAhead: '{{warning}} Bestätigen Sie, um fortzufahren.',
    noOverride: 'Für diesen Server haben Sie keine Beziehung eingerichtet; er folgt der Hierarchie des Standorts.',

    childrenNotListed: 'Die daran angeschlossenen Server konnten nicht aufgelistet werden: {{error}}',
    registrationNotRead: 'Seine Registrierung konnte nicht gelesen werden: {{error}}',
    unplacedOne: 'Er führt {{names}} auf, ohne anzugeben, wo dieser Server antwortet: Fügen Sie seine Adresse zu den Serveradressen hinzu.',
    unplacedMany: 'Er führt {{names}} auf, ohne anzugeben, wo diese antworten: Fügen Sie ihre Adressen zu den Serveradressen hinzu.',
    namesAndMore_one: '{{names}} und 1 weiterer',
    namesAndMore_other: '{{names}} und {{count}} weitere',

    noLongerListed: '{{parent}} führt ihn nicht mehr auf.',
    takenOff: 'Er wurde aus den Serveradressen entfernt.',
    parentRemoved: 'Er war an {{parent}} angeschlossen, der entfernt wurde.',
    ownRegistrationNotice:
      'Hat eine eigene Registrierung ({{registration}}) aus der Zeit, bevor er Shadow-Server wurde; die Registrierung seines führenden Servers wird sie überschreiben.',
    registered: 'registriert',
    newIdLead:
      'Neue System-ID (vorher {{previous}}): Seine Datenbank wurde gelöscht oder er wurde ersetzt. Er hatte keine Registrierung, es gibt also nichts neu zuzuordnen: Registrieren Sie ihn.',
    newIdShadow:
      'Neue System-ID (vorher {{previous}}): Seine Datenbank wurde gelöscht oder er wurde ersetzt. Er hatte keine Registrierung, es gibt also nichts neu zuzuordnen: Er erhält die Registrierung seines führenden Servers, sobald dieser registriert ist.',
    keepsKnown: 'er behält den Stand vom {{date}}',
    notReadParentFailed: 'Nicht gelesen: {{parent}} konnte nicht gelesen werden ({{reason}}); {{since}}.',
    notReadThrough: 'Nicht gelesen: Er war über {{parent}} nicht erreichbar; {{since}}.',
    notReadCancelled: 'Nicht gelesen: Das letzte Einlesen wurde abgebrochen, bevor er an der Reihe war; {{since}}.',
    notReadLast: 'Beim letzten Einlesen nicht gelesen; {{since}}.',

    keyFileWrong:
      '{{file}} ist kein Schlüssel, den diese Anwendung geschrieben hat (falsche Länge). Verschieben Sie die Datei, um mit neuen Geheimnissen zu beginnen; gespeicherte Passwörter müssen dann erneut eingegeben werden.',
    notSealedHere: 'Dieses Geheimnis wurde nicht von dieser Anwendung versiegelt.',
  },
);
