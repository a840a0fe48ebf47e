// What the Registration Portal says to its API clients: refusals (`error.message` and each issue's
// message) and the sentences of its answers (sign-up, verification, system access). The companion
// shows them in its user's language (renderer/src/i18n/said.ts). Server-rendered pages and mail
// stay English.
//
// Vocabulary, as the companion's screens have it: System ID is "ID système" / "System-ID"; lead is
// "serveur principal" / "führender Server"; shadow is "serveur Shadow" / "Shadow-Server"; a wipe is
// "effacement de la base de données" / "Löschen der Datenbank"; associate is "associer" /
// "zuordnen"; request code "code de demande" / "Anforderungscode"; Registration code "code
// d’enregistrement" / "Registrierungscode"; Partner / Branch / End user accounts are "Partenaire" /
// "Agence" / "utilisateur final" and "Partner" / "Niederlassung" / "Endbenutzer".
import { area } from '../area.js';

export const portal = area(
  {
    // The HTTP layer (http/, app.ts): addresses, query parameters, bodies, sessions.
    unknownField: 'Unknown field "{{field}}": leave it out.',
    moreIssues_one: '1 more like these: fix the ones above and send it again.',
    moreIssues_other: '{{count}} more like these: fix the ones above and send it again.',
    noQueryParameters: 'This address takes no query parameters: leave them out.',
    unknownParameter: 'Unknown parameter "{{name}}": leave it out.',
    repeatedParameters: 'A query parameter is given more than once: give each once.',
    giveOnce: 'Give "{{name}}" once.',
    invalidQuery: 'Some query parameters are not valid: see each parameter.',
    invalidPath: 'The address of this request is not valid.',
    invalidFields: 'Some fields are not valid: see each field.',
    noBodyTaken: 'This request takes no body.',
    sendNoBody: 'Send no body.',
    nulCharacter: 'A text in this request holds a NUL character (U+0000), which the portal cannot store: remove it.',
    removeNul: 'Remove the NUL character (U+0000).',
    verifyFirst:
      'Verify your e-mail address first: open the link we sent to {{email}}. Until then this account can log on and verify, and nothing else. No mail? Ask for the link again (POST /api/v1/me/verification; in the BMS Companion: "Send the link again").',
    mfaEnrolmentRequired: 'Partner and branch accounts must turn on multi-factor authentication first: enrol an authenticator app.',
    sessionWithoutMfa: 'This session was opened without the authenticator code. Log on again with it.',
    badPercentEscape: 'The address is not valid: a "%" must start an escape such as %2F (write a "%" itself as %25), and escapes must spell UTF-8.',
    badPercentEscapeIssue: 'Bad percent-escape in the address.',
    addressPartTooLong: 'A part of the address is longer than {{max}} characters: a System ID is at most 128.',
    addressPartTooLongIssue: 'Address part too long.',
    bodyTooLarge: 'The request body is larger than {{size}}, the most this request accepts: send less.',
    sendJson: 'Send the body as JSON, with Content-Type: application/json.',
    emptyJsonBody: 'The body is empty but says it is JSON: send {} or leave out the Content-Type.',
    emptyBody: 'Empty body.',
    invalidJson: 'The body is not valid JSON: {{reason}}',
    notJson: 'Not JSON.',
    internal: 'Something went wrong on the portal; the request was not carried out. Try again; if it persists, tell the portal administrator.',
    databaseUnavailable: 'The portal cannot reach its database just now; the request was not carried out. Try again in a few seconds; if it persists, tell the portal administrator.',
    noSuchRouteMethod: 'There is no {{request}} on this portal: that address answers {{methods}}. See /api/v1/openapi.json.',
    metricsForbidden: 'Metrics are given only to the scraper holding the configured metrics token, or, without one, to a direct connection from the portal’s own machine.',
    noSuchRoute: 'There is no {{request}} on this portal. See /api/v1/openapi.json.',
    headersTooLarge: 'The request headers are larger than the portal accepts: send fewer or shorter headers.',
    requestTimeout: 'The request took too long to arrive: send it again.',
    notHttp: 'The request is not valid HTTP: send it again with a standard HTTP client.',

    // Accounts (services/account-service.ts, auth/).
    signUpBusy: 'The portal is busy with many sign-ups at once. Try again in a few seconds.',
    branchSignUpClosed: 'Branch accounts are for vendor staff and are not open for sign-up here. Sign up as a partner or an end user.',
    partnerNeedsOrganization: 'A partner account needs the organization name.',
    enterOrganization: 'Enter your organization name.',
    signUpSent: 'We sent a message to {{email}}. Open the link in it to verify the address; until then the account can log on and verify, and nothing else.',
    verifiedAlready: '{{email}} is verified already: there is nothing to send.',
    verificationResent: 'We sent a new link to {{email}}. Open it to verify the address; it works for {{hours}} hours.',
    signUpsFromAddress: 'Too many sign-ups from this network address this minute. Wait a minute and try again.',
    signUpsFromEveryone: 'Too many sign-ups from everyone this minute. Wait a minute and try again.',
    verificationMailsFromAccount: 'Too many verification mails from this account this minute. Wait a minute and try again.',
    verificationMailsFromAddress: 'Too many verification mails from this network address this minute. Wait a minute and try again.',
    verificationMailsFromEveryone: 'Too many verification mails from everyone this minute. Wait a minute and try again.',
    logOnsSlowed: 'Many log-ons failed from this network address lately, so log-ons from it are slowed and a few run at once. Try again in a few seconds.',
    wrongCredentials: 'The e-mail address or the password is wrong.',
    wrongAuthenticatorCode: 'The authenticator code is wrong or has expired: enter the code your app shows now.',
    authenticatorCodeUsed: 'This authenticator code was used already: wait for the next one.',
    wrongRecoveryCode: 'This recovery code is wrong or was used already.',
    enterMfaCode: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
    failedFromAccount: 'Too many failed attempts from this account. Wait 15 minutes and try again.',
    failedFromAddress: 'Too many failed attempts from this network address. Wait 15 minutes and try again.',
    noSession: 'Log on first: this request carries no session.',
    sessionEnded: 'Your session has expired or was logged off. Log on again.',
    wrongCurrentPassword: 'The current password is wrong.',
    notCurrentPassword: 'This is not your current password.',
    samePassword: 'Choose a new password that differs from the current one.',
    sameAsCurrentPassword: 'Same as the current password.',
    mfaOnAlready: 'Multi-factor authentication is on already for this account.',
    noEnrolment: 'Start the enrolment first: there is no authenticator secret waiting to be confirmed.',
    enrolmentCodeMismatch: 'The code does not match: check the time on your phone and enter the code it shows now.',
    wrongOrExpiredCode: 'Wrong or expired code.',
    enrolmentChanged: 'The enrolment was finished or restarted meanwhile. Start it again.',

    // Addresses (geo.ts).
    unknownCountry: '{{country}} is not a country code we know: choose the country from the list.',
    noStates: '{{country}} has no states or provinces in our list: leave the state empty.',
    unknownState: '{{state}} is not a state or province of {{country}}: choose one from the list.',
    chooseState: 'Choose the state or province in {{country}}.',
    unknownCity: '{{city}} is not in our list of cities of {{state}}, {{country}}: choose the city from the list.',

    // Systems (services/registration-service.ts, services/inventory-rules.ts).
    notRegistered: 'No system is registered with System ID "{{systemId}}". System IDs are case-sensitive: check upper and lower case, exactly as the server shows it.',
    notYours: 'This system is not associated with your account: only its integrator and its end user can see it.',
    accessUnregistered: 'This System ID is not registered yet: proceed to register it.',
    accessReplaced: 'This System ID was replaced by {{systemId}} on {{date}} (database wipe). Use the new System ID.',
    accessYoursIntegrator: "You are this system's integrator: proceed to view or modify it.",
    accessYoursEndUser: "You are this system's end user: proceed to view or modify it.",
    accessInvitedIntegrator:
      "You were invited to be this system's integrator: open the link in the invitation mail sent to {{email}} and accept it there, then continue here.",
    accessInvitedEndUser: "You were invited to be this system's end user: open the link in the invitation mail sent to {{email}} and accept it there, then continue here.",
    takenByIntegratorOf:
      'This system is registered to another integrator account ({{organization}}). Only one Branch or Partner account can be associated with a system: ask that organization to hand it over, or contact registration support.',
    takenByIntegrator:
      'This system is registered to another integrator account. Only one Branch or Partner account can be associated with a system: ask that organization to hand it over, or contact registration support.',
    becomeIntegratorAskOrganization:
      "This system is registered by {{organization}}. To become its integrator, ask them to invite {{email}} (on the system's registration: Invite).",
    becomeIntegratorAskIntegrator:
      "This system is registered by an integrator account. To become its integrator, ask them to invite {{email}} (on the system's registration: Invite).",
    becomeIntegratorAskEndUser:
      "This system is registered by an end-user account. To become its integrator, ask them to invite {{email}} (on the system's registration: Invite).",
    takenByEndUser:
      'This system is associated with another end-user account. Only one end-user account can be associated with a system: ask its owner, or contact registration support.',
    becomeEndUserAskOrganization:
      "This system is registered by {{organization}}. To be associated with it as its end user, ask them to invite {{email}} (on the system's registration: Invite).",
    becomeEndUserAskIntegrator:
      "This system is registered by an integrator account. To be associated with it as its end user, ask them to invite {{email}} (on the system's registration: Invite).",
    becomeEndUserAskEndUser:
      "This system is registered by an end-user account. To be associated with it as its end user, ask them to invite {{email}} (on the system's registration: Invite).",
    reportUnderCurrent:
      'System ID "{{systemId}}" is no longer this registration\'s System ID: it is {{current}} now. Report the inventory under {{current}}, with it as the lead.',
    currentSystemIdIs: "This registration's System ID is {{systemId}}.",
    registrationGone: 'Registration {{id}} does not exist: the request was answered for a registration that is gone.',
    serverListWrong: 'The server list is not right: see each server.',
    leadChanged: "This registration's System ID changed to {{systemId}} while the report was sent. Read the site again and report it with {{systemId}} as the lead.",
    heldElsewhereOne:
      "{{systemIds}} is another registration's System ID: a registered server is not a shadow here. Check the site's leads in the companion, then report again.",
    heldElsewhereMany:
      "{{systemIds}} are another registration's System ID: a registered server is not a shadow here. Check the site's leads in the companion, then report again.",
    belongsToAnother: 'System ID {{systemId}} belongs to another registration.',
    noLead: 'Mark the server whose System ID is {{systemId}} as the lead: a report lists exactly one lead.',
    oneLead: 'Only one server leads a registration; {{lead}} is the lead already. Mark this one as a shadow.',
    leadNotCurrent:
      "The lead's System ID must be {{current}}, this registration's System ID, not {{systemId}}. Read the site again, or associate the new System ID first.",
    listedTwice: 'System ID {{systemId}} is listed twice (also {{first}}): list each server once.',
    addressesNotListed: 'Some addresses are not in our lists: see the fields marked.',
    warrantyLeaveOut: 'Warranty information is edited by the partner or branch: leave it out.',
    warrantyPartnerOrBranch: 'Only a Partner or Branch account can edit warranty information.',
    consentLeaveOut:
      'Consent to share system and personal information is the end user’s to give: leave it out. The registration stays pending until the end user consents.',
    consentEndUserOnly: 'Only the end user gives consent.',
    fillInstallation: 'Fill in the installation and system information.',
    fillSiteAdministrator: 'Fill in the site administrator.',
    newRegistrationNeeds: 'A new registration needs the installation and the site administrator.',
    replacedAfterWipe: 'System ID "{{systemId}}" was replaced by a new System ID on {{date}} after a database wipe; its registration continues under the new ID.',
    invitedAcceptFirst: 'You were invited to this system: open the link in the invitation mail sent to {{email}} and accept it there first.',
    changedMeanwhile:
      'This registration was changed by someone else since you opened it (revision {{revision}}, yours {{yours}}). Reload it and make your change again.',
    lockedForIntegrator:
      'The end user has edited this system or is associated with it, so installation and site administrator data are theirs to change now. Ask the end user.',
    lockedForIntegratorIssue: 'Locked for the integrator.',
    warrantyIntegratorOnly: 'Warranty information is edited by the partner or branch only.',
    warrantyIntegratorOnlyIssue: 'Only the integrator edits warranty information.',
    notYoursToInvite: 'This system is not associated with your account: only its owners can invite.',
    hasIntegrator: 'This system has its integrator already ({{email}}).',
    hasEndUser: 'This system has its end user already ({{email}}).',
    inviteSomeoneElse: 'Invite someone else: you are associated with this system already.',
    ownAddress: 'That is your own address.',
    invitedAlreadyUntil: '{{email}} is invited already, until {{date}}. Invite another address, or wait for them to accept.',
    invitedAlready: 'Invited already.',
    invitationLinkInvalid: 'This invitation link is not valid: open the link exactly as the invitation mail gives it, or ask for a new invitation.',
    acceptedAlreadyIntegrator: "You accepted this invitation already: you are this system's integrator.",
    acceptedAlreadyEndUser: "You accepted this invitation already: you are this system's end user.",
    invitationUsed: "This invitation was accepted already; a link works once. Ask the system's owner for a new invitation if you need one.",
    invitationExpired: "This invitation expired on {{date}}. Ask the system's owner to invite you again.",
    verifyBeforeAccepting: 'Verify your e-mail address first: open the link we sent to {{email}} when you signed up (or ask for it again after logging on), then accept.',
    invitationForOther: 'This invitation is for {{invited}}, and you logged on as {{email}}. Log on with the account of the invited address.',
    invitationForIntegrator:
      "This invitation is for the system's integrator, which takes a Partner or Branch account; yours is not one. Ask the owner to invite the right account.",
    invitationForEndUser: "This invitation is for the system's end user, which takes an End user account; yours is not one. Ask the owner to invite the right account.",
    integratorTaken: 'This system has its integrator already, so the invitation can no longer be accepted.',
    endUserTaken: 'This system has its end user already, so the invitation can no longer be accepted.',
    sameSystemId: 'The new System ID is the one already registered.',
    enterRecreatedSystemId: 'Enter the System ID the server shows since its database was recreated.',
    systemIdTaken: 'System ID "{{systemId}}" is registered already: a System ID can belong to one registration only.',
    alreadyRegistered: 'Already registered.',
    notYoursToAssociate: 'This system is not associated with your account: only its integrator or end user can associate a new System ID.',
    associateInPlaceOfCurrent:
      'System ID "{{systemId}}" is no longer this registration\'s System ID: it is {{current}} now. Associate the new System ID in place of {{current}}.',
    shadowNotAssociated:
      "System ID {{systemId}} is a shadow of {{lead}} (reported {{date}}): a shadow inherits its lead's registration and is never associated on its own. Write the lead's registration to it again from the companion instead.",
    shadowOf: 'A shadow of {{lead}}.',

    // Offline requests (services/offline-code-service.ts).
    requestNotRight: 'The request code is not right: {{reason}}',
    requestIsToRegister:
      "This request was made to register the system (or to modify its registration); choose Register, not Associate. If the server's database was wiped, make an association request on the site computer instead.",
    requestIsToAssociate:
      'This request was made to associate a new System ID after a database wipe; choose Associate a new System ID, with the registered System ID it replaces and the new one the request was made for.',
    requestAsksToRegister: 'The request asks to register.',
    requestAsksToAssociate: 'The request asks to associate.',
    enterWipedSystemId: 'Enter the new System ID the wiped server shows now.',
    neededToAssociate: 'Needed to associate a new System ID.',
    requestNotForSystemId:
      'This request code was not made for System ID "{{systemId}}". System IDs are case-sensitive: check upper and lower case against the site\'s screen.',
    requestNotForSystemIdFile:
      'This request code was not made for System ID "{{systemId}}". System IDs are case-sensitive: check upper and lower case against the site\'s screen. The request file says it is for "{{fileSystemId}}".',
    requestDoesNotMatch: 'Does not match the request code: check upper and lower case.',
    answeredForAnother: 'This request was answered already for another system. Make a new request on the site computer.',
    registerReplacedSystemId:
      'System ID "{{systemId}}" was replaced by {{current}} after a database wipe: a code for the old ID would register a database that no longer exists. Make the request on the server as it is now.',
    inventoryNoMac: 'The request file carries no MAC for its inventory (the site computer had no portal key).',
    inventoryUnknownKey: "The inventory's MAC was made with portal key {{keyId}}, which this portal does not hold.",
    inventoryChanged:
      'The server list (inventory) in this request file does not match its MAC: the file was changed after the site computer made it. Save the request file on the site computer again and bring it unchanged, or type the request code instead (it carries no inventory).',
    fileChanged: 'The file was changed after it was made.',
    replacesReplaced:
      "This request replaces System ID {{named}}, which was itself replaced earlier: this registration's System ID is {{current}}, and an association must replace that one. On the site computer, read the site again and make a new association request.",
    replacesOther:
      "This request replaces a System ID that is not this registration's: this registration's System ID is {{current}}, and an association must replace that one. Check that this is the right registration; otherwise make the association request again on the site computer.",
    // The web app's session cookie (portal/http/web-session.ts).
    webCsrfMissing: 'This request carries the session cookie but not its CSRF token (x-csrf-token), or a wrong one. Reload the page and try again.',
    webOtherSite: 'This request comes from another site. The portal takes requests made with its session cookie only from its own pages.',
  },
  {
    unknownField: 'Champ inconnu « {{field}} » : omettez-le.',
    moreIssues_one: '{{count}} autre problème du même genre : corrigez d’abord ceux ci-dessus, puis renvoyez la requête.',
    moreIssues_other: '{{count}} autres problèmes du même genre : corrigez d’abord ceux ci-dessus, puis renvoyez la requête.',
    noQueryParameters: 'Cette adresse n’accepte aucun paramètre de requête : omettez-les.',
    unknownParameter: 'Paramètre inconnu « {{name}} » : omettez-le.',
    repeatedParameters: 'Un paramètre de requête est donné plusieurs fois : donnez chacun une seule fois.',
    giveOnce: 'Donnez « {{name}} » une seule fois.',
    invalidQuery: 'Certains paramètres de requête ne sont pas valides : voyez chaque paramètre.',
    invalidPath: 'L’adresse de cette requête n’est pas valide.',
    invalidFields: 'Certains champs ne sont pas valides : voyez chaque champ.',
    noBodyTaken: 'Cette requête n’accepte pas de corps.',
    sendNoBody: 'N’envoyez pas de corps.',
    nulCharacter: 'Un texte de cette requête contient un caractère NUL (U+0000), que le portail ne peut pas enregistrer : supprimez-le.',
    removeNul: 'Supprimez le caractère NUL (U+0000).',
    verifyFirst:
      'Vérifiez d’abord votre adresse e-mail : ouvrez le lien que nous avons envoyé à {{email}}. D’ici là, ce compte peut se connecter et vérifier son adresse, et rien d’autre. Pas d’e-mail ? Demandez de nouveau le lien (POST /api/v1/me/verification ; dans BMS Companion : « Renvoyer le lien »).',
    mfaEnrolmentRequired:
      'Les comptes Partenaire et Agence doivent d’abord activer l’authentification multifacteur : configurez une application d’authentification.',
    sessionWithoutMfa: 'Cette session a été ouverte sans le code d’authentification. Reconnectez-vous avec ce code.',
    badPercentEscape:
      'L’adresse n’est pas valide : un « % » doit commencer une séquence d’échappement telle que %2F (écrivez le caractère « % » lui-même sous la forme %25), et les séquences doivent former de l’UTF-8 valide.',
    badPercentEscapeIssue: 'Séquence d’échappement % incorrecte dans l’adresse.',
    addressPartTooLong: 'Une partie de l’adresse dépasse {{max}} caractères : un ID système en compte au plus 128.',
    addressPartTooLongIssue: 'Partie de l’adresse trop longue.',
    bodyTooLarge: 'Le corps de la requête dépasse {{size}}, le maximum que cette requête accepte : envoyez moins de données.',
    sendJson: 'Envoyez le corps en JSON, avec Content-Type: application/json.',
    emptyJsonBody: 'Le corps est vide mais se déclare en JSON : envoyez {} ou omettez le Content-Type.',
    emptyBody: 'Corps vide.',
    invalidJson: 'Le corps n’est pas du JSON valide : {{reason}}',
    notJson: 'Pas du JSON.',
    internal:
      'Une erreur s’est produite sur le portail ; la requête n’a pas été exécutée. Réessayez ; si le problème persiste, prévenez l’administrateur du portail.',
    databaseUnavailable:
      'Le portail ne joint pas sa base de données pour l’instant ; la requête n’a pas été exécutée. Réessayez dans quelques secondes ; si le problème persiste, prévenez l’administrateur du portail.',
    noSuchRouteMethod: 'Il n’existe pas de {{request}} sur ce portail : cette adresse répond à {{methods}}. Voir /api/v1/openapi.json.',
    metricsForbidden: 'Les métriques ne sont données qu’au collecteur qui présente le jeton configuré, ou, sans jeton, à une connexion directe depuis la machine du portail.',
    noSuchRoute: 'Il n’existe pas de {{request}} sur ce portail. Voir /api/v1/openapi.json.',
    headersTooLarge: 'Les en-têtes de la requête dépassent ce que le portail accepte : envoyez des en-têtes moins nombreux ou plus courts.',
    requestTimeout: 'La requête a mis trop de temps à arriver : renvoyez-la.',
    notHttp: 'La requête n’est pas du HTTP valide : renvoyez-la avec un client HTTP standard.',

    signUpBusy: 'Le portail traite de nombreuses inscriptions à la fois. Réessayez dans quelques secondes.',
    branchSignUpClosed:
      'Les comptes Agence sont réservés au personnel du fournisseur et ne sont pas ouverts à l’inscription ici. Inscrivez-vous comme partenaire ou comme utilisateur final.',
    partnerNeedsOrganization: 'Un compte Partenaire doit indiquer le nom de l’organisation.',
    enterOrganization: 'Saisissez le nom de votre organisation.',
    signUpSent:
      'Nous avons envoyé un message à {{email}}. Ouvrez le lien qu’il contient pour vérifier l’adresse ; d’ici là, le compte peut se connecter et vérifier son adresse, et rien d’autre.',
    verifiedAlready: '{{email}} est déjà vérifiée : il n’y a rien à envoyer.',
    verificationResent: 'Nous avons envoyé un nouveau lien à {{email}}. Ouvrez-le pour vérifier l’adresse ; il reste valable {{hours}} heures.',
    signUpsFromAddress: 'Trop d’inscriptions depuis cette adresse réseau en une minute. Attendez une minute et réessayez.',
    signUpsFromEveryone: 'Trop d’inscriptions, toutes origines confondues, en une minute. Attendez une minute et réessayez.',
    verificationMailsFromAccount: 'Trop d’e-mails de vérification demandés par ce compte en une minute. Attendez une minute et réessayez.',
    verificationMailsFromAddress: 'Trop d’e-mails de vérification demandés depuis cette adresse réseau en une minute. Attendez une minute et réessayez.',
    verificationMailsFromEveryone: 'Trop d’e-mails de vérification demandés, toutes origines confondues, en une minute. Attendez une minute et réessayez.',
    logOnsSlowed:
      'De nombreuses connexions ont échoué récemment depuis cette adresse réseau : les connexions depuis celle-ci sont ralenties et peu sont traitées à la fois. Réessayez dans quelques secondes.',
    wrongCredentials: 'L’adresse e-mail ou le mot de passe est incorrect.',
    wrongAuthenticatorCode: 'Le code d’authentification est incorrect ou a expiré : saisissez le code que votre application affiche maintenant.',
    authenticatorCodeUsed: 'Ce code d’authentification a déjà été utilisé : attendez le suivant.',
    wrongRecoveryCode: 'Ce code de récupération est incorrect ou a déjà été utilisé.',
    enterMfaCode: 'Saisissez le code à 6 chiffres de votre application d’authentification, ou l’un de vos codes de récupération.',
    failedFromAccount: 'Trop de tentatives échouées pour ce compte. Attendez 15 minutes et réessayez.',
    failedFromAddress: 'Trop de tentatives échouées depuis cette adresse réseau. Attendez 15 minutes et réessayez.',
    noSession: 'Connectez-vous d’abord : cette requête ne porte aucune session.',
    sessionEnded: 'Votre session a expiré ou a été fermée. Reconnectez-vous.',
    wrongCurrentPassword: 'Le mot de passe actuel est incorrect.',
    notCurrentPassword: 'Ce n’est pas votre mot de passe actuel.',
    samePassword: 'Choisissez un nouveau mot de passe différent de l’actuel.',
    sameAsCurrentPassword: 'Identique au mot de passe actuel.',
    mfaOnAlready: 'L’authentification multifacteur est déjà activée pour ce compte.',
    noEnrolment: 'Commencez d’abord la configuration : aucun secret d’authentification n’attend de confirmation.',
    enrolmentCodeMismatch: 'Le code ne correspond pas : vérifiez l’heure de votre téléphone et saisissez le code qu’il affiche maintenant.',
    wrongOrExpiredCode: 'Code incorrect ou expiré.',
    enrolmentChanged: 'La configuration a été terminée ou relancée entre-temps. Recommencez-la.',

    unknownCountry: '{{country}} n’est pas un code de pays que nous connaissons : choisissez le pays dans la liste.',
    noStates: '{{country}} n’a pas d’État ni de province dans notre liste : laissez l’État vide.',
    unknownState: '{{state}} n’est pas un État ou une province de {{country}} : choisissez-en un dans la liste.',
    chooseState: 'Choisissez l’État ou la province pour {{country}}.',
    unknownCity: '{{city}} ne figure pas dans notre liste des villes de {{state}}, {{country}} : choisissez la ville dans la liste.',

    notRegistered:
      'Aucun système n’est enregistré avec l’ID système « {{systemId}} ». Les ID système distinguent majuscules et minuscules : vérifiez-les, l’ID doit être exactement tel que le serveur l’affiche.',
    notYours: 'Ce système n’est pas associé à votre compte : seuls son intégrateur et son utilisateur final peuvent le consulter.',
    accessUnregistered: 'Cet ID système n’est pas encore enregistré : poursuivez pour l’enregistrer.',
    accessReplaced: 'Cet ID système a été remplacé par {{systemId}} le {{date}} (effacement de la base de données). Utilisez le nouvel ID système.',
    accessYoursIntegrator: 'Vous êtes l’intégrateur de ce système : poursuivez pour le consulter ou le modifier.',
    accessYoursEndUser: 'Vous êtes l’utilisateur final de ce système : poursuivez pour le consulter ou le modifier.',
    accessInvitedIntegrator:
      'Vous avez été invité à devenir l’intégrateur de ce système : ouvrez le lien de l’e-mail d’invitation envoyé à {{email}} et acceptez l’invitation, puis revenez ici.',
    accessInvitedEndUser:
      'Vous avez été invité à devenir l’utilisateur final de ce système : ouvrez le lien de l’e-mail d’invitation envoyé à {{email}} et acceptez l’invitation, puis revenez ici.',
    takenByIntegratorOf:
      'Ce système est enregistré par un autre compte intégrateur ({{organization}}). Un seul compte Agence ou Partenaire peut être associé à un système : demandez à cette organisation de vous le transférer, ou contactez l’assistance à l’enregistrement.',
    takenByIntegrator:
      'Ce système est enregistré par un autre compte intégrateur. Un seul compte Agence ou Partenaire peut être associé à un système : demandez à cette organisation de vous le transférer, ou contactez l’assistance à l’enregistrement.',
    becomeIntegratorAskOrganization:
      'Ce système est enregistré par {{organization}}. Pour devenir son intégrateur, demandez-lui d’inviter {{email}} (dans l’enregistrement du système : Inviter).',
    becomeIntegratorAskIntegrator:
      'Ce système est enregistré par un compte intégrateur. Pour devenir son intégrateur, demandez à ce compte d’inviter {{email}} (dans l’enregistrement du système : Inviter).',
    becomeIntegratorAskEndUser:
      'Ce système est enregistré par un compte utilisateur final. Pour devenir son intégrateur, demandez à ce compte d’inviter {{email}} (dans l’enregistrement du système : Inviter).',
    takenByEndUser:
      'Ce système est associé à un autre compte utilisateur final. Un seul compte utilisateur final peut être associé à un système : adressez-vous à son propriétaire, ou contactez l’assistance à l’enregistrement.',
    becomeEndUserAskOrganization:
      'Ce système est enregistré par {{organization}}. Pour y être associé comme utilisateur final, demandez-lui d’inviter {{email}} (dans l’enregistrement du système : Inviter).',
    becomeEndUserAskIntegrator:
      'Ce système est enregistré par un compte intégrateur. Pour y être associé comme utilisateur final, demandez à ce compte d’inviter {{email}} (dans l’enregistrement du système : Inviter).',
    becomeEndUserAskEndUser:
      'Ce système est enregistré par un compte utilisateur final. Pour y être associé comme utilisateur final, demandez à ce compte d’inviter {{email}} (dans l’enregistrement du système : Inviter).',
    reportUnderCurrent:
      'L’ID système « {{systemId}} » n’est plus celui de cet enregistrement : c’est désormais {{current}}. Transmettez l’inventaire sous {{current}}, avec celui-ci comme serveur principal.',
    currentSystemIdIs: 'L’ID système de cet enregistrement est {{systemId}}.',
    registrationGone: 'L’enregistrement {{id}} n’existe pas : la demande a reçu une réponse pour un enregistrement qui n’existe plus.',
    serverListWrong: 'La liste des serveurs n’est pas correcte : voyez chaque serveur.',
    leadChanged:
      'L’ID système de cet enregistrement est devenu {{systemId}} pendant l’envoi du rapport. Relisez le site et transmettez-le avec {{systemId}} comme serveur principal.',
    heldElsewhereOne:
      '{{systemIds}} est l’ID système d’un autre enregistrement : un serveur enregistré ne peut pas être ici un serveur Shadow. Vérifiez les serveurs principaux du site dans le Companion, puis transmettez de nouveau.',
    heldElsewhereMany:
      '{{systemIds}} sont des ID système d’un autre enregistrement : un serveur enregistré ne peut pas être ici un serveur Shadow. Vérifiez les serveurs principaux du site dans le Companion, puis transmettez de nouveau.',
    belongsToAnother: 'L’ID système {{systemId}} appartient à un autre enregistrement.',
    noLead: 'Désignez comme serveur principal le serveur dont l’ID système est {{systemId}} : un rapport compte exactement un serveur principal.',
    oneLead: 'Un enregistrement n’a qu’un seul serveur principal ; {{lead}} l’est déjà. Faites de celui-ci un serveur Shadow.',
    leadNotCurrent:
      'L’ID système du serveur principal doit être {{current}}, l’ID système de cet enregistrement, et non {{systemId}}. Relisez le site, ou associez d’abord le nouvel ID système.',
    listedTwice: 'L’ID système {{systemId}} figure deux fois (aussi en {{first}}) : ne listez chaque serveur qu’une fois.',
    addressesNotListed: 'Certaines adresses ne figurent pas dans nos listes : voyez les champs signalés.',
    warrantyLeaveOut: 'Les informations de garantie sont modifiées par le partenaire ou l’agence : omettez-les.',
    warrantyPartnerOrBranch: 'Seul un compte Partenaire ou Agence peut modifier les informations de garantie.',
    consentLeaveOut:
      'C’est à l’utilisateur final de consentir au partage des informations système et personnelles : omettez ce consentement. L’enregistrement reste en attente tant que l’utilisateur final n’a pas consenti.',
    consentEndUserOnly: 'Seul l’utilisateur final donne son consentement.',
    fillInstallation: 'Renseignez l’installation et les informations système.',
    fillSiteAdministrator: 'Renseignez l’administrateur du site.',
    newRegistrationNeeds: 'Un nouvel enregistrement nécessite l’installation et l’administrateur du site.',
    replacedAfterWipe:
      'L’ID système « {{systemId}} » a été remplacé par un nouvel ID système le {{date}} après un effacement de la base de données ; son enregistrement se poursuit sous le nouvel ID.',
    invitedAcceptFirst: 'Vous avez été invité pour ce système : ouvrez d’abord le lien de l’e-mail d’invitation envoyé à {{email}} et acceptez l’invitation.',
    changedMeanwhile:
      'Cet enregistrement a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert (révision {{revision}}, la vôtre {{yours}}). Rechargez-le et refaites votre modification.',
    lockedForIntegrator:
      'L’utilisateur final a modifié ce système ou y est associé : c’est désormais à lui de modifier l’installation et l’administrateur du site. Adressez-vous à l’utilisateur final.',
    lockedForIntegratorIssue: 'Verrouillé pour l’intégrateur.',
    warrantyIntegratorOnly: 'Les informations de garantie ne sont modifiées que par le partenaire ou l’agence.',
    warrantyIntegratorOnlyIssue: 'Seul l’intégrateur modifie les informations de garantie.',
    notYoursToInvite: 'Ce système n’est pas associé à votre compte : seuls ses propriétaires peuvent inviter.',
    hasIntegrator: 'Ce système a déjà son intégrateur ({{email}}).',
    hasEndUser: 'Ce système a déjà son utilisateur final ({{email}}).',
    inviteSomeoneElse: 'Invitez quelqu’un d’autre : vous êtes déjà associé à ce système.',
    ownAddress: 'C’est votre propre adresse.',
    invitedAlreadyUntil: '{{email}} est déjà invité, jusqu’au {{date}}. Invitez une autre adresse, ou attendez que l’invitation soit acceptée.',
    invitedAlready: 'Déjà invité.',
    invitationLinkInvalid:
      'Ce lien d’invitation n’est pas valide : ouvrez le lien exactement tel que l’e-mail d’invitation le donne, ou demandez une nouvelle invitation.',
    acceptedAlreadyIntegrator: 'Vous avez déjà accepté cette invitation : vous êtes l’intégrateur de ce système.',
    acceptedAlreadyEndUser: 'Vous avez déjà accepté cette invitation : vous êtes l’utilisateur final de ce système.',
    invitationUsed:
      'Cette invitation a déjà été acceptée ; un lien ne sert qu’une fois. Demandez au propriétaire du système une nouvelle invitation si vous en avez besoin.',
    invitationExpired: 'Cette invitation a expiré le {{date}}. Demandez au propriétaire du système de vous inviter de nouveau.',
    verifyBeforeAccepting:
      'Vérifiez d’abord votre adresse e-mail : ouvrez le lien que nous avons envoyé à {{email}} lors de votre inscription (ou redemandez-le après vous être connecté), puis acceptez.',
    invitationForOther: 'Cette invitation est destinée à {{invited}}, et vous êtes connecté en tant que {{email}}. Connectez-vous avec le compte de l’adresse invitée.',
    invitationForIntegrator:
      'Cette invitation concerne l’intégrateur du système, rôle qui requiert un compte Partenaire ou Agence ; le vôtre n’en est pas un. Demandez au propriétaire d’inviter le bon compte.',
    invitationForEndUser:
      'Cette invitation concerne l’utilisateur final du système, rôle qui requiert un compte Utilisateur final ; le vôtre n’en est pas un. Demandez au propriétaire d’inviter le bon compte.',
    integratorTaken: 'Ce système a déjà son intégrateur : l’invitation ne peut plus être acceptée.',
    endUserTaken: 'Ce système a déjà son utilisateur final : l’invitation ne peut plus être acceptée.',
    sameSystemId: 'Le nouvel ID système est celui qui est déjà enregistré.',
    enterRecreatedSystemId: 'Saisissez l’ID système que le serveur affiche depuis que sa base de données a été recréée.',
    systemIdTaken: 'L’ID système « {{systemId}} » est déjà enregistré : un ID système ne peut appartenir qu’à un seul enregistrement.',
    alreadyRegistered: 'Déjà enregistré.',
    notYoursToAssociate:
      'Ce système n’est pas associé à votre compte : seuls son intégrateur ou son utilisateur final peuvent associer un nouvel ID système.',
    associateInPlaceOfCurrent:
      'L’ID système « {{systemId}} » n’est plus celui de cet enregistrement : c’est désormais {{current}}. Associez le nouvel ID système à la place de {{current}}.',
    shadowNotAssociated:
      'L’ID système {{systemId}} est un serveur Shadow de {{lead}} (transmis le {{date}}) : un serveur Shadow hérite de l’enregistrement de son serveur principal et n’est jamais associé seul. Écrivez-y plutôt de nouveau l’enregistrement du serveur principal depuis le Companion.',
    shadowOf: 'Un serveur Shadow de {{lead}}.',

    requestNotRight: 'Le code de demande n’est pas correct : {{reason}}',
    requestIsToRegister:
      'Cette demande a été faite pour enregistrer le système (ou modifier son enregistrement) ; choisissez Enregistrer, et non Associer. Si la base de données du serveur a été effacée, faites plutôt une demande d’association sur l’ordinateur du site.',
    requestIsToAssociate:
      'Cette demande a été faite pour associer un nouvel ID système après un effacement de la base de données ; choisissez Associer un nouvel ID système, avec l’ID système enregistré qu’il remplace et le nouvel ID pour lequel la demande a été faite.',
    requestAsksToRegister: 'La demande porte sur un enregistrement.',
    requestAsksToAssociate: 'La demande porte sur une association.',
    enterWipedSystemId: 'Saisissez le nouvel ID système que le serveur effacé affiche maintenant.',
    neededToAssociate: 'Nécessaire pour associer un nouvel ID système.',
    requestNotForSystemId:
      'Ce code de demande n’a pas été fait pour l’ID système « {{systemId}} ». Les ID système distinguent majuscules et minuscules : vérifiez-les sur l’écran du site.',
    requestNotForSystemIdFile:
      'Ce code de demande n’a pas été fait pour l’ID système « {{systemId}} ». Les ID système distinguent majuscules et minuscules : vérifiez-les sur l’écran du site. Le fichier de demande indique qu’il est destiné à « {{fileSystemId}} ».',
    requestDoesNotMatch: 'Ne correspond pas au code de demande : vérifiez les majuscules et minuscules.',
    answeredForAnother: 'Cette demande a déjà reçu une réponse pour un autre système. Faites une nouvelle demande sur l’ordinateur du site.',
    registerReplacedSystemId:
      'L’ID système « {{systemId}} » a été remplacé par {{current}} après un effacement de la base de données : un code pour l’ancien ID enregistrerait une base de données qui n’existe plus. Faites la demande sur le serveur tel qu’il est maintenant.',
    inventoryNoMac: 'Le fichier de demande ne porte aucun MAC pour son inventaire (l’ordinateur du site n’avait pas de clé du portail).',
    inventoryUnknownKey: 'Le MAC de l’inventaire a été calculé avec la clé de portail {{keyId}}, que ce portail ne détient pas.',
    inventoryChanged:
      'La liste des serveurs (inventaire) de ce fichier de demande ne correspond pas à son MAC : le fichier a été modifié après sa création sur l’ordinateur du site. Enregistrez de nouveau le fichier de demande sur l’ordinateur du site et apportez-le sans le modifier, ou saisissez plutôt le code de demande (il ne contient pas d’inventaire).',
    fileChanged: 'Le fichier a été modifié après sa création.',
    replacesReplaced:
      'Cette demande remplace l’ID système {{named}}, qui a lui-même été remplacé auparavant : l’ID système de cet enregistrement est {{current}}, et une association doit remplacer celui-ci. Sur l’ordinateur du site, relisez le site et faites une nouvelle demande d’association.',
    replacesOther:
      'Cette demande remplace un ID système qui n’est pas celui de cet enregistrement : l’ID système de cet enregistrement est {{current}}, et une association doit remplacer celui-ci. Vérifiez qu’il s’agit du bon enregistrement ; sinon, refaites la demande d’association sur l’ordinateur du site.',
    webCsrfMissing: 'Cette requête porte le cookie de session mais pas son jeton CSRF (x-csrf-token), ou un jeton erroné. Rechargez la page et réessayez.',
    webOtherSite: 'Cette requête vient d’un autre site. Le portail n’accepte les requêtes faites avec son cookie de session que depuis ses propres pages.',
  },
  {
    unknownField: 'Unbekanntes Feld „{{field}}“: Lassen Sie es weg.',
    moreIssues_one: '{{count}} weiteres Problem dieser Art: Beheben Sie zuerst die obigen und senden Sie die Anfrage erneut.',
    moreIssues_other: '{{count}} weitere Probleme dieser Art: Beheben Sie zuerst die obigen und senden Sie die Anfrage erneut.',
    noQueryParameters: 'Diese Adresse nimmt keine Abfrageparameter an: Lassen Sie sie weg.',
    unknownParameter: 'Unbekannter Parameter „{{name}}“: Lassen Sie ihn weg.',
    repeatedParameters: 'Ein Abfrageparameter ist mehrfach angegeben: Geben Sie jeden nur einmal an.',
    giveOnce: 'Geben Sie „{{name}}“ nur einmal an.',
    invalidQuery: 'Einige Abfrageparameter sind ungültig: Siehe die einzelnen Parameter.',
    invalidPath: 'Die Adresse dieser Anfrage ist ungültig.',
    invalidFields: 'Einige Felder sind ungültig: Siehe die einzelnen Felder.',
    noBodyTaken: 'Diese Anfrage nimmt keinen Body an.',
    sendNoBody: 'Senden Sie keinen Body.',
    nulCharacter: 'Ein Text dieser Anfrage enthält ein NUL-Zeichen (U+0000), das das Portal nicht speichern kann: Entfernen Sie es.',
    removeNul: 'Entfernen Sie das NUL-Zeichen (U+0000).',
    verifyFirst:
      'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir an {{email}} gesendet haben. Bis dahin kann sich dieses Konto nur anmelden und die Adresse bestätigen. Keine E-Mail erhalten? Fordern Sie den Link erneut an (POST /api/v1/me/verification; in BMS Companion: „Link erneut senden“).',
    mfaEnrolmentRequired:
      'Partner- und Niederlassungskonten müssen zuerst die Multi-Faktor-Authentifizierung aktivieren: Richten Sie eine Authenticator-App ein.',
    sessionWithoutMfa: 'Diese Sitzung wurde ohne den Authentifizierungscode geöffnet. Melden Sie sich erneut mit dem Code an.',
    badPercentEscape:
      'Die Adresse ist ungültig: Ein „%“ muss eine Escape-Sequenz wie %2F einleiten (ein „%“ selbst schreiben Sie als %25), und die Escape-Sequenzen müssen gültiges UTF-8 ergeben.',
    badPercentEscapeIssue: 'Fehlerhafte %-Escape-Sequenz in der Adresse.',
    addressPartTooLong: 'Ein Teil der Adresse ist länger als {{max}} Zeichen: Eine System-ID hat höchstens 128.',
    addressPartTooLongIssue: 'Adressteil zu lang.',
    bodyTooLarge: 'Der Body der Anfrage ist größer als {{size}}, das Maximum für diese Anfrage: Senden Sie weniger.',
    sendJson: 'Senden Sie den Body als JSON, mit Content-Type: application/json.',
    emptyJsonBody: 'Der Body ist leer, gibt sich aber als JSON aus: Senden Sie {} oder lassen Sie den Content-Type weg.',
    emptyBody: 'Leerer Body.',
    invalidJson: 'Der Body ist kein gültiges JSON: {{reason}}',
    notJson: 'Kein JSON.',
    internal:
      'Im Portal ist ein Fehler aufgetreten; die Anfrage wurde nicht ausgeführt. Versuchen Sie es erneut; wenn der Fehler bestehen bleibt, wenden Sie sich an den Portaladministrator.',
    databaseUnavailable:
      'Das Portal erreicht seine Datenbank gerade nicht; die Anfrage wurde nicht ausgeführt. Versuchen Sie es in einigen Sekunden erneut; wenn es so bleibt, wenden Sie sich an den Portaladministrator.',
    noSuchRouteMethod: 'Auf diesem Portal gibt es kein {{request}}: Diese Adresse antwortet auf {{methods}}. Siehe /api/v1/openapi.json.',
    metricsForbidden: 'Metriken erhält nur der Collector mit dem konfigurierten Token oder, ohne Token, eine direkte Verbindung von der Maschine des Portals.',
    noSuchRoute: 'Auf diesem Portal gibt es kein {{request}}. Siehe /api/v1/openapi.json.',
    headersTooLarge: 'Die Header der Anfrage sind größer, als das Portal annimmt: Senden Sie weniger oder kürzere Header.',
    requestTimeout: 'Die Anfrage hat zu lange gebraucht: Senden Sie sie erneut.',
    notHttp: 'Die Anfrage ist kein gültiges HTTP: Senden Sie sie erneut mit einem Standard-HTTP-Client.',

    signUpBusy: 'Das Portal bearbeitet gerade viele Kontoerstellungen gleichzeitig. Versuchen Sie es in einigen Sekunden erneut.',
    branchSignUpClosed:
      'Niederlassungskonten sind für Mitarbeitende des Herstellers bestimmt und können hier nicht erstellt werden. Erstellen Sie ein Konto als Partner oder als Endbenutzer.',
    partnerNeedsOrganization: 'Ein Partnerkonto benötigt den Namen der Organisation.',
    enterOrganization: 'Geben Sie den Namen Ihrer Organisation ein.',
    signUpSent:
      'Wir haben eine Nachricht an {{email}} gesendet. Öffnen Sie den Link darin, um die Adresse zu bestätigen; bis dahin kann sich das Konto nur anmelden und die Adresse bestätigen.',
    verifiedAlready: '{{email}} ist bereits bestätigt: Es gibt nichts zu senden.',
    verificationResent: 'Wir haben einen neuen Link an {{email}} gesendet. Öffnen Sie ihn, um die Adresse zu bestätigen; er gilt {{hours}} Stunden.',
    signUpsFromAddress: 'Zu viele Kontoerstellungen von dieser Netzwerkadresse in dieser Minute. Warten Sie eine Minute und versuchen Sie es erneut.',
    signUpsFromEveryone: 'Zu viele Kontoerstellungen insgesamt in dieser Minute. Warten Sie eine Minute und versuchen Sie es erneut.',
    verificationMailsFromAccount: 'Zu viele Bestätigungs-E-Mails für dieses Konto in dieser Minute. Warten Sie eine Minute und versuchen Sie es erneut.',
    verificationMailsFromAddress:
      'Zu viele Bestätigungs-E-Mails von dieser Netzwerkadresse in dieser Minute. Warten Sie eine Minute und versuchen Sie es erneut.',
    verificationMailsFromEveryone: 'Zu viele Bestätigungs-E-Mails insgesamt in dieser Minute. Warten Sie eine Minute und versuchen Sie es erneut.',
    logOnsSlowed:
      'Von dieser Netzwerkadresse sind in letzter Zeit viele Anmeldungen fehlgeschlagen; Anmeldungen von ihr werden daher verlangsamt und nur wenige gleichzeitig bearbeitet. Versuchen Sie es in einigen Sekunden erneut.',
    wrongCredentials: 'Die E-Mail-Adresse oder das Passwort ist falsch.',
    wrongAuthenticatorCode: 'Der Authentifizierungscode ist falsch oder abgelaufen: Geben Sie den Code ein, den Ihre App jetzt anzeigt.',
    authenticatorCodeUsed: 'Dieser Authentifizierungscode wurde bereits verwendet: Warten Sie auf den nächsten.',
    wrongRecoveryCode: 'Dieser Wiederherstellungscode ist falsch oder wurde bereits verwendet.',
    enterMfaCode: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.',
    failedFromAccount: 'Zu viele fehlgeschlagene Versuche für dieses Konto. Warten Sie 15 Minuten und versuchen Sie es erneut.',
    failedFromAddress: 'Zu viele fehlgeschlagene Versuche von dieser Netzwerkadresse. Warten Sie 15 Minuten und versuchen Sie es erneut.',
    noSession: 'Melden Sie sich zuerst an: Diese Anfrage enthält keine Sitzung.',
    sessionEnded: 'Ihre Sitzung ist abgelaufen oder wurde abgemeldet. Melden Sie sich erneut an.',
    wrongCurrentPassword: 'Das aktuelle Passwort ist falsch.',
    notCurrentPassword: 'Dies ist nicht Ihr aktuelles Passwort.',
    samePassword: 'Wählen Sie ein neues Passwort, das sich vom aktuellen unterscheidet.',
    sameAsCurrentPassword: 'Gleich dem aktuellen Passwort.',
    mfaOnAlready: 'Die Multi-Faktor-Authentifizierung ist für dieses Konto bereits aktiviert.',
    noEnrolment: 'Starten Sie zuerst die Einrichtung: Es wartet kein Authenticator-Geheimnis auf Bestätigung.',
    enrolmentCodeMismatch: 'Der Code stimmt nicht: Prüfen Sie die Uhrzeit Ihres Telefons und geben Sie den Code ein, den es jetzt anzeigt.',
    wrongOrExpiredCode: 'Falscher oder abgelaufener Code.',
    enrolmentChanged: 'Die Einrichtung wurde inzwischen abgeschlossen oder neu gestartet. Starten Sie sie erneut.',

    unknownCountry: '{{country}} ist kein uns bekannter Ländercode: Wählen Sie das Land aus der Liste.',
    noStates: '{{country}} hat in unserer Liste keine Bundesstaaten oder Provinzen: Lassen Sie das Feld leer.',
    unknownState: '{{state}} ist kein Bundesstaat und keine Provinz von {{country}}: Wählen Sie einen Eintrag aus der Liste.',
    chooseState: 'Wählen Sie den Bundesstaat oder die Provinz in {{country}}.',
    unknownCity: '{{city}} ist nicht in unserer Liste der Städte von {{state}}, {{country}}: Wählen Sie die Stadt aus der Liste.',

    notRegistered:
      'Mit der System-ID „{{systemId}}“ ist kein System registriert. System-IDs unterscheiden Groß- und Kleinschreibung: Prüfen Sie diese genau so, wie der Server die ID anzeigt.',
    notYours: 'Dieses System ist Ihrem Konto nicht zugeordnet: Nur sein Integrator und sein Endbenutzer können es sehen.',
    accessUnregistered: 'Diese System-ID ist noch nicht registriert: Fahren Sie fort, um sie zu registrieren.',
    accessReplaced: 'Diese System-ID wurde am {{date}} durch {{systemId}} ersetzt (Datenbank gelöscht). Verwenden Sie die neue System-ID.',
    accessYoursIntegrator: 'Sie sind der Integrator dieses Systems: Fahren Sie fort, um es anzuzeigen oder zu ändern.',
    accessYoursEndUser: 'Sie sind der Endbenutzer dieses Systems: Fahren Sie fort, um es anzuzeigen oder zu ändern.',
    accessInvitedIntegrator:
      'Sie wurden als Integrator dieses Systems eingeladen: Öffnen Sie den Link in der Einladungs-E-Mail an {{email}}, nehmen Sie die Einladung dort an und fahren Sie dann hier fort.',
    accessInvitedEndUser:
      'Sie wurden als Endbenutzer dieses Systems eingeladen: Öffnen Sie den Link in der Einladungs-E-Mail an {{email}}, nehmen Sie die Einladung dort an und fahren Sie dann hier fort.',
    takenByIntegratorOf:
      'Dieses System ist für ein anderes Integratorkonto registriert ({{organization}}). Einem System kann nur ein Niederlassungs- oder Partnerkonto zugeordnet sein: Bitten Sie diese Organisation, es Ihnen zu übergeben, oder wenden Sie sich an den Registrierungssupport.',
    takenByIntegrator:
      'Dieses System ist für ein anderes Integratorkonto registriert. Einem System kann nur ein Niederlassungs- oder Partnerkonto zugeordnet sein: Bitten Sie diese Organisation, es Ihnen zu übergeben, oder wenden Sie sich an den Registrierungssupport.',
    becomeIntegratorAskOrganization:
      'Dieses System wurde von {{organization}} registriert. Um sein Integrator zu werden, bitten Sie diese Organisation, {{email}} einzuladen (in der Registrierung des Systems: Einladen).',
    becomeIntegratorAskIntegrator:
      'Dieses System wurde von einem Integratorkonto registriert. Um sein Integrator zu werden, bitten Sie dessen Inhaber, {{email}} einzuladen (in der Registrierung des Systems: Einladen).',
    becomeIntegratorAskEndUser:
      'Dieses System wurde von einem Endbenutzerkonto registriert. Um sein Integrator zu werden, bitten Sie dessen Inhaber, {{email}} einzuladen (in der Registrierung des Systems: Einladen).',
    takenByEndUser:
      'Dieses System ist einem anderen Endbenutzerkonto zugeordnet. Einem System kann nur ein Endbenutzerkonto zugeordnet sein: Wenden Sie sich an dessen Inhaber oder an den Registrierungssupport.',
    becomeEndUserAskOrganization:
      'Dieses System wurde von {{organization}} registriert. Um ihm als Endbenutzer zugeordnet zu werden, bitten Sie diese Organisation, {{email}} einzuladen (in der Registrierung des Systems: Einladen).',
    becomeEndUserAskIntegrator:
      'Dieses System wurde von einem Integratorkonto registriert. Um ihm als Endbenutzer zugeordnet zu werden, bitten Sie dessen Inhaber, {{email}} einzuladen (in der Registrierung des Systems: Einladen).',
    becomeEndUserAskEndUser:
      'Dieses System wurde von einem Endbenutzerkonto registriert. Um ihm als Endbenutzer zugeordnet zu werden, bitten Sie dessen Inhaber, {{email}} einzuladen (in der Registrierung des Systems: Einladen).',
    reportUnderCurrent:
      'Die System-ID „{{systemId}}“ ist nicht mehr die System-ID dieser Registrierung: Diese lautet jetzt {{current}}. Melden Sie das Inventar unter {{current}}, mit diesem als führendem Server.',
    currentSystemIdIs: 'Die System-ID dieser Registrierung ist {{systemId}}.',
    registrationGone: 'Die Registrierung {{id}} existiert nicht: Die Anforderung wurde für eine Registrierung beantwortet, die es nicht mehr gibt.',
    serverListWrong: 'Die Serverliste ist nicht korrekt: Siehe die einzelnen Server.',
    leadChanged:
      'Die System-ID dieser Registrierung hat sich während des Sendens der Meldung in {{systemId}} geändert. Lesen Sie den Standort erneut ein und melden Sie ihn mit {{systemId}} als führendem Server.',
    heldElsewhereOne:
      '{{systemIds}} ist die System-ID einer anderen Registrierung: Ein registrierter Server kann hier kein Shadow-Server sein. Prüfen Sie die führenden Server des Standorts im Companion und melden Sie dann erneut.',
    heldElsewhereMany:
      '{{systemIds}} sind System-IDs einer anderen Registrierung: Ein registrierter Server kann hier kein Shadow-Server sein. Prüfen Sie die führenden Server des Standorts im Companion und melden Sie dann erneut.',
    belongsToAnother: 'Die System-ID {{systemId}} gehört zu einer anderen Registrierung.',
    noLead: 'Markieren Sie den Server mit der System-ID {{systemId}} als führenden Server: Eine Meldung enthält genau einen führenden Server.',
    oneLead: 'Eine Registrierung hat nur einen führenden Server; {{lead}} ist es bereits. Markieren Sie diesen als Shadow-Server.',
    leadNotCurrent:
      'Die System-ID des führenden Servers muss {{current}} sein, die System-ID dieser Registrierung, nicht {{systemId}}. Lesen Sie den Standort erneut ein oder ordnen Sie zuerst die neue System-ID zu.',
    listedTwice: 'Die System-ID {{systemId}} ist zweimal aufgeführt (auch {{first}}): Führen Sie jeden Server nur einmal auf.',
    addressesNotListed: 'Einige Adressen sind nicht in unseren Listen: Siehe die markierten Felder.',
    warrantyLeaveOut: 'Garantieinformationen werden vom Partner oder von der Niederlassung bearbeitet: Lassen Sie sie weg.',
    warrantyPartnerOrBranch: 'Nur ein Partner- oder Niederlassungskonto kann Garantieinformationen bearbeiten.',
    consentLeaveOut:
      'Die Einwilligung zur Weitergabe von System- und personenbezogenen Informationen erteilt der Endbenutzer: Lassen Sie sie weg. Die Registrierung bleibt ausstehend, bis der Endbenutzer einwilligt.',
    consentEndUserOnly: 'Nur der Endbenutzer erteilt die Einwilligung.',
    fillInstallation: 'Füllen Sie die Installations- und Systeminformationen aus.',
    fillSiteAdministrator: 'Füllen Sie die Angaben zum Standortadministrator aus.',
    newRegistrationNeeds: 'Eine neue Registrierung benötigt die Installation und den Standortadministrator.',
    replacedAfterWipe:
      'Die System-ID „{{systemId}}“ wurde am {{date}} nach dem Löschen der Datenbank durch eine neue System-ID ersetzt; ihre Registrierung wird unter der neuen ID fortgeführt.',
    invitedAcceptFirst: 'Sie wurden zu diesem System eingeladen: Öffnen Sie zuerst den Link in der Einladungs-E-Mail an {{email}} und nehmen Sie die Einladung dort an.',
    changedMeanwhile:
      'Diese Registrierung wurde seit dem Öffnen von jemand anderem geändert (Revision {{revision}}, Ihre {{yours}}). Laden Sie sie neu und nehmen Sie Ihre Änderung erneut vor.',
    lockedForIntegrator:
      'Der Endbenutzer hat dieses System bearbeitet oder ist ihm zugeordnet; die Installations- und Standortadministrator-Daten ändert daher jetzt er. Wenden Sie sich an den Endbenutzer.',
    lockedForIntegratorIssue: 'Für den Integrator gesperrt.',
    warrantyIntegratorOnly: 'Garantieinformationen werden nur vom Partner oder von der Niederlassung bearbeitet.',
    warrantyIntegratorOnlyIssue: 'Nur der Integrator bearbeitet Garantieinformationen.',
    notYoursToInvite: 'Dieses System ist Ihrem Konto nicht zugeordnet: Nur seine Inhaber können einladen.',
    hasIntegrator: 'Dieses System hat bereits seinen Integrator ({{email}}).',
    hasEndUser: 'Dieses System hat bereits seinen Endbenutzer ({{email}}).',
    inviteSomeoneElse: 'Laden Sie jemand anderen ein: Sie sind diesem System bereits zugeordnet.',
    ownAddress: 'Das ist Ihre eigene Adresse.',
    invitedAlreadyUntil: '{{email}} ist bereits eingeladen, bis {{date}}. Laden Sie eine andere Adresse ein oder warten Sie, bis die Einladung angenommen wird.',
    invitedAlready: 'Bereits eingeladen.',
    invitationLinkInvalid:
      'Dieser Einladungslink ist ungültig: Öffnen Sie den Link genau so, wie die Einladungs-E-Mail ihn angibt, oder bitten Sie um eine neue Einladung.',
    acceptedAlreadyIntegrator: 'Sie haben diese Einladung bereits angenommen: Sie sind der Integrator dieses Systems.',
    acceptedAlreadyEndUser: 'Sie haben diese Einladung bereits angenommen: Sie sind der Endbenutzer dieses Systems.',
    invitationUsed:
      'Diese Einladung wurde bereits angenommen; ein Link funktioniert nur einmal. Bitten Sie den Inhaber des Systems bei Bedarf um eine neue Einladung.',
    invitationExpired: 'Diese Einladung ist am {{date}} abgelaufen. Bitten Sie den Inhaber des Systems, Sie erneut einzuladen.',
    verifyBeforeAccepting:
      'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir bei der Kontoerstellung an {{email}} gesendet haben (oder fordern Sie ihn nach der Anmeldung erneut an), und nehmen Sie die Einladung dann an.',
    invitationForOther: 'Diese Einladung gilt für {{invited}}, Sie sind aber als {{email}} angemeldet. Melden Sie sich mit dem Konto der eingeladenen Adresse an.',
    invitationForIntegrator:
      'Diese Einladung gilt für den Integrator des Systems, wofür ein Partner- oder Niederlassungskonto nötig ist; Ihres ist keines. Bitten Sie den Inhaber, das richtige Konto einzuladen.',
    invitationForEndUser:
      'Diese Einladung gilt für den Endbenutzer des Systems, wofür ein Endbenutzerkonto nötig ist; Ihres ist keines. Bitten Sie den Inhaber, das richtige Konto einzuladen.',
    integratorTaken: 'Dieses System hat bereits seinen Integrator; die Einladung kann daher nicht mehr angenommen werden.',
    endUserTaken: 'Dieses System hat bereits seinen Endbenutzer; die Einladung kann daher nicht mehr angenommen werden.',
    sameSystemId: 'Die neue System-ID ist die bereits registrierte.',
    enterRecreatedSystemId: 'Geben Sie die System-ID ein, die der Server anzeigt, seit seine Datenbank neu erstellt wurde.',
    systemIdTaken: 'Die System-ID „{{systemId}}“ ist bereits registriert: Eine System-ID kann nur zu einer Registrierung gehören.',
    alreadyRegistered: 'Bereits registriert.',
    notYoursToAssociate: 'Dieses System ist Ihrem Konto nicht zugeordnet: Nur sein Integrator oder Endbenutzer kann eine neue System-ID zuordnen.',
    associateInPlaceOfCurrent:
      'Die System-ID „{{systemId}}“ ist nicht mehr die System-ID dieser Registrierung: Diese lautet jetzt {{current}}. Ordnen Sie die neue System-ID anstelle von {{current}} zu.',
    shadowNotAssociated:
      'Die System-ID {{systemId}} gehört zu einem Shadow-Server von {{lead}} (gemeldet am {{date}}): Ein Shadow-Server übernimmt die Registrierung seines führenden Servers und wird nie eigenständig zugeordnet. Schreiben Sie stattdessen die Registrierung des führenden Servers vom Companion aus erneut darauf.',
    shadowOf: 'Ein Shadow-Server von {{lead}}.',

    requestNotRight: 'Der Anforderungscode ist nicht korrekt: {{reason}}',
    requestIsToRegister:
      'Diese Anforderung wurde erstellt, um das System zu registrieren (oder seine Registrierung zu ändern); wählen Sie „Registrieren“, nicht „Zuordnen“. Wenn die Datenbank des Servers gelöscht wurde, erstellen Sie stattdessen am Standort-Computer eine Zuordnungsanforderung.',
    requestIsToAssociate:
      'Diese Anforderung wurde erstellt, um nach dem Löschen der Datenbank eine neue System-ID zuzuordnen; wählen Sie „Neue System-ID zuordnen“, mit der registrierten System-ID, die sie ersetzt, und der neuen, für die die Anforderung erstellt wurde.',
    requestAsksToRegister: 'Die Anforderung gilt einer Registrierung.',
    requestAsksToAssociate: 'Die Anforderung gilt einer Zuordnung.',
    enterWipedSystemId: 'Geben Sie die neue System-ID ein, die der gelöschte Server jetzt anzeigt.',
    neededToAssociate: 'Erforderlich, um eine neue System-ID zuzuordnen.',
    requestNotForSystemId:
      'Dieser Anforderungscode wurde nicht für die System-ID „{{systemId}}“ erstellt. System-IDs unterscheiden Groß- und Kleinschreibung: Vergleichen Sie sie mit der Anzeige des Standorts.',
    requestNotForSystemIdFile:
      'Dieser Anforderungscode wurde nicht für die System-ID „{{systemId}}“ erstellt. System-IDs unterscheiden Groß- und Kleinschreibung: Vergleichen Sie sie mit der Anzeige des Standorts. Laut der Anforderungsdatei ist er für „{{fileSystemId}}“.',
    requestDoesNotMatch: 'Passt nicht zum Anforderungscode: Prüfen Sie die Groß- und Kleinschreibung.',
    answeredForAnother: 'Diese Anforderung wurde bereits für ein anderes System beantwortet. Erstellen Sie am Standort-Computer eine neue Anforderung.',
    registerReplacedSystemId:
      'Die System-ID „{{systemId}}“ wurde nach dem Löschen der Datenbank durch {{current}} ersetzt: Ein Code für die alte ID würde eine Datenbank registrieren, die es nicht mehr gibt. Erstellen Sie die Anforderung auf dem Server in seinem jetzigen Zustand.',
    inventoryNoMac: 'Die Anforderungsdatei enthält keinen MAC für ihr Inventar (der Standort-Computer hatte keinen Portalschlüssel).',
    inventoryUnknownKey: 'Der MAC des Inventars wurde mit dem Portalschlüssel {{keyId}} erstellt, den dieses Portal nicht besitzt.',
    inventoryChanged:
      'Die Serverliste (Inventar) in dieser Anforderungsdatei passt nicht zu ihrem MAC: Die Datei wurde geändert, nachdem der Standort-Computer sie erstellt hat. Speichern Sie die Anforderungsdatei am Standort-Computer erneut und bringen Sie sie unverändert mit, oder geben Sie stattdessen den Anforderungscode ein (er enthält kein Inventar).',
    fileChanged: 'Die Datei wurde nach ihrer Erstellung geändert.',
    replacesReplaced:
      'Diese Anforderung ersetzt die System-ID {{named}}, die selbst bereits früher ersetzt wurde: Die System-ID dieser Registrierung ist {{current}}, und eine Zuordnung muss diese ersetzen. Lesen Sie am Standort-Computer den Standort erneut ein und erstellen Sie eine neue Zuordnungsanforderung.',
    replacesOther:
      'Diese Anforderung ersetzt eine System-ID, die nicht zu dieser Registrierung gehört: Die System-ID dieser Registrierung ist {{current}}, und eine Zuordnung muss diese ersetzen. Prüfen Sie, ob dies die richtige Registrierung ist; andernfalls erstellen Sie die Zuordnungsanforderung am Standort-Computer erneut.',
    webCsrfMissing: 'Diese Anfrage trägt das Sitzungscookie, aber nicht sein CSRF-Token (x-csrf-token) oder ein falsches. Laden Sie die Seite neu und versuchen Sie es erneut.',
    webOtherSite: 'Diese Anfrage kommt von einer anderen Website. Das Portal nimmt Anfragen mit seinem Sitzungscookie nur von seinen eigenen Seiten an.',
  },
);
