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
}

export interface BootstrapResult {
  site: Site;
  adminEmail: string;
  /** The generated password, only on the start that created the admin; otherwise null. */
  generatedPassword: string | null;
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
  let site: Site | null = null;
  const existingId = await sites.demoSiteId();
  if (existingId) site = await sites.findById(existingId);
  if (site) {
    const merged = [...new Set([...site.allowedOrigins, ...origins])];
    if (merged.length !== site.allowedOrigins.length) await sites.update(site.id, { allowedOrigins: merged });
    site = { ...site, allowedOrigins: merged };
  } else {
    site = {
      id: newId('s'),
      name: 'Casa Hilo (demo store)',
      publicKey: `pk_${newSecret(12)}`,
      secret: `sk_${newSecret(32)}`,
      allowedOrigins: origins,
      createdAt: Date.now(),
    };
    await sites.create(site);
    if (!(await sites.claimDemoSite(site.id))) {
      // Another process made the demo site at the same moment; use theirs.
      const winnerId = await sites.demoSiteId();
      const winner = winnerId ? await sites.findById(winnerId) : null;
      if (!winner) throw new DomainError('internal', 'Demo site vanished during bootstrap');
      site = winner;
    }
  }

  const admin = await agents.findByEmail(input.adminEmail);
  if (admin) {
    if (input.adminPassword && !(await verifyPassword(input.adminPassword, admin.passwordHash))) {
      await agents.setPassword(admin.id, await hashPassword(input.adminPassword));
    }
    return { site, adminEmail: admin.email, generatedPassword: null };
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
  return { site, adminEmail: input.adminEmail, generatedPassword: created && !input.adminPassword ? password : null };
}
