/** The customer the demo seeds with history on other channels, and signs in on the storefront. */
export const DEMO_CUSTOMER = {
  name: 'Ana García',
  email: 'ana@example.com',
  phone: '+34612345678',
  attributes: { plan: 'Gold member', locale: 'es-ES', orders: 7, cartValue: 77 },
} as const;
