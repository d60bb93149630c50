// Strings of the knowledge base (suggestions, the article reader, the answer bot's card). They ship in
// the knowledge chunk, not in app.js.
export interface KnowledgeStrings {
  suggested: string;
  back: string;
  loading: string;
  loadFailed: string;
  helpAsk: string;
  yes: string;
  no: string;
  thanks: string;
  feedbackFailed: string;
  /** On the answer bot's article card. */
  readArticle: string;
  solved: string;
  person: string;
  botFailed: string;
}

export const KNOWLEDGE: Record<'en' | 'es', KnowledgeStrings> = {
  en: {
    suggested: 'These articles might help',
    back: 'Back to chat',
    loading: 'Loading…',
    loadFailed: "Couldn't open this article. Please try again later.",
    helpAsk: 'Did this help?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thanks for your feedback!',
    feedbackFailed: "Couldn't send your answer. Please try again.",
    readArticle: 'Read the article',
    solved: 'Yes, that solved it',
    person: 'Talk to a person',
    botFailed: "Couldn't send your answer. Please try again.",
  },
  es: {
    suggested: 'Estos artículos pueden ayudarte',
    back: 'Volver al chat',
    loading: 'Cargando…',
    loadFailed: 'No se pudo abrir este artículo. Inténtalo más tarde.',
    helpAsk: '¿Te ha ayudado?',
    yes: 'Sí',
    no: 'No',
    thanks: '¡Gracias por tu opinión!',
    feedbackFailed: 'No se pudo enviar tu respuesta. Inténtalo de nuevo.',
    readArticle: 'Leer el artículo',
    solved: 'Sí, eso lo resuelve',
    person: 'Hablar con una persona',
    botFailed: 'No se pudo enviar tu respuesta. Inténtalo de nuevo.',
  },
};

export const knowledgeStrings = (lang: string): KnowledgeStrings => (lang === 'es' ? KNOWLEDGE.es : KNOWLEDGE.en);
