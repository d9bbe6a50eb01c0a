import type { Language } from '../user.entity';
import type { GuardianSigningMail, InvitationMail } from './account-mail';

export interface MailText {
  subject: string;
  text: string;
}

const dutchDateTime = (iso: string, language: Language) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

export function invitationText(mail: InvitationMail): MailText {
  const until = dutchDateTime(mail.expiresAt, mail.language);
  if (mail.language === 'en') {
    return {
      subject: `Invitation to Stagematch for ${mail.organizationName}`,
      text: `Dear ${mail.to.name},\n\n${mail.invitedBy} invites you to join ${mail.organizationName} on Stagematch.\nChoose your password here (the link works once, until ${until}):\n\n${mail.link}\n\nNot expecting this? Then ignore this e-mail.`,
    };
  }
  return {
    subject: `Uitnodiging voor Stagematch namens ${mail.organizationName}`,
    text: `Beste ${mail.to.name},\n\n${mail.invitedBy} nodigt u uit voor ${mail.organizationName} op Stagematch.\nKies hier uw wachtwoord (de link werkt één keer, tot ${until}):\n\n${mail.link}\n\nVerwachtte u dit niet? Dan kunt u deze e-mail negeren.`,
  };
}

export function passwordResetText(name: string, language: Language, link: string): MailText {
  if (language === 'en') {
    return {
      subject: 'Reset your Stagematch password',
      text: `Dear ${name},\n\nSomeone (hopefully you) asked to reset your Stagematch password. Choose a new one here; the link works once, for one hour:\n\n${link}\n\nAfterwards every device is signed out. Did you not ask for this? Then ignore this e-mail: your password stays as it is.`,
    };
  }
  return {
    subject: 'Uw Stagematch-wachtwoord opnieuw instellen',
    text: `Beste ${name},\n\nIemand (hopelijk u) heeft gevraagd uw Stagematch-wachtwoord opnieuw in te stellen. Kies hier een nieuw wachtwoord; de link werkt één keer, een uur lang:\n\n${link}\n\nDaarna bent u op elk apparaat afgemeld. Heeft u dit niet gevraagd? Negeer deze e-mail dan: uw wachtwoord blijft zoals het is.`,
  };
}

/**
 * To her guardian, who has no account and no language setting: Dutch first, then English. The
 * link shows the terms and records the signature once (R8).
 */
export function guardianSigningText(mail: GuardianSigningMail): MailText {
  const nlUntil = dutchDateTime(mail.expiresAt, 'nl');
  const enUntil = dutchDateTime(mail.expiresAt, 'en');
  return {
    subject: `Praktijkovereenkomst van ${mail.studentName} ondertekenen / Sign the internship agreement`,
    text:
      `Beste ${mail.to.name},\n\n${mail.schoolName} vraagt u als ouder of voogd de praktijkovereenkomst (versie ${mail.pokVersion}) van ${mail.studentName} bij ${mail.companyName} te ondertekenen: ` +
      `zij is bij de start van haar stage jonger dan 18. Lees de afspraken en teken via deze link (hij werkt één keer, tot ${nlUntil}):\n\n${mail.link}\n\n` +
      `Verwachtte u dit niet? Neem dan contact op met ${mail.schoolName}.\n\n---\n\n` +
      `Dear ${mail.to.name},\n\n${mail.schoolName} asks you, as parent or guardian, to sign the internship agreement (version ${mail.pokVersion}) of ${mail.studentName} at ${mail.companyName}: ` +
      `she is under 18 when her internship starts. Read the terms and sign through this link (it works once, until ${enUntil}):\n\n${mail.link}\n\nNot expecting this? Then contact ${mail.schoolName}.`,
  };
}
