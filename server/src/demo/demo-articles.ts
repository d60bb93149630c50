import type { ArticleInput } from '@hilo/shared';
import type { KnowledgeService } from '../domain/knowledge-service.js';

/** The demo store's help centre: what shoppers of Casa Hilo ask most, in English and Spanish. */
export const DEMO_ARTICLES: ArticleInput[] = [
  {
    title: 'Returns and refunds',
    language: 'en',
    tags: ['returns', 'refund', 'exchange'],
    body: [
      'You can return anything you bought from Casa Hilo within **30 days** of delivery, as long as it is unused and in its original packaging.',
      '',
      '## How to start a return',
      '1. Write to us in the chat or at support@casahilo.example with your order number.',
      '2. We email you a prepaid return label within one business day.',
      '3. Drop the parcel at any post office.',
      '',
      'Your refund goes back to the card or account you paid with, within **5 business days** of the parcel reaching our warehouse. Sale items can be exchanged but not refunded.',
    ].join('\n'),
  },
  {
    title: 'Shipping times and costs',
    language: 'en',
    tags: ['shipping', 'delivery', 'tracking'],
    body: [
      'Orders placed before 14:00 (Madrid time) on a business day leave our warehouse the same day.',
      '',
      '| Destination | Delivery | Cost |',
      '| --- | --- | --- |',
      '| Spain (mainland) | 1–2 business days | free over €60, otherwise €4.90 |',
      '| European Union | 3–5 business days | €9.90 |',
      '| Rest of the world | 5–10 business days | from €19 |',
      '',
      'Once your order has shipped we email you a tracking link. If the tracking has not moved for three days, tell us in the chat and we will chase the carrier.',
    ].join('\n'),
  },
  {
    title: 'Caring for your merino throw',
    language: 'en',
    tags: ['care', 'wool', 'washing'],
    body: [
      'Merino needs little washing: airing it out usually does the job.',
      '',
      '- Hand wash in cold water with a wool detergent, or use the wool cycle at 30 °C.',
      '- Never tumble dry. Roll it in a towel to press the water out, then dry it flat in the shade.',
      '- Small pills are normal in the first weeks; remove them with a wool comb.',
    ].join('\n'),
  },
  {
    title: 'Changing or cancelling an order',
    language: 'en',
    tags: ['order', 'cancel', 'address'],
    body: 'We can change the delivery address or cancel an order until it leaves the warehouse (usually the same afternoon). Ask us in the chat with your order number. Once an order has shipped it cannot be cancelled, but you can return it for free within 30 days.',
  },
  {
    title: 'Devolución de pedidos',
    language: 'es',
    tags: ['devoluciones', 'reembolso', 'cambios'],
    body: [
      'Puedes devolver cualquier artículo en un plazo de **30 días** desde la entrega, siempre que esté sin usar y en su embalaje original.',
      '',
      '## Cómo hacer una devolución',
      '1. Escríbenos por el chat o a support@casahilo.example con tu número de pedido.',
      '2. Te enviamos una etiqueta de devolución prepagada en un día laborable.',
      '3. Entrega el paquete en cualquier oficina de Correos.',
      '',
      'El reembolso llega a la tarjeta o cuenta con la que pagaste en un máximo de **5 días laborables** desde que el paquete llega a nuestro almacén.',
    ].join('\n'),
  },
  {
    title: 'Envíos y plazos de entrega',
    language: 'es',
    tags: ['envíos', 'entrega', 'seguimiento'],
    body: [
      'Los pedidos hechos antes de las 14:00 en un día laborable salen de nuestro almacén el mismo día.',
      '',
      '- **Península:** 1–2 días laborables, gratis a partir de 60 €, si no 4,90 €.',
      '- **Unión Europea:** 3–5 días laborables, 9,90 €.',
      '',
      'Cuando tu pedido sale te enviamos por email el enlace de seguimiento.',
    ].join('\n'),
  },
];

/** Fills the demo site's help centre and turns its answer bot on (first start only, like the demo customer). */
export async function seedDemoArticles(knowledge: Pick<KnowledgeService, 'createFor' | 'setBotSettingsFor'>, siteId: string): Promise<void> {
  for (const article of DEMO_ARTICLES) await knowledge.createFor(siteId, article);
  await knowledge.setBotSettingsFor(siteId, { enabled: true });
}
