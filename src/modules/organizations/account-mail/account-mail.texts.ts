import type { Language } from '../user.entity';
import type { InvitationMail } from './account-mail';

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
