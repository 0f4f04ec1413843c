/**
 * The words of a transcript in the widget's languages (the widget passes its own). The server
 * renders transcripts itself so that a download and an email read the same; English fills in
 * for any other language.
 */
import type { ChatEventKind } from '../../../sdk/core/protocol.ts';

export interface TranscriptPhrases {
  title: string;
  chat: string;
  started: string;
  ended: string;
  agent: string;
  subject: string;
  intro: string;
  /** An emailed copy: `{name}` started the chat on `{date}` and asked for it (the address is theirs to give). */
  requestedBy: string;
  /** `{name}` is the participant, `{file}` a file name. */
  events: Partial<Record<ChatEventKind, string>>;
  file: string;
  rtl?: boolean;
}

const en: TranscriptPhrases = {
  title: 'Chat transcript',
  chat: 'Chat',
  started: 'Started',
  ended: 'Ended',
  agent: 'Agent',
  subject: 'Your chat transcript',
  intro: 'Here is the transcript of your chat with us.',
  requestedBy:
    'This copy was requested for this address by {name}, who started the chat on {date}. If you did not expect it, you can ignore this email.',
  events: {
    queued: 'Chat started',
    'agent-joined': '{name} joined the chat',
    'agent-left': '{name} left the chat',
    'customer-left': '{name} left the chat',
    ended: 'Chat ended',
  },
  file: 'sent a file: {file}',
};

const PHRASES: Record<string, TranscriptPhrases> = {
  en,
  de: {
    title: 'Chatverlauf',
    chat: 'Chat',
    started: 'Begonnen',
    ended: 'Beendet',
    agent: 'Mitarbeiter:in',
    subject: 'Ihr Chatverlauf',
    intro: 'Hier ist der Verlauf Ihres Chats mit uns.',
    requestedBy:
      'Diese Kopie hat {name} für diese Adresse angefordert; {name} hat den Chat am {date} begonnen. Wenn Sie sie nicht erwartet haben, können Sie diese E-Mail ignorieren.',
    events: {
      queued: 'Chat gestartet',
      'agent-joined': '{name} ist dem Chat beigetreten',
      'agent-left': '{name} hat den Chat verlassen',
      'customer-left': '{name} hat den Chat verlassen',
      ended: 'Chat beendet',
    },
    file: 'hat eine Datei gesendet: {file}',
  },
  fr: {
    title: 'Transcription du chat',
    chat: 'Chat',
    started: 'Début',
    ended: 'Fin',
    agent: 'Conseiller',
    subject: 'La transcription de votre chat',
    intro: 'Voici la transcription de votre chat avec nous.',
    requestedBy:
      'Cette copie a été demandée pour cette adresse par {name}, qui a commencé le chat le {date}. Si vous ne l’attendiez pas, vous pouvez ignorer cet e-mail.',
    events: {
      queued: 'Chat démarré',
      'agent-joined': '{name} a rejoint le chat',
      'agent-left': '{name} a quitté le chat',
      'customer-left': '{name} a quitté le chat',
      ended: 'Chat terminé',
    },
    file: 'a envoyé un fichier : {file}',
  },
  es: {
    title: 'Transcripción del chat',
    chat: 'Chat',
    started: 'Inicio',
    ended: 'Fin',
    agent: 'Agente',
    subject: 'La transcripción de su chat',
    intro: 'Aquí tiene la transcripción de su chat con nosotros.',
    requestedBy:
      'Esta copia la solicitó para esta dirección {name}, quien inició el chat el {date}. Si no la esperaba, puede ignorar este correo.',
    events: {
      queued: 'Chat iniciado',
      'agent-joined': '{name} se unió al chat',
      'agent-left': '{name} salió del chat',
      'customer-left': '{name} salió del chat',
      ended: 'Chat finalizado',
    },
    file: 'envió un archivo: {file}',
  },
  ar: {
    title: 'نص المحادثة',
    chat: 'المحادثة',
    started: 'البدء',
    ended: 'الانتهاء',
    agent: 'الموظف',
    subject: 'نص محادثتك',
    intro: 'إليك نص محادثتك معنا.',
    requestedBy:
      'طلب {name}، الذي بدأ المحادثة في {date}، إرسال هذه النسخة إلى هذا العنوان. إذا لم تكن تتوقعها، يمكنك تجاهل هذه الرسالة.',
    events: {
      queued: 'بدأت المحادثة',
      'agent-joined': 'انضم {name} إلى المحادثة',
      'agent-left': 'غادر {name} المحادثة',
      'customer-left': 'غادر {name} المحادثة',
      ended: 'انتهت المحادثة',
    },
    file: 'أرسل ملفًا: {file}',
    rtl: true,
  },
  ur: {
    title: 'چیٹ کی نقل',
    chat: 'چیٹ',
    started: 'آغاز',
    ended: 'اختتام',
    agent: 'نمائندہ',
    subject: 'آپ کی چیٹ کی نقل',
    intro: 'ہمارے ساتھ آپ کی چیٹ کی نقل یہ ہے۔',
    requestedBy:
      'یہ نقل {name} نے اس پتے پر بھیجنے کی درخواست کی، جنہوں نے {date} کو چیٹ شروع کی تھی۔ اگر آپ کو اس کی توقع نہیں تھی تو آپ اس ای میل کو نظر انداز کر سکتے ہیں۔',
    events: {
      queued: 'چیٹ شروع ہوئی',
      'agent-joined': '{name} چیٹ میں شامل ہوئے',
      'agent-left': '{name} چیٹ سے چلے گئے',
      'customer-left': '{name} چیٹ سے چلے گئے',
      ended: 'چیٹ ختم ہو گئی',
    },
    file: 'فائل بھیجی: {file}',
    rtl: true,
  },
};

/** `de-AT` → German; anything unknown → English. */
export function phrasesFor(locale: string | undefined): { language: string; phrases: TranscriptPhrases } {
  const language = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  const phrases = PHRASES[language];
  return phrases ? { language, phrases } : { language: 'en', phrases: en };
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
