// What main says about registering the site (main/services/offline, online, registration, portal):
// refusals, the sentence that sums up a request or an online registration, what writing did on each
// server, the portal check, the portal client's failures, and the System Information page's
// comparison of the portal's registration with the site.
//
// Vocabulary, as the Offline, Portal and Site screens have it: System ID is "ID système" /
// "System-ID"; lead is "serveur principal" / "führender Server"; shadow is "serveur Shadow" /
// "Shadow-Server"; site is "site" / "Standort"; request is "demande" / "Anforderung"; Registration
// code is "code d’enregistrement" / "Registrierungscode"; signed token is "jeton signé" /
// "signiertes Token"; wiped is "effacée" / "gelöscht"; associate is "associer" / "zuordnen"; the
// Registration Portal is "Portail d’enregistrement" / "Registrierungsportal"; the portal operator is
// "l’exploitant de votre portail" / "Ihr Portalbetreiber".
import { area } from '../area.js';

export const registration = area(
  {
    // Which server may be registered or associated (eligibility.ts).
    notReadLastTime: '{{name}} could not be read in the last read ({{reason}}). Read the site again once it answers, so the request carries its current System ID.',
    shadowCannotAssociate: "{{name}} is a shadow of {{lead}}: it has no registration of its own to associate. Write {{lead}}'s registration to it again instead.",
    shadowCannotAssociateLeadUnknown: "{{name}} is a shadow of {{leadAddress}}: it has no registration of its own to associate. Write its lead's registration to it again instead.",
    keptSystemIdRegister: '{{name}} has kept its System ID; associating a new System ID is for a server whose database was wiped. Register it instead.',
    wipedAssociateInstead:
      "{{name}}'s database was wiped (System ID {{previous}} became {{systemId}}). Associate the new System ID with its registration instead of registering it again.",
    shadowInherits: '{{name}} is a shadow of {{lead}} and inherits its registration: register {{lead}} instead.',
    shadowInheritsLeadUnknown: '{{name}} is a shadow of {{leadAddress}} and inherits its registration: register its lead instead.',

    // Writing to the servers (propagation.ts, written.ts).
    serverReplaced:
      'The server at {{address}} now has System ID {{systemId}}, not {{expected}} (its database was wiped or it was replaced). Nothing was written: read the site again and make a new request.',
    replacedByNewer: 'Replaced by a newer registration of this server.',
    writtenToServer: 'written to the server',
    writtenToAll: 'written to all {{total}} servers',
    writtenSomeFailed: 'written to {{done}} of {{total}} servers; {{failed}} failed and can be retried',
    writtenSomeRetrying: 'written to {{done}} of {{total}} servers; the rest are being retried',

    // Offline requests (offline-service.ts).
    requestFileEntered: 'This is the request file made here. Take it to the portal; enter the Registration code or token the portal gives back.',
    requestNotAnswer: 'This is the request, not the answer.',
    cannotCancelApplied: 'Request {{id}} is applied and cannot be cancelled.',
    cannotCancelCancelled: 'Request {{id}} is cancelled and cannot be cancelled.',
    cannotCancelPending: 'Request {{id}} is pending and cannot be cancelled.',
    answeredAlready: 'Request {{id}} was answered already on {{date}} (serial {{serial}}). A code is accepted once; nothing was changed.',
    requestReplaced: 'Request {{id}} was cancelled or replaced by a newer request. Enter the code for the newest request, or make a new one.',
    noPortalKey:
      'This companion has no portal public key yet, so it cannot check codes. Import the key file your portal operator published (Offline > Portal keys).',
    codeForRegistering:
      'This code is for registering the system, but the request was for associating a new System ID. Ask the portal user to choose associating a new System ID.',
    codeForAssociating:
      'This code is for associating a new System ID, but the request was for registering the system. Ask the portal user to choose registering the system.',
    otherKind: 'Made for the other kind of request.',
    answeredMeanwhile: 'Request {{id}} was answered meanwhile; nothing was changed.',
    notAnsweredYet: 'Request {{id}} has not been answered yet: there is nothing to write.',
    noOfflineRequest: 'There is no offline request {{id}}.',
    keyFileNotJson: 'This is not a key file: it is not JSON. Use the file your portal operator published.',

    // A wiped shadow written again (offline-service.ts).
    rewriteLeadsOwn: '{{name}} leads its own registration: associate its new System ID through the portal instead.',
    rewriteKeptSystemId: '{{name}} has kept its System ID: there is nothing to write again.',
    rewriteLeadWiped: "{{lead}}, its lead, was wiped too: associate {{lead}}'s new System ID first; that writes every shadow.",
    rewriteLeadUnregistered: '{{lead}}, its lead, is not registered: register {{lead}}, and {{name}} gets the registration with it.',

    // What an offline request came to (offline-service.ts).
    waitingForCode: 'Waiting for the Registration code for request {{id}}, made on {{date}}.',
    requestReplacedSummary: 'Request {{id}} was cancelled or replaced by a newer request.',
    registeredOfflineCode: 'Registered offline on {{date}}, code {{code}}; {{written}}.',
    registeredOfflineToken: 'Registered offline on {{date}}, signed token, serial {{serial}}; {{written}}.',
    associatedOfflineCode: 'New System ID {{systemId}} associated offline on {{date}}, code {{code}}; {{written}}.',
    associatedOfflineToken: 'New System ID {{systemId}} associated offline on {{date}}, signed token, serial {{serial}}; {{written}}.',

    // Portal keys (portal-keys.ts).
    keysUnreadable: 'The keys cannot be read.',
    useKeyFile: '{{problem}} Use the key file your portal operator published (the content of /api/v1/keys).',
    noKeys: 'The key file lists no keys.',
    noKeysIssue: 'No keys.',
    differentKey:
      'This file has a different key {{keyId}} (fingerprint {{fingerprint}}) from the one trusted here ({{trusted}}). Nothing was imported. Check with your portal operator which is right.',
    differentKeyIssue: 'A different key under a key id already trusted.',

    // Online registration (online-service.ts).
    noPortalAddress: 'No Registration Portal address is set on this companion (Portal screen). Register offline with codes instead, or enter the portal address first.',
    portalSilent: 'The Registration Portal does not answer: {{reason}} Register offline with codes instead; the site ends in the same state.',
    portalLoggedOn: 'The Registration Portal answers and you are logged on.',
    portalLogOn: 'The Registration Portal answers: log on to continue.',
    chooseOldRegistration: 'Choose the registration {{name}} had before the wipe, not its new System ID {{systemId}}.',
    isNewSystemId: 'This is the new System ID.',
    noOnlineRegistration: 'There is no online registration {{id}}.',
    registeredOnline: 'Registered online on {{date}}; {{written}}.',
    associatedOnline: 'New System ID {{systemId}} associated online (was {{previous}}) on {{date}}; {{written}}.',

    // The System Information page: the portal's registration beside the site (site-comparison.ts).
    listedButLeads:
      'The portal lists it as a shadow of {{systemId}}, but on the site it now leads its own registration: register it, or make it a shadow of {{lead}} again.',
    listedButMissing:
      'The portal lists it as a shadow of {{systemId}}, but the last read did not find it: read the site again, then write the registration again to report the servers as they are.',
    notReadUnknown: 'Not read in the last read ({{reason}}): what it holds now is not known.',
    restoredId:
      'It shows {{shown}}, which this registration had before {{current}} (a database restored from a backup?). Read the site again; associate it again if it stays.',
    leadWiped: 'Its database was wiped: it shows {{shown}}, the portal knows {{current}}. Associate the new System ID with this registration.',
    leadNotHolding: 'The portal has the registration, but the server does not hold it: write it again.',
    leadHolds: 'Holds the registration the portal has.',
    shadowWiped: "Its database was wiped (it was {{previous}}): write {{lead}}'s registration to it again.",
    shadowNotCarrying: "It does not carry {{lead}}'s registration: write the registration again.",
    shadowNotReported: 'The portal was not told of this shadow: write the registration again to report the servers as they are.',
    shadowCarries: "Carries {{lead}}'s registration.",

    // The portal client and session (portal-client.ts, portal-service.ts).
    portalCertificateChanged: 'The certificate changed: fingerprint {{fingerprint}}, not the trusted {{trusted}}.',
    portalCancelled: 'Cancelled: the request to the portal was stopped. Nothing you typed was lost; try again when ready.',
    portalTimeout: 'The Registration Portal at {{url}} did not answer within {{seconds}} s. Check the network, or try again later.',
    portalOtherCertificate:
      'The portal at {{host}} presented another certificate than the one you trusted. Someone may be in between: ask the portal operator before you trust the new one.',
    portalUntrustedCertificate:
      "The portal's certificate at {{host}} is not signed by an authority this computer trusts ({{reason}}). Fetch it, compare its SHA-256 fingerprint with the one the portal operator gives you, and trust it if they match.",
    // The target is "address (what failed)", one parameter: an address and a cause side by side
    // could not be told apart again.
    portalUnreachable: 'Cannot reach the Registration Portal at {{target}}. Check the address and the network.',
    portalNotJson: 'The portal at {{url}} answered something that is not JSON (HTTP {{status}}).',
    portalRefusedHttp: 'The portal at {{url}} refused the request with HTTP {{status}}.',
    portalBadShape: "The portal's answer to {{route}} does not have the expected shape: {{problem}}",
    logOnFirst: 'Log on to the portal first.',
    portalAddressFirst: 'Enter the portal address first.',
  },
  {
    notReadLastTime:
      '{{name}} n’a pas pu être lu lors de la dernière lecture ({{reason}}). Relisez le site dès qu’il répond, pour que la demande contienne son ID système actuel.',
    shadowCannotAssociate:
      '{{name}} est un serveur Shadow de {{lead}} : il n’a pas d’enregistrement propre à associer. Écrivez-y plutôt de nouveau l’enregistrement de {{lead}}.',
    shadowCannotAssociateLeadUnknown:
      '{{name}} est un serveur Shadow de {{leadAddress}} : il n’a pas d’enregistrement propre à associer. Écrivez-y plutôt de nouveau l’enregistrement de son serveur principal.',
    keptSystemIdRegister:
      '{{name}} a conservé son ID système ; associer un nouvel ID système concerne un serveur dont la base de données a été effacée. Enregistrez-le plutôt.',
    wipedAssociateInstead:
      'La base de données de {{name}} a été effacée (l’ID système {{previous}} est devenu {{systemId}}). Associez le nouvel ID système à son enregistrement au lieu de l’enregistrer de nouveau.',
    shadowInherits: '{{name}} est un serveur Shadow de {{lead}} et hérite de son enregistrement : enregistrez plutôt {{lead}}.',
    shadowInheritsLeadUnknown: '{{name}} est un serveur Shadow de {{leadAddress}} et hérite de son enregistrement : enregistrez plutôt son serveur principal.',

    serverReplaced:
      'Le serveur à l’adresse {{address}} a maintenant l’ID système {{systemId}}, et non {{expected}} (sa base de données a été effacée ou il a été remplacé). Rien n’a été écrit : relisez le site et créez une nouvelle demande.',
    replacedByNewer: 'Remplacé par un enregistrement plus récent de ce serveur.',
    writtenToServer: 'écrit sur le serveur',
    writtenToAll: 'écrit sur les {{total}} serveurs',
    writtenSomeFailed: 'écrit sur {{done}} serveurs sur {{total}} ; {{failed}} en échec, nouvelle tentative possible',
    writtenSomeRetrying: 'écrit sur {{done}} serveurs sur {{total}} ; les autres sont en cours de nouvelle tentative',

    requestFileEntered:
      'Ceci est le fichier de demande créé ici. Apportez-le au portail ; saisissez le code d’enregistrement ou le jeton que le portail vous renvoie.',
    requestNotAnswer: 'Ceci est la demande, pas la réponse.',
    cannotCancelApplied: 'La demande {{id}} est appliquée et ne peut pas être annulée.',
    cannotCancelCancelled: 'La demande {{id}} est annulée et ne peut pas être annulée.',
    cannotCancelPending: 'La demande {{id}} est en attente et ne peut pas être annulée.',
    answeredAlready:
      'La demande {{id}} a déjà reçu sa réponse le {{date}} (n° de série {{serial}}). Un code n’est accepté qu’une fois ; rien n’a été modifié.',
    requestReplaced:
      'La demande {{id}} a été annulée ou remplacée par une demande plus récente. Saisissez le code de la demande la plus récente, ou créez-en une nouvelle.',
    noPortalKey:
      'Ce Companion ne dispose encore d’aucune clé publique du portail ; il ne peut donc pas vérifier les codes. Importez le fichier de clés publié par l’exploitant de votre portail (Hors ligne > Clés du portail).',
    codeForRegistering:
      'Ce code sert à enregistrer le système, mais la demande portait sur l’association d’un nouvel ID système. Demandez à l’utilisateur du portail de choisir l’association d’un nouvel ID système.',
    codeForAssociating:
      'Ce code sert à associer un nouvel ID système, mais la demande portait sur l’enregistrement du système. Demandez à l’utilisateur du portail de choisir l’enregistrement du système.',
    otherKind: 'Créé pour l’autre type de demande.',
    answeredMeanwhile: 'La demande {{id}} a reçu sa réponse entre-temps ; rien n’a été modifié.',
    notAnsweredYet: 'La demande {{id}} n’a pas encore reçu de réponse : il n’y a rien à écrire.',
    noOfflineRequest: 'Il n’existe pas de demande hors ligne {{id}}.',
    keyFileNotJson: 'Ce n’est pas un fichier de clés : ce n’est pas du JSON. Utilisez le fichier publié par l’exploitant de votre portail.',

    rewriteLeadsOwn: '{{name}} est le serveur principal de son propre enregistrement : associez plutôt son nouvel ID système via le portail.',
    rewriteKeptSystemId: '{{name}} a conservé son ID système : il n’y a rien à réécrire.',
    rewriteLeadWiped:
      '{{lead}}, son serveur principal, a aussi été effacé : associez d’abord le nouvel ID système de {{lead}} ; cela écrit sur chaque serveur Shadow.',
    rewriteLeadUnregistered: '{{lead}}, son serveur principal, n’est pas enregistré : enregistrez {{lead}}, et {{name}} recevra l’enregistrement en même temps.',

    waitingForCode: 'En attente du code d’enregistrement pour la demande {{id}}, créée le {{date}}.',
    requestReplacedSummary: 'La demande {{id}} a été annulée ou remplacée par une demande plus récente.',
    registeredOfflineCode: 'Enregistré hors ligne le {{date}}, code {{code}} ; {{written}}.',
    registeredOfflineToken: 'Enregistré hors ligne le {{date}}, jeton signé, n° de série {{serial}} ; {{written}}.',
    associatedOfflineCode: 'Nouvel ID système {{systemId}} associé hors ligne le {{date}}, code {{code}} ; {{written}}.',
    associatedOfflineToken: 'Nouvel ID système {{systemId}} associé hors ligne le {{date}}, jeton signé, n° de série {{serial}} ; {{written}}.',

    keysUnreadable: 'Les clés ne peuvent pas être lues.',
    useKeyFile: '{{problem}} Utilisez le fichier de clés publié par l’exploitant de votre portail (le contenu de /api/v1/keys).',
    noKeys: 'Le fichier de clés ne contient aucune clé.',
    noKeysIssue: 'Aucune clé.',
    differentKey:
      'Ce fichier contient une autre clé {{keyId}} (empreinte {{fingerprint}}) que celle approuvée ici ({{trusted}}). Rien n’a été importé. Vérifiez auprès de l’exploitant de votre portail laquelle est la bonne.',
    differentKeyIssue: 'Une autre clé sous un identifiant de clé déjà approuvé.',

    noPortalAddress:
      'Aucune adresse de Portail d’enregistrement n’est définie sur ce Companion (écran Portail). Enregistrez plutôt hors ligne avec des codes, ou saisissez d’abord l’adresse du portail.',
    portalSilent:
      'Le Portail d’enregistrement ne répond pas : {{reason}} Enregistrez plutôt hors ligne avec des codes ; le site aboutit au même état.',
    portalLoggedOn: 'Le Portail d’enregistrement répond et vous êtes connecté.',
    portalLogOn: 'Le Portail d’enregistrement répond : connectez-vous pour continuer.',
    chooseOldRegistration: 'Choisissez l’enregistrement que {{name}} avait avant l’effacement, et non son nouvel ID système {{systemId}}.',
    isNewSystemId: 'C’est le nouvel ID système.',
    noOnlineRegistration: 'Il n’existe pas d’enregistrement en ligne {{id}}.',
    registeredOnline: 'Enregistré en ligne le {{date}} ; {{written}}.',
    associatedOnline: 'Nouvel ID système {{systemId}} associé en ligne (auparavant {{previous}}) le {{date}} ; {{written}}.',

    listedButLeads:
      'Le portail le liste comme serveur Shadow de {{systemId}}, mais sur le site il est désormais serveur principal de son propre enregistrement : enregistrez-le, ou refaites-en un serveur Shadow de {{lead}}.',
    listedButMissing:
      'Le portail le liste comme serveur Shadow de {{systemId}}, mais la dernière lecture ne l’a pas trouvé : relisez le site, puis écrivez de nouveau l’enregistrement pour signaler les serveurs tels qu’ils sont.',
    notReadUnknown: 'Non lu lors de la dernière lecture ({{reason}}) : ce qu’il détient actuellement n’est pas connu.',
    restoredId:
      'Il affiche {{shown}}, que cet enregistrement avait avant {{current}} (une base de données restaurée depuis une sauvegarde ?). Relisez le site ; associez-le de nouveau si cela persiste.',
    leadWiped: 'Sa base de données a été effacée : il affiche {{shown}}, le portail connaît {{current}}. Associez le nouvel ID système à cet enregistrement.',
    leadNotHolding: 'Le portail a l’enregistrement, mais le serveur ne le détient pas : écrivez-le de nouveau.',
    leadHolds: 'Détient l’enregistrement que le portail a.',
    shadowWiped: 'Sa base de données a été effacée (auparavant {{previous}}) : écrivez-y de nouveau l’enregistrement de {{lead}}.',
    shadowNotCarrying: 'Il ne porte pas l’enregistrement de {{lead}} : écrivez de nouveau l’enregistrement.',
    shadowNotReported: 'Le portail n’a pas été informé de ce serveur Shadow : écrivez de nouveau l’enregistrement pour signaler les serveurs tels qu’ils sont.',
    shadowCarries: 'Porte l’enregistrement de {{lead}}.',

    portalCertificateChanged: 'Le certificat a changé : empreinte {{fingerprint}}, et non l’empreinte approuvée {{trusted}}.',
    portalCancelled: 'Annulé : la requête au portail a été interrompue. Rien de ce que vous avez saisi n’est perdu ; réessayez quand vous êtes prêt.',
    portalTimeout: 'Le Portail d’enregistrement à l’adresse {{url}} n’a pas répondu en {{seconds}} s. Vérifiez le réseau, ou réessayez plus tard.',
    portalOtherCertificate:
      'Le portail à l’adresse {{host}} a présenté un autre certificat que celui que vous avez approuvé. Quelqu’un s’est peut-être interposé : demandez à l’exploitant du portail avant d’approuver le nouveau.',
    portalUntrustedCertificate:
      'Le certificat du portail à l’adresse {{host}} n’est pas signé par une autorité à laquelle cet ordinateur fait confiance ({{reason}}). Récupérez-le, comparez son empreinte SHA-256 à celle que vous donne l’exploitant du portail, et approuvez-le si elles correspondent.',
    portalUnreachable: 'Impossible de joindre le Portail d’enregistrement à l’adresse {{target}}. Vérifiez l’adresse et le réseau.',
    portalNotJson: 'Le portail à l’adresse {{url}} a répondu quelque chose qui n’est pas du JSON (HTTP {{status}}).',
    portalRefusedHttp: 'Le portail à l’adresse {{url}} a refusé la requête avec HTTP {{status}}.',
    portalBadShape: 'La réponse du portail à {{route}} n’a pas la forme attendue : {{problem}}',
    logOnFirst: 'Connectez-vous d’abord au portail.',
    portalAddressFirst: 'Saisissez d’abord l’adresse du portail.',
  },
  {
    notReadLastTime:
      '{{name}} konnte beim letzten Einlesen nicht gelesen werden ({{reason}}). Lesen Sie den Standort erneut ein, sobald er antwortet, damit die Anforderung seine aktuelle System-ID enthält.',
    shadowCannotAssociate:
      '{{name}} ist ein Shadow-Server von {{lead}}: Er hat keine eigene Registrierung, die zugeordnet werden könnte. Schreiben Sie stattdessen die Registrierung von {{lead}} erneut auf ihn.',
    shadowCannotAssociateLeadUnknown:
      '{{name}} ist ein Shadow-Server von {{leadAddress}}: Er hat keine eigene Registrierung, die zugeordnet werden könnte. Schreiben Sie stattdessen die Registrierung seines führenden Servers erneut auf ihn.',
    keptSystemIdRegister:
      '{{name}} hat seine System-ID behalten; eine neue System-ID wird nur einem Server zugeordnet, dessen Datenbank gelöscht wurde. Registrieren Sie ihn stattdessen.',
    wipedAssociateInstead:
      'Die Datenbank von {{name}} wurde gelöscht (aus System-ID {{previous}} wurde {{systemId}}). Ordnen Sie die neue System-ID seiner Registrierung zu, statt ihn erneut zu registrieren.',
    shadowInherits: '{{name}} ist ein Shadow-Server von {{lead}} und übernimmt dessen Registrierung: Registrieren Sie stattdessen {{lead}}.',
    shadowInheritsLeadUnknown:
      '{{name}} ist ein Shadow-Server von {{leadAddress}} und übernimmt dessen Registrierung: Registrieren Sie stattdessen seinen führenden Server.',

    serverReplaced:
      'Der Server unter {{address}} hat jetzt die System-ID {{systemId}}, nicht {{expected}} (seine Datenbank wurde gelöscht oder er wurde ersetzt). Es wurde nichts geschrieben: Lesen Sie den Standort erneut ein und erstellen Sie eine neue Anforderung.',
    replacedByNewer: 'Durch eine neuere Registrierung dieses Servers ersetzt.',
    writtenToServer: 'auf den Server geschrieben',
    writtenToAll: 'auf alle {{total}} Server geschrieben',
    writtenSomeFailed: 'auf {{done}} von {{total}} Servern geschrieben; {{failed}} fehlgeschlagen, ein erneuter Versuch ist möglich',
    writtenSomeRetrying: 'auf {{done}} von {{total}} Servern geschrieben; die übrigen werden erneut versucht',

    requestFileEntered:
      'Dies ist die hier erstellte Anforderungsdatei. Bringen Sie sie zum Portal; geben Sie den Registrierungscode oder das Token ein, das das Portal zurückgibt.',
    requestNotAnswer: 'Dies ist die Anforderung, nicht die Antwort.',
    cannotCancelApplied: 'Anforderung {{id}} ist angewendet und kann nicht abgebrochen werden.',
    cannotCancelCancelled: 'Anforderung {{id}} ist abgebrochen und kann nicht abgebrochen werden.',
    cannotCancelPending: 'Anforderung {{id}} ist ausstehend und kann nicht abgebrochen werden.',
    answeredAlready:
      'Anforderung {{id}} wurde bereits am {{date}} beantwortet (Seriennummer {{serial}}). Ein Code wird nur einmal angenommen; es wurde nichts geändert.',
    requestReplaced:
      'Anforderung {{id}} wurde abgebrochen oder durch eine neuere Anforderung ersetzt. Geben Sie den Code für die neueste Anforderung ein oder erstellen Sie eine neue.',
    noPortalKey:
      'Dieser Companion hat noch keinen öffentlichen Portalschlüssel und kann daher keine Codes prüfen. Importieren Sie die Schlüsseldatei, die Ihr Portalbetreiber veröffentlicht hat (Offline > Portalschlüssel).',
    codeForRegistering:
      'Dieser Code dient der Registrierung des Systems, die Anforderung war aber für die Zuordnung einer neuen System-ID. Bitten Sie den Portalbenutzer, die Zuordnung einer neuen System-ID zu wählen.',
    codeForAssociating:
      'Dieser Code dient der Zuordnung einer neuen System-ID, die Anforderung war aber für die Registrierung des Systems. Bitten Sie den Portalbenutzer, die Registrierung des Systems zu wählen.',
    otherKind: 'Für die andere Art von Anforderung erstellt.',
    answeredMeanwhile: 'Anforderung {{id}} wurde inzwischen beantwortet; es wurde nichts geändert.',
    notAnsweredYet: 'Anforderung {{id}} wurde noch nicht beantwortet: Es gibt nichts zu schreiben.',
    noOfflineRequest: 'Es gibt keine Offline-Anforderung {{id}}.',
    keyFileNotJson: 'Dies ist keine Schlüsseldatei: Sie ist kein JSON. Verwenden Sie die Datei, die Ihr Portalbetreiber veröffentlicht hat.',

    rewriteLeadsOwn: '{{name}} ist führender Server seiner eigenen Registrierung: Ordnen Sie stattdessen seine neue System-ID über das Portal zu.',
    rewriteKeptSystemId: '{{name}} hat seine System-ID behalten: Es gibt nichts erneut zu schreiben.',
    rewriteLeadWiped:
      'Auch {{lead}}, sein führender Server, wurde gelöscht: Ordnen Sie zuerst die neue System-ID von {{lead}} zu; dabei wird jeder Shadow-Server beschrieben.',
    rewriteLeadUnregistered: '{{lead}}, sein führender Server, ist nicht registriert: Registrieren Sie {{lead}}, und {{name}} erhält die Registrierung mit.',

    waitingForCode: 'Warten auf den Registrierungscode für Anforderung {{id}}, erstellt am {{date}}.',
    requestReplacedSummary: 'Anforderung {{id}} wurde abgebrochen oder durch eine neuere Anforderung ersetzt.',
    registeredOfflineCode: 'Offline registriert am {{date}}, Code {{code}}; {{written}}.',
    registeredOfflineToken: 'Offline registriert am {{date}}, signiertes Token, Seriennummer {{serial}}; {{written}}.',
    associatedOfflineCode: 'Neue System-ID {{systemId}} offline zugeordnet am {{date}}, Code {{code}}; {{written}}.',
    associatedOfflineToken: 'Neue System-ID {{systemId}} offline zugeordnet am {{date}}, signiertes Token, Seriennummer {{serial}}; {{written}}.',

    keysUnreadable: 'Die Schlüssel können nicht gelesen werden.',
    useKeyFile: '{{problem}} Verwenden Sie die Schlüsseldatei, die Ihr Portalbetreiber veröffentlicht hat (den Inhalt von /api/v1/keys).',
    noKeys: 'Die Schlüsseldatei enthält keine Schlüssel.',
    noKeysIssue: 'Keine Schlüssel.',
    differentKey:
      'Diese Datei enthält einen anderen Schlüssel {{keyId}} (Fingerabdruck {{fingerprint}}) als den hier vertrauenswürdigen ({{trusted}}). Es wurde nichts importiert. Klären Sie mit Ihrem Portalbetreiber, welcher richtig ist.',
    differentKeyIssue: 'Ein anderer Schlüssel unter einer bereits vertrauenswürdigen Schlüssel-ID.',

    noPortalAddress:
      'Auf diesem Companion ist keine Adresse des Registrierungsportals festgelegt (Ansicht „Portal“). Registrieren Sie stattdessen offline mit Codes oder geben Sie zuerst die Portaladresse ein.',
    portalSilent:
      'Das Registrierungsportal antwortet nicht: {{reason}} Registrieren Sie stattdessen offline mit Codes; der Standort erreicht denselben Zustand.',
    portalLoggedOn: 'Das Registrierungsportal antwortet, und Sie sind angemeldet.',
    portalLogOn: 'Das Registrierungsportal antwortet: Melden Sie sich an, um fortzufahren.',
    chooseOldRegistration: 'Wählen Sie die Registrierung, die {{name}} vor dem Löschen hatte, nicht seine neue System-ID {{systemId}}.',
    isNewSystemId: 'Dies ist die neue System-ID.',
    noOnlineRegistration: 'Es gibt keine Online-Registrierung {{id}}.',
    registeredOnline: 'Online registriert am {{date}}; {{written}}.',
    associatedOnline: 'Neue System-ID {{systemId}} online zugeordnet (vorher {{previous}}) am {{date}}; {{written}}.',

    listedButLeads:
      'Das Portal führt ihn als Shadow-Server von {{systemId}}, am Standort ist er aber jetzt führender Server seiner eigenen Registrierung: Registrieren Sie ihn, oder machen Sie ihn wieder zu einem Shadow-Server von {{lead}}.',
    listedButMissing:
      'Das Portal führt ihn als Shadow-Server von {{systemId}}, das letzte Einlesen hat ihn aber nicht gefunden: Lesen Sie den Standort erneut ein und schreiben Sie dann die Registrierung erneut, um die Server so zu melden, wie sie sind.',
    notReadUnknown: 'Beim letzten Einlesen nicht gelesen ({{reason}}): Was er jetzt hat, ist nicht bekannt.',
    restoredId:
      'Er zeigt {{shown}}, die diese Registrierung vor {{current}} hatte (eine aus einer Sicherung wiederhergestellte Datenbank?). Lesen Sie den Standort erneut ein; ordnen Sie sie erneut zu, wenn es so bleibt.',
    leadWiped: 'Seine Datenbank wurde gelöscht: Er zeigt {{shown}}, das Portal kennt {{current}}. Ordnen Sie die neue System-ID dieser Registrierung zu.',
    leadNotHolding: 'Das Portal hat die Registrierung, aber der Server hat sie nicht: Schreiben Sie sie erneut.',
    leadHolds: 'Hat die Registrierung, die das Portal hat.',
    shadowWiped: 'Seine Datenbank wurde gelöscht (vorher {{previous}}): Schreiben Sie die Registrierung von {{lead}} erneut auf ihn.',
    shadowNotCarrying: 'Er trägt nicht die Registrierung von {{lead}}: Schreiben Sie die Registrierung erneut.',
    shadowNotReported: 'Das Portal wurde über diesen Shadow-Server nicht informiert: Schreiben Sie die Registrierung erneut, um die Server so zu melden, wie sie sind.',
    shadowCarries: 'Trägt die Registrierung von {{lead}}.',

    portalCertificateChanged: 'Das Zertifikat hat sich geändert: Fingerabdruck {{fingerprint}}, nicht der vertrauenswürdige {{trusted}}.',
    portalCancelled: 'Abgebrochen: Die Anfrage an das Portal wurde gestoppt. Nichts, was Sie eingegeben haben, ging verloren; versuchen Sie es erneut, wenn Sie bereit sind.',
    portalTimeout: 'Das Registrierungsportal unter {{url}} hat nicht innerhalb von {{seconds}} s geantwortet. Prüfen Sie das Netzwerk oder versuchen Sie es später erneut.',
    portalOtherCertificate:
      'Das Portal unter {{host}} hat ein anderes Zertifikat vorgelegt als das, dem Sie vertraut haben. Möglicherweise hat sich jemand dazwischengeschaltet: Fragen Sie den Portalbetreiber, bevor Sie dem neuen vertrauen.',
    portalUntrustedCertificate:
      'Das Zertifikat des Portals unter {{host}} ist nicht von einer Stelle signiert, der dieser Computer vertraut ({{reason}}). Rufen Sie es ab, vergleichen Sie seinen SHA-256-Fingerabdruck mit dem, den Ihnen der Portalbetreiber nennt, und vertrauen Sie ihm, wenn beide übereinstimmen.',
    portalUnreachable: 'Das Registrierungsportal unter {{target}} ist nicht erreichbar. Prüfen Sie die Adresse und das Netzwerk.',
    portalNotJson: 'Das Portal unter {{url}} hat etwas geantwortet, das kein JSON ist (HTTP {{status}}).',
    portalRefusedHttp: 'Das Portal unter {{url}} hat die Anfrage mit HTTP {{status}} abgelehnt.',
    portalBadShape: 'Die Antwort des Portals auf {{route}} hat nicht die erwartete Form: {{problem}}',
    logOnFirst: 'Melden Sie sich zuerst am Portal an.',
    portalAddressFirst: 'Geben Sie zuerst die Portaladresse ein.',
  },
);
