// Strings of the forms in the extras chunk (email follow-up, pre-chat); they ship with the forms, not in app.js.
export interface FormStrings {
  /** No agent online: the offer to answer by email. */
  followupAsk: string;
  /** `{email}` is replaced by the address. */
  followupDone: string;
  emailLabel: string;
  emailInvalid: string;
  followupFailed: string;
  prechatIntro: string;
  nameLabel: string;
  prechatStart: string;
  prechatSkip: string;
  prechatMissing: string;
  send: string;
}

export const FORMS: Record<'en' | 'es', FormStrings> = {
  en: {
    followupAsk: "No one is available right now. Leave your email and we'll reply there.",
    followupDone: "We'll reply to {email}.",
    emailLabel: 'Email',
    emailInvalid: 'Please enter a valid email address.',
    followupFailed: "Couldn't send your email. Please try again.",
    prechatIntro: 'Before we start, tell us who you are.',
    nameLabel: 'Name',
    prechatStart: 'Start chat',
    prechatSkip: 'Skip',
    prechatMissing: 'Please enter your name and a valid email address.',
    send: 'Send',
  },
  es: {
    followupAsk: 'Ahora no hay nadie disponible. Déjanos tu correo y te responderemos allí.',
    followupDone: 'Te responderemos en {email}.',
    emailLabel: 'Correo electrónico',
    emailInvalid: 'Escribe un correo electrónico válido.',
    followupFailed: 'No se pudo enviar tu correo. Inténtalo de nuevo.',
    prechatIntro: 'Antes de empezar, dinos quién eres.',
    nameLabel: 'Nombre',
    prechatStart: 'Empezar chat',
    prechatSkip: 'Omitir',
    prechatMissing: 'Escribe tu nombre y un correo electrónico válido.',
    send: 'Enviar',
  },
};

export const formStrings = (lang: string): FormStrings => (lang === 'es' ? FORMS.es : FORMS.en);
