// Strings of the after-chat card. They ship in the extras chunk with the card, not in app.js.
export const AFTER_CHAT = {
  en: {
    rateAsk: 'How was this conversation?',
    good: 'Good',
    bad: 'Bad',
    comment: 'Anything to add? (optional)',
    send: 'Send rating',
    thanks: 'Thanks for your feedback!',
    failed: "Couldn't send your rating. Please try again.",
    transcriptAsk: 'Email me a copy of this conversation',
    transcriptSend: 'Send copy',
    transcriptSent: 'On its way to your inbox.',
    transcriptFailed: "Couldn't send the copy. Please try again later.",
  },
  es: {
    rateAsk: '¿Qué tal esta conversación?',
    good: 'Bien',
    bad: 'Mal',
    comment: '¿Algo más que contarnos? (opcional)',
    send: 'Enviar valoración',
    thanks: '¡Gracias por tu opinión!',
    failed: 'No se pudo enviar tu valoración. Inténtalo de nuevo.',
    transcriptAsk: 'Envíame una copia de esta conversación',
    transcriptSend: 'Enviar copia',
    transcriptSent: 'Va de camino a tu correo.',
    transcriptFailed: 'No se pudo enviar la copia. Inténtalo más tarde.',
  },
};
