import type { Agent, SiteInstall } from '@hilo/shared';
import { DomainError } from './errors.js';
import type { Site, SiteRepository } from './ports.js';

/** The script tag a site owner pastes into every page (printed at start, shown in Settings → Install). */
export function embedSnippet(baseUrl: string, publicKey: string): string {
  return `<script async src="${baseUrl.replace(/\/$/, '')}/widget/loader.js" data-site="${publicKey}"></script>`;
}

export interface SiteInstallDeps {
  sites: SiteRepository;
  /** Where browsers load the widget from (PUBLIC_URL). */
  publicUrl: string;
}

/**
 * What a site owner needs to put the widget on their pages: the snippet, the origins allowed to embed
 * it, and the secret their server signs `userHash` with. Admins only: the secret identifies customers.
 */
export function createSiteInstallService({ sites, publicUrl }: SiteInstallDeps) {
  async function siteOf(agent: Agent): Promise<Site> {
    if (agent.role !== 'admin') throw new DomainError('forbidden', 'Only admins see the install settings');
    const site = await sites.findById(agent.siteId);
    if (!site) throw new DomainError('not_found', 'Site not found');
    return site;
  }

  const view = (site: Site): SiteInstall => ({
    publicKey: site.publicKey,
    snippet: embedSnippet(publicUrl, site.publicKey),
    allowedOrigins: site.allowedOrigins,
    identitySecret: site.identitySecret,
  });

  return {
    async get(agent: Agent): Promise<SiteInstall> {
      return view(await siteOf(agent));
    },

    /** Replaces the allow-list; it takes effect for the next connection (open chats stay open). */
    async setOrigins(agent: Agent, origins: string[]): Promise<SiteInstall> {
      const site = await siteOf(agent);
      const allowedOrigins = [...new Set(origins)];
      await sites.update(site.id, { allowedOrigins });
      return view({ ...site, allowedOrigins });
    },
  };
}

export type SiteInstallService = ReturnType<typeof createSiteInstallService>;
