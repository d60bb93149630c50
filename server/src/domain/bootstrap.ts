import { createHash } from 'node:crypto';
import { DomainError } from './errors.js';
import { newId, newSecret } from './ids.js';
import { hashPassword, verifyPassword } from './password.js';
import type { AgentRepository, Site, SiteRepository } from './ports.js';

export interface BootstrapInput {
  publicUrl: string;
  extraOrigins: string[];
  adminEmail: string;
  /** When set, the admin's password is made to match it on every start. */
  adminPassword: string | undefined;
  supportEmail: string;
  /** When set, the demo site's integration token is made to match it on every start. */
  integrationToken?: string | undefined;
}

export interface BootstrapResult {
  site: Site;
  adminEmail: string;
  /** The generated password, only on the start that created the admin; otherwise null. */
  generatedPassword: string | null;
  /** The generated integration token, only on the start that created it; otherwise null. */
  generatedIntegrationToken: string | null;
  /** True on the start that created the demo site (seed data goes in then). */
  createdSite: boolean;
}

/** Loopback aliases of the public URL, so the demo works whichever name the browser uses. */
function demoOrigins(publicUrl: string, extra: string[]): string[] {
  const url = new URL(publicUrl);
  const origins = new Set([url.origin, ...extra]);
  if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    for (const host of ['localhost', '127.0.0.1', '[::1]']) origins.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
  }
  return [...origins];
}

/**
 * First start makes the demo site and an admin agent; later starts keep them, refresh the demo site's
 * allowed origins (the port may change) and apply ADMIN_PASSWORD if one is given.
 */
export async function bootstrap(sites: SiteRepository, agents: AgentRepository, input: BootstrapInput): Promise<BootstrapResult> {
  const origins = demoOrigins(input.publicUrl, input.extraOrigins);
  const existingId = await sites.demoSiteId();
  const existing = existingId ? await sites.findById(existingId) : null;
  let site: Site;
  let createdSite = false;
  if (existing) {
    const merged = [...new Set([...existing.allowedOrigins, ...origins])];
    if (merged.length !== existing.allowedOrigins.length) await sites.update(existing.id, { allowedOrigins: merged });
    if (existing.supportEmail !== input.supportEmail) await sites.update(existing.id, { supportEmail: input.supportEmail });
    // Sites from before the identity secret had its own key get one (userHash never verifies without).
    const identitySecret = existing.identitySecret || `ik_${newSecret(32)}`;
    if (identitySecret !== existing.identitySecret) await sites.update(existing.id, { identitySecret });
    site = { ...existing, allowedOrigins: merged, supportEmail: input.supportEmail, identitySecret };
  } else {
    createdSite = true;
    site = {
      id: newId('s'),
      name: 'Casa Hilo (demo store)',
      publicKey: `pk_${newSecret(12)}`,
      secret: `sk_${newSecret(32)}`,
      identitySecret: `ik_${newSecret(32)}`,
      allowedOrigins: origins,
      supportEmail: input.supportEmail,
      createdAt: Date.now(),
    };
    await sites.create(site);
    if (!(await sites.claimDemoSite(site.id))) {
      // Another process made the demo site at the same moment; use theirs.
      const winnerId = await sites.demoSiteId();
      const winner = winnerId ? await sites.findById(winnerId) : null;
      if (!winner) throw new DomainError('internal', 'Demo site vanished during bootstrap');
      site = winner;
      createdSite = false;
    }
  }

  let generatedIntegrationToken: string | null = null;
  const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
  if (input.integrationToken) await sites.setIntegrationToken(site.id, hash(input.integrationToken));
  else if (!(await sites.hasIntegrationToken(site.id))) {
    generatedIntegrationToken = `it_${newSecret(24)}`;
    await sites.setIntegrationToken(site.id, hash(generatedIntegrationToken));
  }

  const admin = await agents.findByEmail(input.adminEmail);
  if (admin) {
    if (input.adminPassword && !(await verifyPassword(input.adminPassword, admin.passwordHash))) {
      await agents.setPassword(admin.id, await hashPassword(input.adminPassword));
    }
    return { site, adminEmail: admin.email, generatedPassword: null, generatedIntegrationToken, createdSite };
  }
  const password = input.adminPassword ?? newSecret(12);
  const created = await agents.create({
    id: newId('a'),
    siteId: site.id,
    email: input.adminEmail,
    name: 'Alex Admin',
    role: 'admin',
    passwordHash: await hashPassword(password),
    createdAt: Date.now(),
  });
  return { site, adminEmail: input.adminEmail, generatedPassword: created && !input.adminPassword ? password : null, generatedIntegrationToken, createdSite };
}
