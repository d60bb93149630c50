import type { CookieOptions } from 'express';

export const SESSION_COOKIE = 'hilo_session';

/** Strict same-site: the cookie never rides along on requests that another site starts. */
export function sessionCookieOptions(publicUrl: string, maxAgeSeconds: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    maxAge: maxAgeSeconds * 1000,
  };
}
