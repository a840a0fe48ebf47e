// Organizations: sign-up's organization, members, co-worker invitations, Partner ID requests.
//
// Vocabulary: organization is "organisation" / "Organisation"; co-worker "collègue" / "Kollege";
// Partner ID "ID partenaire" / "Partner-ID"; administrator "administrateur" / "Administrator";
// member "membre" / "Mitglied"; portal administrator "administrateur du portail" /
// "Portal-Administrator"; Registration Portal "Portail d’enregistrement" / "Registrierungsportal".
// The co-worker sentences are the seed's (docs/partners.md, Co-workers), word for word in English.
import { area } from '../area.js';

export const organizations = area(
  {
    // Fields (shared/portal/organizations.ts).
    roleChoice: 'Choose the role: administrator or member.',
    enterEmail: 'Please enter email address',
    invalidEmail: 'You have entered an invalid email address. Please re-enter the email address.',
    linkInvalid: 'This link is not valid: copy the whole link from the mail.',
    accountIdNumber: 'Give the member as the number of their account.',
    invitationIdNumber: 'Give the invitation as its number.',
    requestIdNumber: 'Give the request as its number.',
    nameAsText: 'Give the organization name as text.',
    reasonEmpty: 'Say why the Partner ID should change.',
    reasonTooLong: 'A reason is at most 1000 characters.',
    requestState: 'The state is one of: {{states}}.',
    noteEmpty: 'Say why the request is rejected: the organization reads it.',
    noteTooLong: 'A note is at most 1000 characters.',

    // Sign-up (services/account-service.ts).
    branchNeedsOrganization: 'A branch account needs the organization name.',
    partnerIdPartnersOnly: 'Only a partner organization has a Partner ID: leave it out for this kind of account.',
    partnerIdLeaveOut: 'Leave the Partner ID out: only partners have one.',
    partnerIdNeeded: 'The organization name gives no Partner ID: enter one.',
    partnerIdTaken: 'The Partner ID {{partnerId}} belongs to another organization. {{free}} is free: use it, or choose another.',
    partnerIdTakenIssue: 'Taken: {{free}} is free.',
    invitationNoPartnerId: 'You join the organization that invited you, which has its own Partner ID: leave the Partner ID out.',
    invitationNoPartnerIdIssue: 'Leave the Partner ID out.',
    invitationForAddress: 'This invitation was sent to {{invited}}: sign up with that address.',
    invitationForAddressIssue: 'Use the invited address, {{invited}}.',
    signUpJoined: 'Your account is ready and belongs to {{organization}}. The invitation verified your e-mail address: log on.',
    accountExists: 'An account with {{email}} exists already: log on with it and accept the invitation there.',

    // Invitation links.
    invitationUnknown: 'This invitation link is not valid, or a newer one replaced it. Ask your co-worker to send the invitation again.',
    invitationUsed: 'This invitation was accepted already: a link works once. Log on with the account that accepted it.',
    invitationRevoked: 'This invitation was withdrawn. Ask your co-worker for a new one.',
    invitationExpired: 'This invitation expired on {{date}}. Ask your co-worker to send it again.',
    invitationForOther: 'This invitation is for {{invited}}, and you are logged on as {{email}}: log on with the invited address.',
    memberAlready: 'You are a member of {{organization}} already.',
    leaveFirst:
      'You belong to {{organization}}, which has other members or holds systems, customers, partners or licenses. Leave your organization first, then accept the invitation.',
    joined: 'You joined {{organization}}.',
    lookupsFromAddress: 'Too many look-ups from this network address this minute. Wait a minute and try again.',
    lookupsFromEveryone: 'Too many look-ups from everyone this minute. Wait a minute and try again.',

    // Co-workers (the seed's words).
    alreadyInvited: 'This co-worker has already been invited to the Registration Portal. Please invite another co-worker.',
    alreadyMember: 'This person is already a member of your organization. Please invite another co-worker.',
    invitationSentTitle: 'Invitation Sent',
    invitationSent: 'Your invitation was sent. Thanks for sharing the Registration Portal with your co-worker.',
    invitationNotOpen: 'No open invitation {{id}} in your organization: it may have been accepted or revoked.',
    invitationWithdrawn: 'The invitation to {{email}} was revoked: its link no longer works.',

    // Members.
    adminsOnly: 'Only an administrator of your organization can do this.',
    notMember: 'No member {{id}} in your organization.',
    lastAdminLeave: 'You are the last administrator of {{organization}}: make another member an administrator before you leave.',
    lastAdminDemote: 'This is the last administrator of {{organization}}: make another member an administrator first.',
    removeSelf: 'You cannot remove yourself: leave the organization instead.',
    left: 'You left {{organization}}. You now have an organization of your own, {{name}}, as its administrator.',

    // Partner ID.
    partnerIdFree: 'The Partner ID {{partnerId}} is free.',
    partnersOnlyHaveId: 'Only a partner organization has a Partner ID.',
    partnerIdSame: 'This is your Partner ID already: enter the one you want instead.',
    requestPending: 'A request to change your Partner ID to {{partnerId}} is waiting already: wait for its decision.',
    requestNotFound: 'No Partner ID change request {{id}}.',
    requestDecided: 'This request was decided already.',
    approvalTaken: 'The Partner ID {{partnerId}} was taken by another organization since the request: reject the request, with a note.',

    // Portal administrators.
    portalAdminsOnly: 'Only portal administrators can do this.',
    portalAdminMfa: 'Portal administrators must turn on multi-factor authentication first: enrol an authenticator app.',
  },
  {
    roleChoice: 'Choisissez le rôle : administrateur ou membre.',
    enterEmail: 'Veuillez saisir l’adresse e-mail',
    invalidEmail: 'Vous avez saisi une adresse e-mail non valide. Veuillez saisir à nouveau l’adresse e-mail.',
    linkInvalid: 'Ce lien n’est pas valide : copiez le lien complet depuis le message.',
    accountIdNumber: 'Indiquez le membre par le numéro de son compte.',
    invitationIdNumber: 'Indiquez l’invitation par son numéro.',
    requestIdNumber: 'Indiquez la demande par son numéro.',
    nameAsText: 'Indiquez le nom de l’organisation sous forme de texte.',
    reasonEmpty: 'Indiquez pourquoi l’ID partenaire doit changer.',
    reasonTooLong: 'Un motif compte au plus 1000 caractères.',
    requestState: 'L’état est l’un des suivants : {{states}}.',
    noteEmpty: 'Indiquez pourquoi la demande est refusée : l’organisation le lira.',
    noteTooLong: 'Une note compte au plus 1000 caractères.',

    branchNeedsOrganization: 'Un compte Agence doit indiquer le nom de l’organisation.',
    partnerIdPartnersOnly: 'Seule une organisation partenaire a un ID partenaire : ne l’indiquez pas pour ce type de compte.',
    partnerIdLeaveOut: 'N’indiquez pas d’ID partenaire : seuls les partenaires en ont un.',
    partnerIdNeeded: 'Le nom de l’organisation ne donne aucun ID partenaire : saisissez-en un.',
    partnerIdTaken: 'L’ID partenaire {{partnerId}} appartient à une autre organisation. {{free}} est libre : utilisez-le, ou choisissez-en un autre.',
    partnerIdTakenIssue: 'Déjà pris : {{free}} est libre.',
    invitationNoPartnerId: 'Vous rejoignez l’organisation qui vous a invité, qui a son propre ID partenaire : n’indiquez pas d’ID partenaire.',
    invitationNoPartnerIdIssue: 'N’indiquez pas d’ID partenaire.',
    invitationForAddress: 'Cette invitation a été envoyée à {{invited}} : inscrivez-vous avec cette adresse.',
    invitationForAddressIssue: 'Utilisez l’adresse invitée, {{invited}}.',
    signUpJoined: 'Votre compte est prêt et appartient à {{organization}}. L’invitation a vérifié votre adresse e-mail : connectez-vous.',
    accountExists: 'Un compte avec l’adresse {{email}} existe déjà : connectez-vous avec ce compte et acceptez-y l’invitation.',

    invitationUnknown: 'Ce lien d’invitation n’est pas valide, ou un lien plus récent l’a remplacé. Demandez à votre collègue de renvoyer l’invitation.',
    invitationUsed: 'Cette invitation a déjà été acceptée : un lien ne fonctionne qu’une fois. Connectez-vous avec le compte qui l’a acceptée.',
    invitationRevoked: 'Cette invitation a été retirée. Demandez-en une nouvelle à votre collègue.',
    invitationExpired: 'Cette invitation a expiré le {{date}}. Demandez à votre collègue de la renvoyer.',
    invitationForOther: 'Cette invitation est destinée à {{invited}}, et vous êtes connecté en tant que {{email}} : connectez-vous avec l’adresse invitée.',
    memberAlready: 'Vous êtes déjà membre de {{organization}}.',
    leaveFirst:
      'Vous appartenez à {{organization}}, qui a d’autres membres ou détient des systèmes, des clients, des partenaires ou des licences. Quittez d’abord votre organisation, puis acceptez l’invitation.',
    joined: 'Vous avez rejoint {{organization}}.',
    lookupsFromAddress: 'Trop de consultations depuis cette adresse réseau cette minute. Attendez une minute et réessayez.',
    lookupsFromEveryone: 'Trop de consultations de la part de tous cette minute. Attendez une minute et réessayez.',

    alreadyInvited: 'Ce collègue a déjà été invité sur le Portail d’enregistrement. Veuillez inviter un autre collègue.',
    alreadyMember: 'Cette personne est déjà membre de votre organisation. Veuillez inviter un autre collègue.',
    invitationSentTitle: 'Invitation envoyée',
    invitationSent: 'Votre invitation a été envoyée. Merci de partager le Portail d’enregistrement avec votre collègue.',
    invitationNotOpen: 'Aucune invitation ouverte {{id}} dans votre organisation : elle a peut-être été acceptée ou révoquée.',
    invitationWithdrawn: 'L’invitation envoyée à {{email}} a été révoquée : son lien ne fonctionne plus.',

    adminsOnly: 'Seul un administrateur de votre organisation peut effectuer cette action.',
    notMember: 'Aucun membre {{id}} dans votre organisation.',
    lastAdminLeave: 'Vous êtes le dernier administrateur de {{organization}} : nommez un autre membre administrateur avant de partir.',
    lastAdminDemote: 'C’est le dernier administrateur de {{organization}} : nommez d’abord un autre membre administrateur.',
    removeSelf: 'Vous ne pouvez pas vous retirer vous-même : quittez plutôt l’organisation.',
    left: 'Vous avez quitté {{organization}}. Vous avez maintenant votre propre organisation, {{name}}, dont vous êtes l’administrateur.',

    partnerIdFree: 'L’ID partenaire {{partnerId}} est libre.',
    partnersOnlyHaveId: 'Seule une organisation partenaire a un ID partenaire.',
    partnerIdSame: 'C’est déjà votre ID partenaire : saisissez plutôt celui que vous souhaitez.',
    requestPending: 'Une demande de changement de votre ID partenaire en {{partnerId}} est déjà en attente : attendez sa décision.',
    requestNotFound: 'Aucune demande de changement d’ID partenaire {{id}}.',
    requestDecided: 'Cette demande a déjà été tranchée.',
    approvalTaken: 'L’ID partenaire {{partnerId}} a été pris par une autre organisation depuis la demande : refusez la demande, avec une note.',

    portalAdminsOnly: 'Seuls les administrateurs du portail peuvent effectuer cette action.',
    portalAdminMfa: 'Les administrateurs du portail doivent d’abord activer l’authentification multifacteur : enregistrez une application d’authentification.',
  },
  {
    roleChoice: 'Wählen Sie die Rolle: Administrator oder Mitglied.',
    enterEmail: 'Bitte geben Sie die E-Mail-Adresse ein',
    invalidEmail: 'Sie haben eine ungültige E-Mail-Adresse eingegeben. Bitte geben Sie die E-Mail-Adresse erneut ein.',
    linkInvalid: 'Dieser Link ist ungültig: Kopieren Sie den vollständigen Link aus der Nachricht.',
    accountIdNumber: 'Geben Sie das Mitglied mit der Nummer seines Kontos an.',
    invitationIdNumber: 'Geben Sie die Einladung mit ihrer Nummer an.',
    requestIdNumber: 'Geben Sie den Antrag mit seiner Nummer an.',
    nameAsText: 'Geben Sie den Namen der Organisation als Text an.',
    reasonEmpty: 'Geben Sie an, warum sich die Partner-ID ändern soll.',
    reasonTooLong: 'Eine Begründung hat höchstens 1000 Zeichen.',
    requestState: 'Der Status ist einer von: {{states}}.',
    noteEmpty: 'Geben Sie an, warum der Antrag abgelehnt wird: Die Organisation liest es.',
    noteTooLong: 'Eine Notiz hat höchstens 1000 Zeichen.',

    branchNeedsOrganization: 'Ein Niederlassungskonto benötigt den Namen der Organisation.',
    partnerIdPartnersOnly: 'Nur eine Partnerorganisation hat eine Partner-ID: Lassen Sie sie bei dieser Kontoart weg.',
    partnerIdLeaveOut: 'Lassen Sie die Partner-ID weg: Nur Partner haben eine.',
    partnerIdNeeded: 'Der Name der Organisation ergibt keine Partner-ID: Geben Sie eine ein.',
    partnerIdTaken: 'Die Partner-ID {{partnerId}} gehört einer anderen Organisation. {{free}} ist frei: Verwenden Sie diese oder wählen Sie eine andere.',
    partnerIdTakenIssue: 'Vergeben: {{free}} ist frei.',
    invitationNoPartnerId: 'Sie treten der Organisation bei, die Sie eingeladen hat und die ihre eigene Partner-ID hat: Lassen Sie die Partner-ID weg.',
    invitationNoPartnerIdIssue: 'Lassen Sie die Partner-ID weg.',
    invitationForAddress: 'Diese Einladung wurde an {{invited}} gesendet: Registrieren Sie sich mit dieser Adresse.',
    invitationForAddressIssue: 'Verwenden Sie die eingeladene Adresse, {{invited}}.',
    signUpJoined: 'Ihr Konto ist bereit und gehört zu {{organization}}. Die Einladung hat Ihre E-Mail-Adresse bestätigt: Melden Sie sich an.',
    accountExists: 'Ein Konto mit {{email}} besteht bereits: Melden Sie sich damit an und nehmen Sie die Einladung dort an.',

    invitationUnknown: 'Dieser Einladungslink ist ungültig oder wurde durch einen neueren ersetzt. Bitten Sie Ihren Kollegen, die Einladung erneut zu senden.',
    invitationUsed: 'Diese Einladung wurde bereits angenommen: Ein Link funktioniert nur einmal. Melden Sie sich mit dem Konto an, das sie angenommen hat.',
    invitationRevoked: 'Diese Einladung wurde zurückgezogen. Bitten Sie Ihren Kollegen um eine neue.',
    invitationExpired: 'Diese Einladung ist am {{date}} abgelaufen. Bitten Sie Ihren Kollegen, sie erneut zu senden.',
    invitationForOther: 'Diese Einladung gilt für {{invited}}, und Sie sind als {{email}} angemeldet: Melden Sie sich mit der eingeladenen Adresse an.',
    memberAlready: 'Sie sind bereits Mitglied von {{organization}}.',
    leaveFirst:
      'Sie gehören zu {{organization}}, die weitere Mitglieder hat oder Systeme, Kunden, Partner oder Lizenzen besitzt. Verlassen Sie zuerst Ihre Organisation und nehmen Sie dann die Einladung an.',
    joined: 'Sie sind {{organization}} beigetreten.',
    lookupsFromAddress: 'Zu viele Abfragen von dieser Netzwerkadresse in dieser Minute. Warten Sie eine Minute und versuchen Sie es erneut.',
    lookupsFromEveryone: 'Zu viele Abfragen von allen in dieser Minute. Warten Sie eine Minute und versuchen Sie es erneut.',

    alreadyInvited: 'Dieser Kollege wurde bereits zum Registrierungsportal eingeladen. Bitte laden Sie einen anderen Kollegen ein.',
    alreadyMember: 'Diese Person ist bereits Mitglied Ihrer Organisation. Bitte laden Sie einen anderen Kollegen ein.',
    invitationSentTitle: 'Einladung gesendet',
    invitationSent: 'Ihre Einladung wurde gesendet. Danke, dass Sie das Registrierungsportal mit Ihrem Kollegen teilen.',
    invitationNotOpen: 'Keine offene Einladung {{id}} in Ihrer Organisation: Sie wurde möglicherweise angenommen oder widerrufen.',
    invitationWithdrawn: 'Die Einladung an {{email}} wurde widerrufen: Ihr Link funktioniert nicht mehr.',

    adminsOnly: 'Nur ein Administrator Ihrer Organisation kann dies tun.',
    notMember: 'Kein Mitglied {{id}} in Ihrer Organisation.',
    lastAdminLeave: 'Sie sind der letzte Administrator von {{organization}}: Machen Sie ein anderes Mitglied zum Administrator, bevor Sie gehen.',
    lastAdminDemote: 'Dies ist der letzte Administrator von {{organization}}: Machen Sie zuerst ein anderes Mitglied zum Administrator.',
    removeSelf: 'Sie können sich nicht selbst entfernen: Verlassen Sie stattdessen die Organisation.',
    left: 'Sie haben {{organization}} verlassen. Sie haben jetzt eine eigene Organisation, {{name}}, als deren Administrator.',

    partnerIdFree: 'Die Partner-ID {{partnerId}} ist frei.',
    partnersOnlyHaveId: 'Nur eine Partnerorganisation hat eine Partner-ID.',
    partnerIdSame: 'Dies ist bereits Ihre Partner-ID: Geben Sie stattdessen die gewünschte ein.',
    requestPending: 'Ein Antrag, Ihre Partner-ID in {{partnerId}} zu ändern, wartet bereits: Warten Sie auf die Entscheidung.',
    requestNotFound: 'Kein Antrag {{id}} auf Änderung einer Partner-ID.',
    requestDecided: 'Über diesen Antrag wurde bereits entschieden.',
    approvalTaken: 'Die Partner-ID {{partnerId}} wurde seit dem Antrag von einer anderen Organisation belegt: Lehnen Sie den Antrag mit einer Notiz ab.',

    portalAdminsOnly: 'Nur Portal-Administratoren können dies tun.',
    portalAdminMfa: 'Portal-Administratoren müssen zuerst die Multi-Faktor-Authentifizierung aktivieren: Registrieren Sie eine Authentifizierungs-App.',
  },
);
