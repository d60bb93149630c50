import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', publicUrl: 'http://localhost:3000', redisUrl: undefined });
  });

  it('normalises PUBLIC_URL to an origin and splits origin lists', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://chat.example.com/', DEMO_ALLOWED_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.publicUrl).toBe('https://chat.example.com');
    expect(config.demoAllowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('lists every bad variable in one readable error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://nope', ADMIN_PASSWORD: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('ADMIN_PASSWORD must be at least 10 characters');
  });
});
