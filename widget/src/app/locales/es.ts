import type { Strings } from './en';

export const es: Strings = {
  title: 'Chatea con nosotros',
  subtitle: 'Solemos responder en pocos minutos',
  agentsOnline: 'Estamos en línea',
  agentsAway: 'Ahora no estamos — déjanos un mensaje',
  openChat: 'Abrir chat',
  closeChat: 'Cerrar chat',
  conversation: 'Conversación',
  greeting: '¡Hola! ¿En qué podemos ayudarte?',
  messageLabel: 'Mensaje',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  you: 'Tú',
  agentFallback: 'Soporte',
  sending: 'Enviando…',
  notSent: 'No enviado',
  retry: 'Reintentar',
  connecting: 'Conectando…',
  offline: 'Sin conexión — lo enviaremos cuando vuelvas',
  unavailable: 'El chat no está disponible ahora',
};
